/**
 * CORS with per-site origins. Hono's stock `cors()` takes one origin policy
 * per route, but a site's origins depend on the site, which `/v1/events` only
 * learns from the body: so a preflight (which has no body) is answered for an
 * origin that any site accepts, and the response carries
 * `Access-Control-Allow-Origin` only if the request's own site accepts it.
 */
import type { MiddlewareHandler } from 'hono';
import type { Sites } from '../sites.js';
import type { AppEnv } from './env.js';

/** How long a browser may cache a preflight, seconds. */
export const PREFLIGHT_MAX_AGE = 86_400;

function preflight(origin: string, methods: string, headers: string): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': methods,
      'Access-Control-Allow-Headers': headers,
      'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE),
      Vary: 'Origin',
    },
  });
}

/** A refused preflight: no CORS headers, so the browser does not send the request. */
function refused(): Response {
  return new Response(null, { status: 403, headers: { Vary: 'Origin' } });
}

/** CORS of `POST /v1/events`. */
export function eventsCors(sites: Sites): MiddlewareHandler<AppEnv> {
  return async function eventsCors(c, next) {
    const origin = c.req.header('origin');
    if (c.req.method === 'OPTIONS') {
      return origin && sites.anyAllows(origin) ? preflight(origin, 'POST', 'Content-Type') : refused();
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (!origin) return;
    const site = c.get('site');
    if (site ? site.allowsOrigin(origin) : sites.anyAllows(origin)) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      // The SDK backs off by Retry-After on a 429: let it read the header.
      c.res.headers.set('Access-Control-Expose-Headers', 'Retry-After');
    }
  };
}

/** CORS of the read API: the site's own origins may call it with a read key. */
export function readCors(sites: Sites): MiddlewareHandler<AppEnv> {
  return async function readCors(c, next) {
    const origin = c.req.header('origin');
    const site = sites.get(c.req.param('site') ?? '');
    const allowed = origin !== undefined && site !== undefined && site.allowsOrigin(origin);
    if (c.req.method === 'OPTIONS') {
      return allowed ? preflight(origin, 'GET', 'Authorization') : refused();
    }
    await next();
    c.res.headers.append('Vary', 'Origin');
    if (allowed && !c.res.headers.has('Access-Control-Allow-Origin')) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
    }
  };
}
