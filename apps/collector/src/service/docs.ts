/**
 * `GET /docs`: the OpenAPI document as readable, interactive docs, Scalar's
 * API reference. Its page is one script tag for Scalar's standalone bundle and
 * one inline script that starts it. No installed package ships that bundle
 * (`@scalar/hono-api-reference` only writes the page; `@scalar/api-reference`
 * would be one more dependency), so the page loads it from jsDelivr, as
 * Scalar does by default — but pinned to the release that matches the
 * installed integration and checked by Subresource Integrity, because this is
 * a page where editors type their read and admin keys, and the
 * Content-Security-Policy allows that one file and nothing else from outside.
 */
import { createHash } from 'node:crypto';
import { Scalar } from '@scalar/hono-api-reference';
import type { Handler } from 'hono';
import type { AppEnv } from '../http/env.js';

/** The document the page reads (same origin: `connect-src 'self'`). */
export const OPENAPI_PATH = '/v1/openapi.json';

/**
 * Scalar's standalone bundle, the release built against the installed
 * integration's @scalar/types 0.6.10 and @scalar/helpers 0.2.18.
 */
export const SCALAR_BUNDLE =
  'https://cdn.jsdelivr.net/npm/@scalar/api-reference@1.46.4/dist/browser/standalone.js';

/** The bundle's SHA-384 (of `dist/browser/standalone.js` in the npm tarball): a changed file is not run. */
export const SCALAR_BUNDLE_INTEGRITY =
  'sha384-BbTs28WithFYxTDCiH0YPK5tv3MflhBVpABoMjfb9UqXa/hegSE9I4THoddKejMF';

/** Options that keep the page off Scalar's own services, so the CSP can stay as strict as it is. */
const CONFIGURATION = {
  url: OPENAPI_PATH,
  cdn: SCALAR_BUNDLE,
  pageTitle: 'Dwell collector API',
  // Its fonts (Inter and a mono) come from fonts.scalar.com: the system's do instead.
  withDefaultFonts: false,
  // On localhost its agent chat calls api.scalar.com (through proxy.scalar.com).
  agent: { disabled: true },
  // Its toolbar (on localhost) shares the document through scalar.com.
  showDeveloperTools: 'never',
  telemetry: false,
} as const;

/**
 * What the page needs: the pinned bundle and the hash of the inline script
 * that starts it; `'unsafe-inline'` styles, because the bundle injects its CSS
 * as `<style>` elements while it runs (no hash can name those); its icons,
 * SVG `data:` URLs in that CSS; and fetches of the document and of "Try it"
 * requests to this origin. No `'unsafe-eval'`: the bundle only probes for
 * `new Function` and does without.
 */
export function docsCsp(inlineScript: string): string {
  const hash = createHash('sha256').update(inlineScript, 'utf8').digest('base64');
  return [
    "default-src 'none'",
    `script-src ${SCALAR_BUNDLE} 'sha256-${hash}'`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const INLINE_SCRIPT = /<script type="text\/javascript">([\s\S]*?)<\/script>/;

/** Scalar's page with the bundle's integrity added, and the CSP that lets exactly it run. */
export function securedPage(html: string): { html: string; csp: string } {
  const tag = `<script src="${SCALAR_BUNDLE}">`;
  const inline = INLINE_SCRIPT.exec(html)?.[1];
  // A page of another shape would run unchecked or not at all: fail loudly instead.
  if (!html.includes(tag) || inline === undefined)
    throw new Error("Scalar's page is not the one docs.ts secures");
  const pinned = `<script src="${SCALAR_BUNDLE}" integrity="${SCALAR_BUNDLE_INTEGRITY}" crossorigin="anonymous">`;
  return { html: html.replace(tag, pinned), csp: docsCsp(inline) };
}

export function docs(): Handler<AppEnv> {
  const render = Scalar<AppEnv>(CONFIGURATION);
  let page: Promise<{ html: string; csp: string }> | undefined;
  return async function getDocs(c, next) {
    // The page is the same for every request: written once.
    page ??= Promise.resolve(render(c, next)).then(async (response) => securedPage(await response!.text()));
    const { html, csp } = await page;
    c.header('Content-Security-Policy', csp);
    c.header('Cache-Control', 'no-cache');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    return c.html(html);
  };
}
