/**
 * The materializer's transaction: the next events of the log after the
 * views' position, folded into the views — each touched (visitor, content)
 * pair's daily state, day scores and reader contribution, content metadata,
 * the daily aggregates — and the new position, all in one transaction of the
 * views file: a crash at any point leaves views and position agreeing, so
 * every event is folded exactly once.
 */
import type Database from 'better-sqlite3';
import { AggregateDeltas } from '../engine/aggregateDeltas.js';
import { ContentNotes, KnownContents } from '../engine/contentNotes.js';
import { foldPlan, noteLogRow, pairUpdateOf, type FoldModels } from '../engine/foldPlan.js';
import { LOG_COLUMNS, logRowOf } from '../engine/logRow.js';
import { flushDeltas, prepareAggregateStatements } from './aggregates.js';
import { prepareLive } from './live.js';
import { preparePairs } from './pairs.js';
import { prepareReaders } from './readers.js';
import { prepareEventsBySeq } from './rawEvents.js';
import { prepareRebuild } from './rebuild.js';

/** What one fold did. */
export interface FoldReport {
  /** The views' position after it: the last seq folded. */
  position: number;
  /** Events folded. */
  folded: number;
}

export function prepareFold(views: Database.Database, log: Database.Database) {
  const deltas = new AggregateDeltas();
  const updatePair = preparePairs(views, deltas, prepareEventsBySeq(log));
  const live = prepareLive(views);
  const readers = prepareReaders(views, deltas);
  const aggregates = prepareAggregateStatements(views);
  const known = new KnownContents();
  const contents = new ContentNotes(known);
  const emptyViews = prepareRebuild(views);
  const selectPosition = views.prepare<[], number>('SELECT seq FROM log_position').pluck();
  const updatePosition = views.prepare('UPDATE log_position SET seq = ?');
  // As arrays, seq first: see `logRowOf`.
  const selectAfter = log
    .prepare<[number, number], unknown[]>(
      `SELECT seq, ${LOG_COLUMNS.join(', ')} FROM events WHERE seq > ? ORDER BY seq LIMIT ?`,
    )
    .raw(true);
  const upsertContent = views.prepare(`
    INSERT INTO contents (site, content, title, url, section, author, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (site, content) DO UPDATE SET
      title = coalesce(excluded.title, title),
      url = coalesce(excluded.url, url),
      section = coalesce(excluded.section, section),
      author = coalesce(excluded.author, author),
      first_seen = min(first_seen, excluded.first_seen)`);

  /** The position this thread last folded to: one further back means another process rebuilt the views. */
  let lastPosition = 0;
  /**
   * Whether the reader rows are known to be scored with the reader models the
   * thread was given: checked in the first fold after the models change or the
   * views are emptied, not in every fold.
   */
  let readerModelsChecked = false;

  const transaction = views.transaction((limit: number, models: FoldModels): FoldReport => {
    const from = selectPosition.get() as number;
    if (from < lastPosition) {
      known.map.clear();
      readerModelsChecked = false;
    }
    lastPosition = from;
    readers.clear();
    deltas.clear();
    // A reader model that changed scores the site's readers again, events or not.
    let rescored = false;
    if (!readerModelsChecked) {
      for (const site of models.sites()) rescored = readers.useModel(site, models.reader(site)) || rescored;
    }
    const rows = selectAfter.all(from, limit);
    if (!rows.length) {
      if (rescored) {
        readers.syncAudience();
        readers.flush();
        flushDeltas(deltas, aggregates, live.lookup());
      }
      return { position: from, folded: 0 };
    }
    contents.begin();
    const plan = foldPlan<number>(deltas, contents);
    for (const values of rows) {
      const row = logRowOf(values, 1);
      // A day row points at its events by seq (`rawEvents.ts`).
      noteLogRow(plan, row, models.content(row.site), () => values[0] as number);
    }
    // Readers first: a pair's contribution takes its reader's score of its last day (`audience`).
    for (const reader of plan.readers.values()) readers.update(reader, models.reader(reader.site));
    for (const pair of plan.pairs.values()) updatePair(pair, pairUpdateOf(pair), true);
    readers.syncAudience();
    for (const rating of plan.ratings.values()) readers.rating(rating);
    readers.flush();
    for (const row of contents.changes()) {
      upsertContent.run(row.site, row.content, row.title, row.url, row.section, row.author, row.first);
    }
    flushDeltas(deltas, aggregates, live.lookup());
    const position = (rows[rows.length - 1] as unknown[])[0] as number;
    updatePosition.run(position);
    lastPosition = position;
    return { position, folded: rows.length };
  });

  return {
    /** Folds up to `limit` events after the position, scored with `models`. */
    foldNext(limit: number, models: FoldModels): FoldReport {
      // IMMEDIATE: the main thread's refresh writes the views too (`connection.ts`).
      const report = transaction.immediate(limit, models);
      contents.committed();
      readerModelsChecked = true;
      return report;
    },
    /** The reader models changed: the next fold checks the reader rows against them. */
    readerModelsChanged(): void {
      readerModelsChecked = false;
    },
    position: () => selectPosition.get() as number,
    /** Empties the views and their position, to fold them again from the whole log. */
    emptyViews(): void {
      emptyViews();
      // What this thread remembers of the stored content rows and reader models is gone with them.
      known.map.clear();
      readerModelsChecked = false;
      lastPosition = 0;
    },
  };
}
