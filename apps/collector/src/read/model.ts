/**
 * `GET /v1/sites/:site/model`: the site's models as `{"version", "model",
 * "reader": {"version", "model"}}`, the shape the SDK reads. Public and
 * cacheable: any page may fetch it, and the ETag (both versions, content
 * hashes) answers revalidations with 304.
 */
import type { Handler } from 'hono';
import { siteModelsOf, type Sites } from '../sites.js';
import type { AppEnv } from '../http/env.js';
import { problem } from '../http/errors.js';
import { matchesEtag } from '../http/etag.js';

/** Browsers and proxies reuse the model this long, seconds, then revalidate. */
export const MODEL_MAX_AGE = 300;

export function modelHandler(sites: Sites): Handler<AppEnv> {
  /** Each site's body, made again when its models change (`PUT /model`). */
  const bodies = new Map<string, { etag: string; body: string }>();
  return function getModel(c) {
    const site = sites.get(c.req.param('site') ?? '');
    if (!site) return problem(c, 404, 'unknown_site', `unknown site: ${c.req.param('site') ?? ''}`);
    const etag = `"${site.version}.${site.readerVersion}"`;
    let cached = bodies.get(site.id);
    if (cached?.etag !== etag) {
      const body = JSON.stringify(siteModelsOf(site));
      bodies.set(site.id, (cached = { etag, body }));
    }
    c.header('ETag', etag);
    c.header('Cache-Control', `public, max-age=${MODEL_MAX_AGE}`);
    c.header('Access-Control-Allow-Origin', '*');
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    return c.body(cached.body, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  };
}
