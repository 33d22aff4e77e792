/**
 * One log line per request: method, path, status, duration. The path only —
 * no query string, no address, no header — so a log never holds a read key
 * or anything that identifies a reader.
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../log.js';

export function requestLog(logger: Logger): MiddlewareHandler {
  return async function requestLog(c, next) {
    const start = performance.now();
    await next();
    const duration = (performance.now() - start).toFixed(1);
    logger.info(`${c.req.method} ${c.req.path} ${c.res.status} ${duration}ms`);
  };
}
