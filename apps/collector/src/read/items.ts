/**
 * The items of the content API: `{content, title, score, band, low, high,
 * readers, views, engaged_ms_avg, shares, repeat_rate, bands}` (DESIGN.md,
 * "Read API"), plus the optional `url`, `section` and `author`, the
 * readers' `audience` and the `ratings`.
 */
import type { ContentItem } from '@dwell/contract';
import type { Model } from '@dwell/score';
import type { AudienceSum, ContentDetails, ContentTotals, RatingCounts } from '../store/store.js';
import { bandOfScore, scoreInterval } from './ranking.js';
import { audienceOf, ratingSummary } from './ratings.js';

/** What the reader views add to an item: its readers' loyalty and its ratings. */
export interface ItemReaders {
  audience?: AudienceSum | undefined;
  ratings?: RatingCounts | undefined;
}

/** Orders of the ranked list. */
export const ORDERS = ['score', 'views'] as const;
export type Order = (typeof ORDERS)[number];

export function contentItem(
  totals: ContentTotals,
  details: ContentDetails | undefined,
  model: Model,
  readers: ItemReaders = {},
): ContentItem {
  const { score, low, high } = scoreInterval(totals.readers, totals.scoreX10, totals.scoreSq);
  const bands = Object.fromEntries(Object.keys(model.bands).map((name) => [name, details?.bands[name] ?? 0]));
  return {
    content: totals.content,
    title: details?.title ?? null,
    score,
    band: bandOfScore(score, model),
    low,
    high,
    readers: totals.readers,
    views: totals.views,
    engaged_ms_avg: totals.readers ? Math.round(totals.engagedMs / totals.readers) : 0,
    shares: totals.shares,
    repeat_rate: totals.readers ? Math.round((totals.repeaters / totals.readers) * 1000) / 1000 : 0,
    bands,
    audience: audienceOf(readers.audience),
    ratings: ratingSummary(readers.ratings),
    url: details?.url ?? null,
    section: details?.section ?? null,
    author: details?.author ?? null,
  };
}

/** Rank keys of a content before its details are loaded: only the top `limit` are. */
export interface Ranked {
  totals: ContentTotals;
  low: number;
}

/** Sorts for `order` and keeps the first `limit`: by the interval's lower bound, or by views. */
export function rank(totals: readonly ContentTotals[], order: Order, limit: number): Ranked[] {
  const ranked = totals.map((entry) => ({
    totals: entry,
    low: scoreInterval(entry.readers, entry.scoreX10, entry.scoreSq).low,
  }));
  const byScore = (a: Ranked, b: Ranked) => b.low - a.low || b.totals.readers - a.totals.readers;
  const byViews = (a: Ranked, b: Ranked) => b.totals.views - a.totals.views;
  ranked.sort(
    (a, b) =>
      (order === 'views' ? byViews(a, b) || byScore(a, b) : byScore(a, b)) ||
      (a.totals.content < b.totals.content ? -1 : a.totals.content > b.totals.content ? 1 : 0),
  );
  return ranked.slice(0, limit);
}
