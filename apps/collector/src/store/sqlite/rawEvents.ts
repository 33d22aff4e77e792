/**
 * Raw events read back for `fold`: only the boundary day of a window, the one
 * day that is partly inside it, needs them; every other day is a stored
 * state. A day's row lists its events' seqs, so no index on (visitor,
 * content, ts) has to be kept up to date on every insert.
 */
import type Database from 'better-sqlite3';
import type { ScoreEvent } from '@dwell/score';

interface EventRow {
  type: ScoreEvent['type'];
  session: string;
  ts: number;
  ms: number | null;
  depth: number | null;
  name: string | null;
}

/** The events with these seqs, as `fold` takes them. */
export type EventsBySeq = (seqs: readonly number[]) => ScoreEvent[];

export function prepareEventsBySeq(db: Database.Database): EventsBySeq {
  const select = db.prepare<[string], EventRow>(
    'SELECT type, session, ts, ms, depth, name FROM events WHERE seq IN (SELECT value FROM json_each(?))',
  );
  return function eventsBySeq(seqs) {
    return select.all(JSON.stringify(seqs)).map((row) => ({
      type: row.type,
      session: row.session,
      ts: row.ts,
      ms: row.ms ?? undefined,
      depth: row.depth ?? undefined,
      name: row.name ?? undefined,
    }));
  };
}
