/** `GET /healthz`: 200 when the store answers, 503 when it does not. */
import type { Handler } from 'hono';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { AppEnv } from './env.js';
import { problem } from './errors.js';

export function health(store: Store, logger: Logger): Handler<AppEnv> {
  return async function getHealth(c) {
    try {
      await store.ping();
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'ok' });
    } catch (error) {
      logger.error('GET /healthz: the store did not answer', error);
      return problem(c, 503, 'store_unavailable', 'the store did not answer');
    }
  };
}
