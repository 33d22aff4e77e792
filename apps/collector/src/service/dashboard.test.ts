import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testApp } from '../testing.js';
import { DASHBOARD_CSP } from './dashboard.js';

function builtDashboard(): string {
  const dir = join(tempDir(), 'dist') + '/';
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script src="/dashboard/dashboard.js"></script>');
  writeFileSync(join(dir, 'dashboard.js'), 'console.log(1)');
  writeFileSync(join(dir, 'dashboard.css'), 'body{}');
  writeFileSync(join(dir, 'main.js'), 'tsc output, not served');
  return dir;
}

describe('GET /dashboard', () => {
  it('serves the page and its assets with a strict CSP and an ETag, 304 on revalidation', async () => {
    const { app } = testApp(undefined, { dashboardDir: builtDashboard() });
    for (const [path, type] of [
      ['/dashboard', 'text/html; charset=utf-8'],
      ['/dashboard/', 'text/html; charset=utf-8'],
      ['/dashboard/dashboard.js', 'application/javascript; charset=utf-8'],
      ['/dashboard/dashboard.css', 'text/css; charset=utf-8'],
    ] as const) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const etag = response.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]{22}"$/);
      const again = await app.request(path, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
    }
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).not.toContain('unsafe-inline');
    expect(await (await app.request('/dashboard')).text()).toContain('/dashboard/dashboard.js');
  });

  it('serves nothing else from the directory, and says when it is not built', async () => {
    const { app } = testApp(undefined, { dashboardDir: builtDashboard() });
    for (const path of ['/dashboard/main.js', '/dashboard/../package.json', '/dashboard/%2e%2e/x']) {
      expect((await app.request(path)).status).toBe(404);
    }
    const missing = testApp(undefined, { dashboardDir: join(tempDir(), 'none') + '/' });
    const response = await missing.app.request('/dashboard');
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('dashboard_not_built');
  });
});
