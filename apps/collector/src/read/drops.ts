/**
 * `GET /v1/sites/:site/drops`: content whose score fell markedly against the
 * previous period of the same length (for the last 7 days: the 7 before).
 * "Markedly" is a fall of at least `min_drop` points with at least
 * `min_readers` readers in both periods — a handful of readers moves a mean
 * by chance — and `significant` says whether the two 95% intervals do not
 * even overlap. Largest drops first.
 */
import { Hono } from 'hono';
import type { ContentTotals, Store } from '../store/store.js';
import { isoDay } from '../days.js';
import type { AppEnv } from '../http/env.js';
import { validate } from '../http/validate.js';
import { dropsQuery, siteParams } from './params.js';
import { queryOf } from './query.js';
import { bandOfScore, oneDecimal, scoreInterval } from './ranking.js';

interface Compared {
  content: string;
  current: ContentTotals;
  previous: ContentTotals;
  drop: number;
}

/** The contents in both lists with enough readers whose mean fell by at least `minDrop`, largest first. */
export function findDrops(
  current: readonly ContentTotals[],
  previous: readonly ContentTotals[],
  minDrop: number,
  minReaders: number,
): Compared[] {
  const before = new Map(previous.map((entry) => [entry.content, entry]));
  const drops: Compared[] = [];
  for (const entry of current) {
    const old = before.get(entry.content);
    if (!old || entry.readers < minReaders || old.readers < minReaders) continue;
    const drop = oneDecimal(old.scoreX10 / 10 / old.readers - entry.scoreX10 / 10 / entry.readers);
    if (drop >= minDrop && drop > 0)
      drops.push({ content: entry.content, current: entry, previous: old, drop });
  }
  return drops.sort((a, b) => b.drop - a.drop || (a.content < b.content ? -1 : 1));
}

export function dropsRoutes(store: Store, now: () => number): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/',
    validate('param', siteParams),
    validate('query', dropsQuery),
    async function listDrops(c) {
      const site = c.get('site')!;
      const { limit, min_drop, min_readers, section, author, ...range } = c.req.valid('query');
      const query = queryOf(c, site, range, now());
      if (query instanceof Response) return query;
      const length = query.range.to - query.range.from + 1;
      const previousRange = { from: query.range.from - length, to: query.range.from - 1 };
      const filters = { ...(section !== undefined && { section }), ...(author !== undefined && { author }) };
      const [current, previous] = await Promise.all([
        store.contentTotals({ ...query, ...filters }),
        store.contentTotals({ ...query, ...filters, range: previousRange }),
      ]);
      const drops = findDrops(current, previous, min_drop, min_readers).slice(0, limit);
      const details = await store.contentDetails(
        query,
        drops.map((entry) => entry.content),
      );
      const band = (value: number) => bandOfScore(value, site.model);
      return c.json({
        site: site.id,
        model: site.version,
        from: isoDay(query.range.from),
        to: isoDay(query.range.to),
        previous_from: isoDay(previousRange.from),
        previous_to: isoDay(previousRange.to),
        items: drops.map(({ content, current: now, previous: before, drop }) => {
          const meta = details.get(content);
          const interval = scoreInterval(now.readers, now.scoreX10, now.scoreSq);
          const old = scoreInterval(before.readers, before.scoreX10, before.scoreSq);
          return {
            content,
            title: meta?.title ?? null,
            url: meta?.url ?? null,
            section: meta?.section ?? null,
            author: meta?.author ?? null,
            score: interval.score,
            low: interval.low,
            high: interval.high,
            band: band(interval.score),
            readers: now.readers,
            previous_score: old.score,
            previous_low: old.low,
            previous_high: old.high,
            previous_band: band(old.score),
            previous_readers: before.readers,
            drop,
            significant: interval.high < old.low,
          };
        }),
      });
    },
  );
}
