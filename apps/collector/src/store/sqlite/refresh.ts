/**
 * Keeps the readers' current scores true as time passes and models change.
 * Ingest scores a reader when its events arrive; afterwards its window slides
 * and old events fall out of it, so the readers whose oldest days left the
 * window since the last refresh are scored again. A model whose version
 * differs from the one the aggregates were built with re-scores everything
 * from the stored daily states (raw events are kept for the same reason).
 */
import type Database from 'better-sqlite3';
import { modelVersion, type Model } from '@dwell/score';
import { dayOf } from '../../days.js';
import { boundaryDay } from '../engagement.js';
import type { RefreshReport } from '../store.js';
import type { AggregateDeltas } from '../aggregateDeltas.js';
import { flushDeltas, prepareAggregateStatements } from './aggregates.js';
import type { Live } from './live.js';
import type { UpdatePair } from './pairs.js';

/** Pairs re-scored per transaction; the event loop (and ingest) runs between two. */
export const PAIRS_PER_TRANSACTION = 500;

interface PairRow {
  visitor: string;
  content: string;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function prepareRefresh(
  db: Database.Database,
  deltas: AggregateDeltas,
  updatePair: UpdatePair,
  live: Live,
) {
  const aggregates = prepareAggregateStatements(db);
  const selectSite = db.prepare<[string], { model_version: string; refreshed_at: number }>(
    'SELECT model_version, refreshed_at FROM sites WHERE site = ?',
  );
  const upsertSite = db.prepare(`
    INSERT INTO sites (site, model_version, refreshed_at) VALUES (?, ?, ?)
    ON CONFLICT (site) DO UPDATE SET model_version = excluded.model_version, refreshed_at = excluded.refreshed_at`);
  const selectPairsAfter = db.prepare<[string, string, string, number], PairRow>(`
    SELECT DISTINCT visitor, content FROM visitor_days
    WHERE site = ? AND (visitor, content) > (?, ?) ORDER BY visitor, content LIMIT ?`);
  const selectPairsOnDays = db.prepare<[string, number, number], PairRow>(
    'SELECT DISTINCT visitor, content FROM visitor_days WHERE site = ? AND day BETWEEN ? AND ?',
  );

  const rescore = db.transaction(
    (site: string, pairs: PairRow[], model: Model, now: number, from: number) => {
      deltas.clear();
      for (const { visitor, content } of pairs)
        updatePair({ site, visitor, content }, { model, now, rescoreFrom: from });
      flushDeltas(deltas, aggregates, live.lookup());
    },
  );

  /** Everything: every day score and every reader, in pages of the primary key. */
  async function rescoreAll(site: string, model: Model, now: number): Promise<number> {
    let after: PairRow = { visitor: '', content: '' };
    let count = 0;
    for (;;) {
      const pairs = selectPairsAfter.all(site, after.visitor, after.content, PAIRS_PER_TRANSACTION);
      if (!pairs.length) return count;
      rescore(site, pairs, model, now, -Infinity);
      count += pairs.length;
      after = pairs[pairs.length - 1] as PairRow;
      await yieldToLoop();
    }
  }

  /** The readers with days between the last refresh's window start and this one's. */
  async function slideWindow(site: string, model: Model, now: number, since: number): Promise<number> {
    const from = boundaryDay({ now: since, windowDays: model.windowDays });
    const to = boundaryDay({ now, windowDays: model.windowDays });
    const pairs = selectPairsOnDays.all(site, from, to);
    for (let start = 0; start < pairs.length; start += PAIRS_PER_TRANSACTION) {
      rescore(site, pairs.slice(start, start + PAIRS_PER_TRANSACTION), model, now, Infinity);
      await yieldToLoop();
    }
    return pairs.length;
  }

  return async function refresh(site: string, model: Model, now: number): Promise<RefreshReport> {
    const version = modelVersion(model);
    const previous = selectSite.get(site);
    const modelChanged = previous !== undefined && previous.model_version !== version;
    const rescored =
      previous && !modelChanged
        ? await slideWindow(site, model, now, previous.refreshed_at)
        : await rescoreAll(site, model, now);
    upsertSite.run(site, version, now);
    live.ensure(site, dayOf(now) - model.windowDays + 1);
    return { rescored, modelChanged };
  };
}
