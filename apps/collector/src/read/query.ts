/** The store query of a read request: its site, model and resolved day range. */
import type { Context } from 'hono';
import type { Site } from '../sites.js';
import type { ContentQuery, DayRange } from '../store/store.js';
import type { AppEnv } from '../http/env.js';
import { fieldList, problem } from '../http/errors.js';
import { resolveRange } from './range.js';

type RangeParams = { from?: string | undefined; to?: string | undefined };

/** A request's day range within a window of `windowDays`, or the 400 that names the bad field. */
export function rangeOf(
  c: Context<AppEnv>,
  range: RangeParams,
  windowDays: number,
  now: number,
): DayRange | Response {
  const resolved = resolveRange(range, windowDays, now);
  if (resolved.ok) return resolved.range;
  return problem(c, 400, 'invalid_request', `invalid query: ${fieldList(resolved.issues)}`, resolved.issues);
}

/** The query of a request's range, or the 400 that names the bad field. */
export function queryOf(
  c: Context<AppEnv>,
  site: Site,
  range: RangeParams,
  now: number,
): ContentQuery | Response {
  const resolved = rangeOf(c, range, site.model.windowDays, now);
  if (resolved instanceof Response) return resolved;
  return { site: site.id, model: site.model, range: resolved, now } satisfies ContentQuery;
}
