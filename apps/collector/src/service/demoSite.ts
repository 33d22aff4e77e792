/**
 * `GET /demo/…`: the static pages of the development site in
 * `apps/collector/demo/`, each embedding the script tag with `data-site="demo"`.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Handler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { problem } from '../http/errors.js';

/** The demo pages, relative to this module (`src/http/` or `dist/http/`). */
export const DEMO_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
};

/** Serves files under `root` for paths under `prefix`; a directory serves its index.html. */
export function demoSite(root: string = DEMO_DIR, prefix = '/demo/'): Handler<AppEnv> {
  const base = resolve(root);
  return async function getDemoFile(c) {
    const relative = c.req.path.slice(prefix.length);
    const file = resolve(
      base,
      `.${sep}${relative.endsWith('/') || !relative ? `${relative}index.html` : relative}`,
    );
    // resolve() has removed any `..`: what is not under the root is not served.
    if (!file.startsWith(base + sep)) return problem(c, 404, 'not_found', 'no such demo file');
    try {
      const body = await readFile(file);
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
    } catch {
      return problem(c, 404, 'not_found', 'no such demo file');
    }
  };
}
