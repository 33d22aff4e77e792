/**
 * Keeps one (visitor, content) pair's rows consistent: its daily states, the
 * score of each day, and its reader contribution to the content's aggregates.
 * Ingest, the sliding window and re-scoring after a model change all go
 * through `updatePair`, so there is one way these rows change.
 */
import type Database from 'better-sqlite3';
import { emptyState, merge, type EngagementState, type Model } from '@dwell/score';
import {
  boundaryDay,
  contributionOf,
  dayScoreX10,
  windowState,
  type Contribution,
  type DayState,
} from '../engagement.js';
import type { AggregateDeltas } from './aggregates.js';
import type { EventsBySeq, PairKey } from './rawEvents.js';

export interface PairUpdate {
  model: Model;
  /** Time the window ends at. */
  now: number;
  /** New events' states and seqs by day, to merge into the stored ones. */
  added?: ReadonlyMap<number, AddedDay>;
  /** Days from this one on get their day score computed again (`Infinity`: none). */
  rescoreFrom: number;
}

export interface AddedDay {
  state: EngagementState;
  seqs: number[];
}

interface StoredDay extends DayState {
  /** The seqs of the day's events. */
  seqs: number[];
  scoreX10: number;
  stored: boolean;
  changed: boolean;
}

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
    'SELECT last_day, score_x10, band, repeats FROM readers WHERE site = ? AND content = ? AND visitor = ?',
  );
  const upsertReader = db.prepare(`
    INSERT INTO readers (site, content, visitor, last_day, score_x10, band, repeats) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (site, content, visitor) DO UPDATE SET
      last_day = excluded.last_day, score_x10 = excluded.score_x10, band = excluded.band, repeats = excluded.repeats`);
  const deleteReader = db.prepare('DELETE FROM readers WHERE site = ? AND content = ? AND visitor = ?');

  function loadDays(pair: PairKey, from: number): StoredDay[] {
    return selectDays.all(pair.site, pair.visitor, pair.content, Math.max(FIRST_DAY, from)).map((row) => ({
      day: row.day,
      state: JSON.parse(row.state) as EngagementState,
      seqs: JSON.parse(row.seqs) as number[],
      scoreX10: row.score_x10,
      stored: true,
      changed: false,
    }));
  }

  function addStates(pair: PairKey, rows: StoredDay[], added: ReadonlyMap<number, AddedDay>): void {
    for (const [day, { state, seqs }] of added) {
      const row = rows.find((candidate) => candidate.day === day);
      if (row) {
        row.state = merge(row.state, state);
        row.seqs = row.seqs.concat(seqs);
        row.changed = true;
      } else {
        rows.push({
          day,
          state: merge(emptyState(), state),
          seqs,
          scoreX10: 0,
          stored: false,
          changed: true,
        });
        deltas.day(pair.site, pair.content, day).activeReaders += 1;
      }
    }
    rows.sort((a, b) => a.day - b.day);
  }

  function rescoreDays(pair: PairKey, rows: StoredDay[], model: Model, from: number): void {
    for (const row of rows) {
      if (row.day < from) continue;
      const scoreX10 = dayScoreX10(rows, row.day, model);
      if (scoreX10 === row.scoreX10 && row.stored) continue;
      deltas.day(pair.site, pair.content, row.day).activeScoreX10 += scoreX10 - row.scoreX10;
      row.scoreX10 = scoreX10;
      row.changed = true;
    }
  }

  function settleReader(pair: PairKey, next: Contribution | null): void {
    const { site, visitor, content } = pair;
    const row = selectReader.get(site, content, visitor);
    if (row) {
      const previous = {
        lastDay: row.last_day,
        scoreX10: row.score_x10,
        band: row.band,
        repeat: row.repeats > 0,
      };
      if (
        next &&
        next.lastDay === previous.lastDay &&
        next.scoreX10 === previous.scoreX10 &&
        next.band === previous.band &&
        next.repeat === previous.repeat
      ) {
        return;
      }
      deltas.reader(site, content, previous, -1);
    }
    if (next) {
      deltas.reader(site, content, next, 1);
      upsertReader.run(site, content, visitor, next.lastDay, next.scoreX10, next.band, next.repeat ? 1 : 0);
    } else if (row) {
      deleteReader.run(site, content, visitor);
    }
  }

  return function updatePair(pair: PairKey, update: PairUpdate): void {
    const { model, now, rescoreFrom } = update;
    const window = { now, windowDays: model.windowDays };
    const boundary = boundaryDay(window);
    const rows = loadDays(pair, Math.min(rescoreFrom - model.windowDays + 1, boundary));
    if (update.added) addStates(pair, rows, update.added);
    rescoreDays(pair, rows, model, rescoreFrom);
    for (const row of rows) {
      if (!row.changed) continue;
      const { site, visitor, content } = pair;
      upsertDay.run(
        site,
        visitor,
        content,
        row.day,
        JSON.stringify(row.state),
        JSON.stringify(row.seqs),
        row.scoreX10,
      );
    }
    const onBoundary = rows.find((row) => row.day === boundary);
    const state = windowState(rows, onBoundary ? eventsBySeq(onBoundary.seqs) : [], window);
    const lastDay = rows.length ? (rows[rows.length - 1] as StoredDay).day : boundary;
    settleReader(pair, contributionOf(state, lastDay, model));
  };
}

export type UpdatePair = ReturnType<typeof preparePairs>;
