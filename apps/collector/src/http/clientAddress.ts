/**
 * The client's address, for the rate limiter's hash only: never stored or logged.
 */
import type { Context } from 'hono';
import type { AppEnv } from './env.js';

/**
 * The socket's peer address, or with `trustProxy` the last `X-Forwarded-For`
 * hop: the one the trusted proxy appended. The first is whatever the client
 * wrote, and would give it a fresh rate-limit bucket per request.
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for');
    if (forwarded) return forwarded.split(',').at(-1)?.trim() ?? '';
  }
  return c.env?.incoming?.socket?.remoteAddress ?? '';
}
