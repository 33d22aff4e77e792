/**
 * The `Dwell-View-Lag` header of read answers: how far the views they come
 * from are behind the log (`events=N, ms=M`). A visitor's score waits for
 * that visitor's events; lists and overviews do not, and may lag by this much.
 */
import type { MiddlewareHandler } from 'hono';
import type { Store } from '../store/store.js';
import type { AppEnv } from '../http/env.js';

/** The header's name. */
export const VIEW_LAG_HEADER = 'Dwell-View-Lag';

export function viewLagHeader(store: Store, now: () => number): MiddlewareHandler<AppEnv> {
  return async function addViewLag(c, next) {
    const lag = await store.lag(now());
    await next();
    c.header(VIEW_LAG_HEADER, `events=${lag.events}, ms=${lag.ms}`);
  };
}
