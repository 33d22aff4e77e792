/**
 * `GET /dashboard`: the editors' dashboard, the static files rollup builds into
 * `apps/dashboard/dist/` — only those three, never the rest of the directory.
 * The page calls the read API with the key the editor types, so it runs under
 * a strict Content-Security-Policy: scripts and styles from this origin only,
 * no inline script, connections to this origin only, never framed. Every file
 * is revalidated (`no-cache`) against its ETag: a 304 costs nothing and a
 * rebuild is seen at once.
 */
import { fileURLToPath } from 'node:url';
import type { Context, Hono } from 'hono';
import { matchesEtag } from '../http/etag.js';
import type { AppEnv } from '../http/env.js';
import { problem } from '../http/errors.js';
import { staticFile } from './staticFile.js';

/** The built dashboard, relative to this module: `src/http/` and `dist/http/` are equally deep. */
export const DASHBOARD_DIR = fileURLToPath(new URL('../../../dashboard/dist/', import.meta.url));

export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const FILES: Record<string, { name: string; type: string }> = {
  '/dashboard': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/dashboard/': { name: 'index.html', type: 'text/html; charset=utf-8' },
  '/dashboard/dashboard.js': { name: 'dashboard.js', type: 'application/javascript; charset=utf-8' },
  '/dashboard/dashboard.css': { name: 'dashboard.css', type: 'text/css; charset=utf-8' },
};

/** Adds the dashboard's routes to `app`. */
export function dashboardRoutes(app: Hono<AppEnv>, dir: string = DASHBOARD_DIR): void {
  const files = new Map(
    Object.entries(FILES).map(([path, { name, type }]) => [path, { type, file: staticFile(dir + name) }]),
  );
  app.get('/dashboard/*', getDashboardFile);
  app.get('/dashboard', getDashboardFile);

  async function getDashboardFile(c: Context<AppEnv>) {
    const entry = files.get(c.req.path);
    if (!entry) return problem(c, 404, 'not_found', `no dashboard file ${c.req.path}`);
    const loaded = await entry.file.load();
    if (!loaded) {
      return problem(
        c,
        404,
        'dashboard_not_built',
        'the dashboard apps/dashboard/dist/ does not exist yet: build it with npm run build',
      );
    }
    c.header('ETag', loaded.etag);
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', DASHBOARD_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (matchesEtag(c.req.header('if-none-match'), loaded.etag)) return c.body(null, 304);
    return c.body(new Uint8Array(loaded.body), 200, { 'Content-Type': entry.type });
  }
}
