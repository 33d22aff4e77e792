/**
 * `Authorization: Bearer <admin key>` for the calls that change a site
 * (`PUT /model`): 401 without a key or with a key of no site, 403 with a read
 * key (it may read, not change) or another site's admin key.
 */
import type { MiddlewareHandler } from 'hono';
import type { Sites } from '../sites.js';
import type { AppEnv } from './env.js';
import { problem } from './errors.js';
import { bearerKey } from './readAuth.js';

export function adminAuth(sites: Sites): MiddlewareHandler<AppEnv> {
  return async function adminAuth(c, next) {
    const key = bearerKey(c.req.header('authorization'));
    const wanted = c.req.param('site') ?? '';
    if (!key) {
      c.header('WWW-Authenticate', 'Bearer realm="dwell"');
      return problem(c, 401, 'unauthorized', 'send the site admin key as Authorization: Bearer <admin key>');
    }
    const site = sites.ofAdminKey(key);
    if (!site) {
      if (sites.ofReadKey(key)) {
        return problem(c, 403, 'forbidden', `a read key cannot change site ${wanted}: send its admin key`);
      }
      c.header('WWW-Authenticate', 'Bearer realm="dwell", error="invalid_token"');
      return problem(c, 401, 'invalid_admin_key', 'this admin key belongs to no site');
    }
    if (site.id !== wanted) {
      return problem(c, 403, 'forbidden', `this admin key does not belong to site ${wanted}`);
    }
    c.set('site', site);
    await next();
  };
}
