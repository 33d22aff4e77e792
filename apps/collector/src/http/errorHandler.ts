/**
 * What the app does with an error no handler caught. Input is validated, so
 * it is a bug — unless the client went away mid-upload and reading the body
 * failed: nobody waits for an answer then, and nothing is wrong with the
 * server, so no error line and no 500, only the request line with nginx's
 * `499` ("client closed request"). A deliberate 503 (`retryAfterSeconds`)
 * and the database being away (`isUnavailableError`) are 503s with
 * `Retry-After`, not bugs either.
 */
import type { Context, ErrorHandler } from 'hono';
import type { UnofficialStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../log.js';
import type { AppEnv } from './env.js';
import { problem } from './errors.js';
import type { RequestCounts } from './requestCounts.js';
import { isUnavailableError } from '../store/unavailable.js';

/** When to ask again while the database is away, seconds (as ingest's refusal says). */
export const DATABASE_RETRY_S = 1;

/** The status logged for a request whose client closed the connection before sending its body (nginx's). */
export const CLIENT_CLOSED_REQUEST = 499;

/** Whether the request's connection closed before its whole body arrived. */
function clientWentAway(c: Context<AppEnv>): boolean {
  const incoming = c.env?.incoming;
  if (!incoming || incoming.complete) return false;
  return incoming.destroyed || incoming.errored !== null;
}

/**
 * The seconds after which an error says to try again (`retryAfterSeconds`,
 * as the store's `StoreBusyError` does), or `undefined`: such an error is a
 * deliberate 503, not a bug.
 */
function retryAfterOf(error: unknown): number | undefined {
  const seconds = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof seconds === 'number' ? seconds : undefined;
}

export function errorHandler(logger: Logger, counts: RequestCounts): ErrorHandler<AppEnv> {
  return function unexpectedError(error, c) {
    if (clientWentAway(c)) {
      counts.clientAborts++;
      // Written to a closed socket: only the request log sees the status.
      return c.body(null, CLIENT_CLOSED_REQUEST as UnofficialStatusCode);
    }
    const retryAfter = retryAfterOf(error);
    if (retryAfter !== undefined) {
      c.header('Retry-After', String(retryAfter));
      return problem(c, 503, 'unavailable', `${error.message}: ask again`);
    }
    // The database away: the health check says so; each request's 503 is in the request log.
    if (isUnavailableError(error)) {
      c.header('Retry-After', String(DATABASE_RETRY_S));
      return problem(c, 503, 'unavailable', 'the database cannot be reached: ask again');
    }
    counts.serverErrors++;
    logger.error(`${c.req.method} ${c.req.path} failed`, error);
    return problem(c, 500, 'internal_error', 'unexpected error');
  };
}
