/**
 * `X-Content-Type-Options: nosniff` on every answer: a browser must take a
 * JSON error or a CSV download for what its `Content-Type` says, never guess
 * HTML or a script from its bytes.
 */
import type { MiddlewareHandler } from 'hono';

export function nosniff(): MiddlewareHandler {
  return async function nosniff(c, next) {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
  };
}
