/**
 * Keeps the readers' current scores true as time passes and models change,
 * for both stores. Ingest scores a reader when its events arrive; afterwards
 * its window slides and old events fall out of it, so the readers whose
 * oldest days left the window since the last refresh are scored again. A
 * model whose version differs from the one the aggregates were built with
 * re-scores everything from the stored daily states (raw events are kept for
 * the same reason). Each store supplies the queries and its own transactions
 * and locks (`../sqlite/refresh.ts`, `../postgres/refresh.ts`).
 */
import { modelVersion, type Model } from '@dwell/score';
import { dayOf } from '../../days.js';
import type { Awaitable } from './async.js';
import { boundaryDay } from './engagement.js';
import type { RefreshReport } from '../store.js';

/** Pairs re-scored per transaction. */
export const PAIRS_PER_TRANSACTION = 500;

export interface PairRow {
  visitor: string;
  content: string;
}

/** A site's row in `sites`: the model its aggregates were built with and when they were last refreshed. */
export interface SiteRefresh {
  modelVersion: string;
  refreshedAt: number;
}

/** What a store provides to `refreshSite`. */
export interface RefreshSource {
  /** Up to `limit` of the site's pairs after `after`, in (visitor, content) order. */
  pairsAfter(site: string, after: PairRow, limit: number): Awaitable<PairRow[]>;
  /** The site's pairs with a day between `from` and `to`. */
  pairsOnDays(site: string, from: number, to: number): Awaitable<PairRow[]>;
  /**
   * Re-scores some pairs in one transaction: day scores from day `from` on
   * (`-Infinity`: all of them; `Infinity`: none, only the current reader).
   */
  rescore(site: string, pairs: PairRow[], model: Model, now: number, from: number): Awaitable<void>;
  readSite(site: string): Awaitable<SiteRefresh | undefined>;
  writeSite(site: string, refresh: SiteRefresh): Awaitable<void>;
  /** Makes `content_live` sum the site's days from `fromDay` on. */
  ensureLive(site: string, fromDay: number): Awaitable<void>;
}

/** Everything: every day score and every reader, in pages of the primary key. */
async function rescoreAll(source: RefreshSource, site: string, model: Model, now: number): Promise<number> {
  let after: PairRow = { visitor: '', content: '' };
  let count = 0;
  for (;;) {
    const pairs = await source.pairsAfter(site, after, PAIRS_PER_TRANSACTION);
    if (!pairs.length) return count;
    await source.rescore(site, pairs, model, now, -Infinity);
    count += pairs.length;
    after = pairs[pairs.length - 1] as PairRow;
  }
}

/** The readers with days between the last refresh's window start and this one's. */
async function slideWindow(
  source: RefreshSource,
  site: string,
  model: Model,
  now: number,
  since: number,
): Promise<number> {
  const from = boundaryDay({ now: since, windowDays: model.windowDays });
  const to = boundaryDay({ now, windowDays: model.windowDays });
  const pairs = await source.pairsOnDays(site, from, to);
  for (let start = 0; start < pairs.length; start += PAIRS_PER_TRANSACTION) {
    await source.rescore(site, pairs.slice(start, start + PAIRS_PER_TRANSACTION), model, now, Infinity);
  }
  return pairs.length;
}

/** Refreshes one site; the caller holds whatever lock keeps two refreshes of it apart. */
export async function refreshSite(
  source: RefreshSource,
  site: string,
  model: Model,
  now: number,
): Promise<RefreshReport> {
  const version = modelVersion(model);
  const previous = await source.readSite(site);
  const modelChanged = previous !== undefined && previous.modelVersion !== version;
  const rescored =
    previous && !modelChanged
      ? await slideWindow(source, site, model, now, previous.refreshedAt)
      : await rescoreAll(source, site, model, now);
  await source.writeSite(site, { modelVersion: version, refreshedAt: now });
  await source.ensureLive(site, dayOf(now) - model.windowDays + 1);
  return { rescored, modelChanged };
}
