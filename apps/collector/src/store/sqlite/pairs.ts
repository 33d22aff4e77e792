/**
 * SQLite's side of `../engine/pairUpdate.ts`: loads one (visitor, content) pair's
 * day rows and reader row, lets `updatePairDays` change them, and writes what
 * changed. A day row points at its events by seq (`rawEvents.ts`).
 */
import type Database from 'better-sqlite3';
import type { EngagementState } from '@dwell/score';
import type { AggregateDeltas } from '../engine/aggregateDeltas.js';
import {
  firstDayNeeded,
  updatePairDays,
  type PairDay,
  type PairKey,
  type PairUpdate,
} from '../engine/pairUpdate.js';
import type { EventsBySeq } from './rawEvents.js';

interface DayRow {
  day: number;
  state: string;
  seqs: string;
  score_x10: number;
}

interface ReaderRow {
  last_day: number;
  score_x10: number;
  band: string;
  repeats: number;
  audience_x10: number;
}

/** The oldest day a query may ask for: SQLite compares it like any integer. */
const FIRST_DAY = -1e9;

export function preparePairs(db: Database.Database, deltas: AggregateDeltas, eventsBySeq: EventsBySeq) {
  const selectDays = db.prepare<[string, string, string, number], DayRow>(
    'SELECT day, state, seqs, score_x10 FROM visitor_days WHERE site = ? AND visitor = ? AND content = ? AND day >= ? ORDER BY day',
  );
  const upsertDay = db.prepare(`
    INSERT INTO visitor_days (site, visitor, content, day, state, seqs, score_x10) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (site, visitor, content, day) DO UPDATE SET
      state = excluded.state, seqs = excluded.seqs, score_x10 = excluded.score_x10`);
  const selectReader = db.prepare<[string, string, string], ReaderRow>(
    'SELECT last_day, score_x10, band, repeats, audience_x10 FROM readers WHERE site = ? AND content = ? AND visitor = ?',
  );
  const upsertReader = db.prepare(`
    INSERT INTO readers (site, content, visitor, last_day, score_x10, band, repeats, audience_x10) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (site, content, visitor) DO UPDATE SET
      last_day = excluded.last_day, score_x10 = excluded.score_x10, band = excluded.band, repeats = excluded.repeats,
      audience_x10 = excluded.audience_x10`);
  const selectReaderScore = db
    .prepare<[string, string, number], number>(
      'SELECT score_x10 FROM reader_days WHERE site = ? AND visitor = ? AND day = ?',
    )
    .pluck();
  const deleteReader = db.prepare('DELETE FROM readers WHERE site = ? AND content = ? AND visitor = ?');

  function loadDays(pair: PairKey, from: number): PairDay<number>[] {
    return selectDays.all(pair.site, pair.visitor, pair.content, Math.max(FIRST_DAY, from)).map((row) => ({
      day: row.day,
      state: JSON.parse(row.state) as EngagementState,
      refs: JSON.parse(row.seqs) as number[],
      scoreX10: row.score_x10,
      stored: true,
      changed: false,
    }));
  }

  /**
   * `withAudience`: the reader views hold this fold's events already (the
   * materializer), so a new last day takes the reader's score of that day.
   */
  return function updatePair(pair: PairKey, update: PairUpdate<number>, withAudience = false): void {
    const { site, visitor, content } = pair;
    const rows = loadDays(pair, firstDayNeeded(update));
    const reader = selectReader.get(site, content, visitor);
    const previous = reader
      ? {
          lastDay: reader.last_day,
          scoreX10: reader.score_x10,
          band: reader.band,
          repeat: reader.repeats > 0,
          audienceX10: reader.audience_x10,
        }
      : null;
    const audienceOf = withAudience ? (day: number) => selectReaderScore.get(site, visitor, day) : undefined;
    const result = updatePairDays(pair, rows, previous, update, eventsBySeq, deltas, audienceOf);
    for (const row of result.changed) {
      upsertDay.run(
        site,
        visitor,
        content,
        row.day,
        JSON.stringify(row.state),
        JSON.stringify(row.refs),
        row.scoreX10,
      );
    }
    if (result.reader.kind === 'set') {
      const { lastDay, scoreX10, band, repeat, audienceX10 } = result.reader.next;
      upsertReader.run(site, content, visitor, lastDay, scoreX10, band, repeat ? 1 : 0, audienceX10);
    } else if (result.reader.kind === 'delete') {
      deleteReader.run(site, content, visitor);
    }
  };
}

export type UpdatePair = ReturnType<typeof preparePairs>;
