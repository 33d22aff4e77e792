/**
 * The append transaction: a group of requests' events inserted into the log
 * exactly once, and nothing else. The views are folded from the log behind
 * it (`fold.ts`), so an append costs the insert and its unique index only.
 */
import type Database from 'better-sqlite3';
import { LOG_COLUMNS, logValues } from '../engine/logRow.js';
import type { IngestCounts, LogBatch } from '../store.js';

/** One batch's counts, and the log's last seq after its group (0 when the log is empty). */
export interface AppendResult {
  counts: IngestCounts;
  lastSeq: number;
}

export function prepareAppend(db: Database.Database): (batches: LogBatch[]) => AppendResult[] {
  const insertEvent = db.prepare(`
    INSERT INTO events (${LOG_COLUMNS.join(', ')}) VALUES (${LOG_COLUMNS.map(() => '?').join(', ')})
    ON CONFLICT (site, id) DO NOTHING`);
  const selectLastSeq = db.prepare<[], number>('SELECT coalesce(max(seq), 0) FROM events').pluck();

  function insert(batch: LogBatch): IngestCounts {
    let accepted = 0;
    for (const event of batch.events) accepted += insertEvent.run(logValues(batch, event)).changes;
    return { accepted, duplicates: batch.events.length - accepted };
  }

  return db.transaction(function appendGroup(batches: LogBatch[]): AppendResult[] {
    const counts = batches.map(insert);
    const lastSeq = selectLastSeq.get() as number;
    return counts.map((batchCounts) => ({ counts: batchCounts, lastSeq }));
  });
}
