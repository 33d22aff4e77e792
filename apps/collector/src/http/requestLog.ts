/**
 * One log line per request: method, path, status, duration. The path only —
 * no query string, no address, no header — and with a visitor id in it
 * replaced, so a log never holds a read key or anything that identifies a
 * reader.
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../log.js';

/** `/v1/sites/:site/visitors/:visitor/…` with the visitor id left out. */
export function loggedPath(path: string): string {
  return path.replace(/(\/visitors\/)[^/]+/, '$1:visitor');
}

export function requestLog(logger: Logger): MiddlewareHandler {
  return async function requestLog(c, next) {
    const start = performance.now();
    await next();
    const duration = (performance.now() - start).toFixed(1);
    logger.info(`${c.req.method} ${loggedPath(c.req.path)} ${c.res.status} ${duration}ms`);
  };
}
