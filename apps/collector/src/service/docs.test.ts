import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing.js';
import { SCALAR_BUNDLE, SCALAR_BUNDLE_INTEGRITY, securedPage } from './docs.js';

const BUNDLE = 'https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.46.4/dist/browser/standalone.js';

describe('GET /docs', () => {
  it('serves Scalar on the served document, under a CSP that lets only the pinned bundle and its start run', async () => {
    const { app } = testApp();
    const response = await app.request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const html = await response.text();
    expect(html).toContain('"url": "/v1/openapi.json"');
    expect(html).toContain(
      `<script src="${BUNDLE}" integrity="${SCALAR_BUNDLE_INTEGRITY}" crossorigin="anonymous"></script>`,
    );
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(2);
    const start = scripts.find(([, attributes]) => !attributes!.includes('src='))![2]!;
    expect(start).toContain("Scalar.createApiReference('#app'");
    const hash = createHash('sha256').update(start).digest('base64');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; " +
        `script-src ${BUNDLE} 'sha256-${hash}'; ` +
        "style-src 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    // The options that keep the page off Scalar's own services.
    expect(start).toContain('"withDefaultFonts": false');
    expect(start).toMatch(/"agent": \{\s*"disabled": true\s*\}/);
    expect(html).not.toMatch(/fonts\.scalar\.com|api\.scalar\.com|proxy\.scalar\.com/);
    // The same page again: written once.
    const again = await app.request('/docs');
    expect(await again.text()).toBe(html);
    expect(again.headers.get('content-security-policy')).toBe(
      response.headers.get('content-security-policy'),
    );
  });

  it('refuses a page it does not know how to secure', () => {
    expect(SCALAR_BUNDLE).toBe(BUNDLE);
    expect(() =>
      securedPage('<script src="https://cdn.jsdelivr.net/npm/@scalar/api-reference"></script>'),
    ).toThrow(/not the one/);
  });
});
