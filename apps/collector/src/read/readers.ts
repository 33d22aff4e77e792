/**
 * `GET /v1/sites/:site/readers`: the site's readers in a range (by default
 * the reader model's window ending today), each as of their latest activity
 * in it — the band counts, readers by band each day, how readers moved
 * against the previous period of the same length, and the readers at risk
 * (DESIGN.md, "The reader score"). `format=csv&band=high` exports a segment:
 * pseudonymous visitor ids, for a newsletter or CRM tool.
 */
import { Hono } from 'hono';
import type { Store } from '../store/store.js';
import { isoDay } from '../days.js';
import type { AppEnv } from '../http/env.js';
import { problem } from '../http/errors.js';
import { validate } from '../http/validate.js';
import { csvField } from './csv.js';
import { readersQuery, siteParams } from './params.js';
import { rangeOf } from './query.js';
import { readerQueryOf, readersAnswer } from './readerSegments.js';

/** At-risk readers listed at most, largest fall first. */
export const AT_RISK_LIMIT = 100;

export function readersRoutes(store: Store, now: () => number): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/',
    validate('param', siteParams),
    validate('query', readersQuery),
    async function getReaders(c) {
      const site = c.get('site')!;
      const { format, band, ...range } = c.req.valid('query');
      const model = site.readerModel;
      const resolved = rangeOf(c, range, model.windowDays, now());
      if (resolved instanceof Response) return resolved;
      const { from, to } = resolved;
      if (format === 'csv') {
        if (band === undefined || !Object.hasOwn(model.bands, band)) {
          const message = `must be one of ${Object.keys(model.bands).join(', ')}`;
          return problem(c, 400, 'invalid_request', `invalid query: band ${message}`, [
            { path: 'band', message },
          ]);
        }
        const rows = await store.readerSegment(site.id, resolved, band);
        const lines = ['visitor,score,band,last_seen'].concat(
          rows.map((row) =>
            [row.visitor, row.scoreX10 / 10, row.band, isoDay(row.day)].map(csvField).join(','),
          ),
        );
        return c.body(`${lines.join('\r\n')}\r\n`, 200, {
          'Content-Type': 'text/csv; charset=utf-8; header=present',
          'Content-Disposition': `attachment; filename="dwell-${site.id}-readers-${band}-${isoDay(from)}-${isoDay(to)}.csv"`,
        });
      }
      const segments = await store.readerSegments(readerQueryOf(site, resolved, AT_RISK_LIMIT));
      return c.json({ site: site.id, ...readersAnswer(segments, model, site.readerVersion, resolved) });
    },
  );
}
