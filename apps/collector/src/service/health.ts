/**
 * `GET /healthz`: 200 when the store answers, 503 when it does not. The 200
 * also counts, since start, the requests answered 500 and the uploads their
 * client broke off, apart: only the first is worth an operator's eye; and
 * says how far the views are behind the log (`lag`). Behind a JetStream
 * stream it answers for ingest, which needs the stream and not the
 * database: 503 when the stream cannot take events, 200 while it can,
 * with the database's state in `stream.database` (reads wait for it).
 */
import type { Handler } from 'hono';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { AppEnv } from '../http/env.js';
import { problem } from '../http/errors.js';
import type { RequestCounts } from '../http/requestCounts.js';

export function health(store: Store, logger: Logger, counts: RequestCounts): Handler<AppEnv> {
  return async function getHealth(c) {
    try {
      await store.ping();
      const { events, ms, error, stream } = await store.lag(Date.now());
      c.header('Cache-Control', 'no-store');
      return c.json({
        status: 'ok',
        server_errors: counts.serverErrors,
        client_aborts: counts.clientAborts,
        lag: { events, ms, ...(error && { error }) },
        ...(stream && { stream }),
      });
    } catch (error) {
      logger.error('GET /healthz: the store did not answer', error);
      return problem(c, 503, 'store_unavailable', 'the store did not answer');
    }
  };
}
