/**
 * `GET /v1/sites/:site/content`: content ranked by engagement (see
 * `ranking.ts`), and `GET /v1/sites/:site/content/:content`: one item with a
 * daily series. Both over a range of days, by default the model's window.
 * The list is also a CSV download with `format=csv`.
 */
import { Hono } from 'hono';
import { emptyTotals, type ContentDay, type DayRange, type Store } from '../store/store.js';
import { isoDay } from '../days.js';
import type { AppEnv } from '../http/env.js';
import { problem } from '../http/errors.js';
import { validate } from '../http/validate.js';
import { itemsCsv } from './csv.js';
import { contentItem, rank, type ItemReaders } from './items.js';
import { contentListQuery, contentParams, rangeQuery, siteParams } from './params.js';
import { queryOf } from './query.js';

/** One day of the series: its events, and the readers active that day with their scores as of that day. */
function seriesDay(day: ContentDay) {
  return {
    day: isoDay(day.day),
    views: day.views,
    readers: day.readers,
    score: day.readers ? Math.round(day.scoreX10 / day.readers) / 10 : 0,
    engaged_ms: Math.round(day.engagedMs),
    shares: day.shares,
  };
}

/** The audience and ratings of some contents, by content. */
async function itemReaders(store: Store, site: string, contents: readonly string[], range: DayRange) {
  const [audience, ratings] = await Promise.all([
    store.contentAudience(site, contents, range),
    store.contentRatings(site, contents, range),
  ]);
  return (content: string): ItemReaders => ({
    audience: audience.get(content),
    ratings: ratings.get(content),
  });
}

export function contentRoutes(store: Store, now: () => number): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get(
    '/',
    validate('param', siteParams),
    validate('query', contentListQuery),
    async function listContent(c) {
      const site = c.get('site')!;
      const { limit, order, section, author, format, ...range } = c.req.valid('query');
      const query = queryOf(c, site, range, now());
      if (query instanceof Response) return query;
      const filtered = {
        ...query,
        ...(section !== undefined && { section }),
        ...(author !== undefined && { author }),
      };
      const ranked = rank(await store.contentTotals(filtered), order, limit);
      const contents = ranked.map((entry) => entry.totals.content);
      const [details, readers] = await Promise.all([
        store.contentDetails(query, contents),
        itemReaders(store, site.id, contents, query.range),
      ]);
      const items = ranked.map(({ totals }) =>
        contentItem(totals, details.get(totals.content), site.model, readers(totals.content)),
      );
      const from = isoDay(query.range.from);
      const to = isoDay(query.range.to);
      if (format === 'csv') {
        return c.body(itemsCsv(items, Object.keys(site.model.bands)), 200, {
          'Content-Type': 'text/csv; charset=utf-8; header=present',
          'Content-Disposition': `attachment; filename="dwell-${site.id}-${from}-${to}.csv"`,
        });
      }
      return c.json({ site: site.id, model: site.version, from, to, order, items });
    },
  );

  app.get(
    '/:content{.+}',
    validate('param', contentParams),
    validate('query', rangeQuery),
    async function getContent(c) {
      const site = c.get('site')!;
      const { content } = c.req.valid('param');
      const query = queryOf(c, site, c.req.valid('query'), now());
      if (query instanceof Response) return query;
      if (!(await store.contentMeta(site.id, content))) {
        return problem(
          c,
          404,
          'unknown_content',
          `site ${site.id} has no content ${JSON.stringify(content)}`,
        );
      }
      const [[totals], details, readers, series] = await Promise.all([
        store.contentTotals({ ...query, content }),
        store.contentDetails(query, [content]),
        itemReaders(store, site.id, [content], query.range),
        store.contentSeries(site.id, content, query.range),
      ]);
      return c.json({
        site: site.id,
        model: site.version,
        from: isoDay(query.range.from),
        to: isoDay(query.range.to),
        ...contentItem(totals ?? emptyTotals(content), details.get(content), site.model, readers(content)),
        series: series.map(seriesDay),
      });
    },
  );
  return app;
}
