/**
 * The client's address, for the rate limiter's hash only: never stored or logged.
 */
import type { Context } from 'hono';
import type { AppEnv } from './env.js';

/** The socket's peer address, or with `trustProxy` the first `X-Forwarded-For` hop. */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    if (forwarded) return forwarded.split(',')[0]?.trim() ?? '';
  }
  return c.env?.incoming?.socket?.remoteAddress ?? '';
}
