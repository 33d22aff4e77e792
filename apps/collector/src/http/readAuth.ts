/**
 * `Authorization: Bearer <read key>` for the read API: 401 without a valid
 * key, 403 with the key of another site.
 */
import type { MiddlewareHandler } from 'hono';
import type { Sites } from '../sites.js';
import type { AppEnv } from './env.js';
import { problem } from './errors.js';

const BEARER = /^Bearer +(\S+) *$/i;

/** The key of an `Authorization: Bearer <key>` header, if it has one. */
export function bearerKey(header: string | undefined): string | undefined {
  return BEARER.exec(header ?? '')?.[1];
}

export function readAuth(sites: Sites): MiddlewareHandler<AppEnv> {
  return async function readAuth(c, next) {
    const key = bearerKey(c.req.header('authorization'));
    if (!key) {
      c.header('WWW-Authenticate', 'Bearer realm="dwell"');
      return problem(c, 401, 'unauthorized', 'send the site read key as Authorization: Bearer <read key>');
    }
    const site = sites.ofReadKey(key);
    if (!site) {
      c.header('WWW-Authenticate', 'Bearer realm="dwell", error="invalid_token"');
      return problem(c, 401, 'invalid_read_key', 'this read key belongs to no site');
    }
    if (site.id !== c.req.param('site')) {
      return problem(
        c,
        403,
        'forbidden',
        `this read key does not belong to site ${c.req.param('site') ?? ''}`,
      );
    }
    c.set('site', site);
    await next();
  };
}
