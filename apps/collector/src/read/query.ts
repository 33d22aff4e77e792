/** The store query of a read request: its site, model and resolved day range. */
import type { Context } from 'hono';
import type { Site } from '../sites.js';
import type { ContentQuery } from '../store/store.js';
import type { AppEnv } from '../http/env.js';
import { fieldList, problem } from '../http/errors.js';
import { resolveRange } from './range.js';

/** The query of a request's range, or the 400 that names the bad field. */
export function queryOf(
  c: Context<AppEnv>,
  site: Site,
  range: { from?: string | undefined; to?: string | undefined },
  now: number,
): ContentQuery | Response {
  const resolved = resolveRange(range, site.model.windowDays, now);
  if (!resolved.ok) {
    return problem(
      c,
      400,
      'invalid_request',
      `invalid query: ${fieldList(resolved.issues)}`,
      resolved.issues,
    );
  }
  return { site: site.id, model: site.model, range: resolved.range, now } satisfies ContentQuery;
}
