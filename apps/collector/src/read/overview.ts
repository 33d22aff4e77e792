/**
 * `GET /v1/sites/:site/overview`: the whole site over a range — its score
 * (the mean of every reader's score on every content, with the interval of
 * `ranking.ts`), the band distribution, visitors and views — and the same by
 * day: each day's readers with their scores as of that day.
 */
import { Hono } from 'hono';
import type { Model } from '@dwell/score';
import type { SiteDay, Store } from '../store/store.js';
import { isoDay } from '../days.js';
import type { AppEnv } from '../http/env.js';
import { validate } from '../http/validate.js';
import { rangeQuery, siteParams } from './params.js';
import { queryOf } from './query.js';
import { bandOfScore, bandOfScoreX10, scoreInterval } from './ranking.js';

function emptyBands(model: Model): Record<string, number> {
  return Object.fromEntries(Object.keys(model.bands).map((name) => [name, 0]));
}

/** One day of the series: the site's events, visitors, and the readers' mean score and bands that day. */
export function overviewDay(day: SiteDay, model: Model) {
  const bands = emptyBands(model);
  let readers = 0;
  let sumX10 = 0;
  for (const { scoreX10, readers: count } of day.scores) {
    readers += count;
    sumX10 += scoreX10 * count;
    const band = bandOfScoreX10(scoreX10, model);
    bands[band] = (bands[band] ?? 0) + count;
  }
  return {
    day: isoDay(day.day),
    visitors: day.visitors,
    readers,
    views: day.views,
    shares: day.shares,
    engaged_ms: Math.round(day.engagedMs),
    score: readers ? Math.round(sumX10 / readers) / 10 : 0,
    bands,
  };
}

export function overviewRoutes(store: Store, now: () => number): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/',
    validate('param', siteParams),
    validate('query', rangeQuery),
    async function getOverview(c) {
      const site = c.get('site')!;
      const query = queryOf(c, site, c.req.valid('query'), now());
      if (query instanceof Response) return query;
      const [totals, activity] = await Promise.all([
        store.contentTotals(query),
        store.siteActivity(site.id, query.range),
      ]);
      const sum = { readers: 0, scoreX10: 0, scoreSq: 0, views: 0, shares: 0, engagedMs: 0, repeaters: 0 };
      for (const entry of totals) {
        for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += entry[key];
      }
      const details = await store.contentDetails(
        query,
        totals.map((entry) => entry.content),
      );
      const bands = emptyBands(site.model);
      for (const detail of details.values()) {
        for (const [band, count] of Object.entries(detail.bands)) bands[band] = (bands[band] ?? 0) + count;
      }
      const { score, low, high } = scoreInterval(sum.readers, sum.scoreX10, sum.scoreSq);
      return c.json({
        site: site.id,
        model: site.version,
        from: isoDay(query.range.from),
        to: isoDay(query.range.to),
        score,
        low,
        high,
        band: bandOfScore(score, site.model),
        bands,
        contents: totals.length,
        visitors: activity.visitors,
        readers: sum.readers,
        views: sum.views,
        shares: sum.shares,
        engaged_ms_avg: sum.readers ? Math.round(sum.engagedMs / sum.readers) : 0,
        repeat_rate: sum.readers ? Math.round((sum.repeaters / sum.readers) * 1000) / 1000 : 0,
        series: activity.days.map((day) => overviewDay(day, site.model)),
      });
    },
  );
}
