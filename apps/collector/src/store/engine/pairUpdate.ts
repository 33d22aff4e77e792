/**
 * How one (visitor, content) pair's rows change: its daily states, the score
 * of each day, and its reader contribution to the content's aggregates.
 * Ingest, the sliding window and re-scoring after a model change all go
 * through `updatePairDays`, in every store, so there is one way these rows
 * change. Pure: the store loads the rows, calls it, and writes what changed.
 *
 * `Ref` is how a day row points at its raw events: SQLite keeps their seqs,
 * PostgreSQL the events themselves (see `../postgres/migrations.ts`).
 */
import { emptyState, merge, type EngagementState, type Model, type ScoreEvent } from '@dwell/score';
import type { AggregateDeltas } from './aggregateDeltas.js';
import {
  boundaryDay,
  contributionOf,
  dayScoreX10,
  windowState,
  type Contribution,
  type DayState,
} from './engagement.js';

export interface PairKey {
  site: string;
  visitor: string;
  content: string;
}

export interface AddedDay<Ref> {
  state: EngagementState;
  refs: Ref[];
}

export interface PairUpdate<Ref> {
  model: Model;
  /** Time the window ends at. */
  now: number;
  /** New events' states and refs by day, to merge into the stored ones. */
  added?: ReadonlyMap<number, AddedDay<Ref>>;
  /** Days from this one on get their day score computed again (`Infinity`: none). */
  rescoreFrom: number;
}

export interface PairDay<Ref> extends DayState {
  refs: Ref[];
  scoreX10: number;
  /** The row exists in the store. */
  stored: boolean;
  changed: boolean;
}

/** What happens to the pair's reader row. */
export type ReaderChange = { kind: 'keep' } | { kind: 'set'; next: Contribution } | { kind: 'delete' };

/** The first day whose row `updatePairDays` needs (the store loads the rows from it on). */
export function firstDayNeeded(update: PairUpdate<unknown>): number {
  const boundary = boundaryDay({ now: update.now, windowDays: update.model.windowDays });
  return Math.min(update.rescoreFrom - update.model.windowDays + 1, boundary);
}

function addStates<Ref>(
  pair: PairKey,
  rows: PairDay<Ref>[],
  added: ReadonlyMap<number, AddedDay<Ref>>,
  deltas: AggregateDeltas,
): void {
  for (const [day, { state, refs }] of added) {
    const row = rows.find((candidate) => candidate.day === day);
    if (row) {
      row.state = merge(row.state, state);
      row.refs = row.refs.concat(refs);
      row.changed = true;
    } else {
      rows.push({ day, state: merge(emptyState(), state), refs, scoreX10: 0, stored: false, changed: true });
      deltas.day(pair.site, pair.content, day).activeReaders += 1;
    }
  }
  rows.sort((a, b) => a.day - b.day);
}

function rescoreDays<Ref>(
  pair: PairKey,
  rows: PairDay<Ref>[],
  model: Model,
  from: number,
  deltas: AggregateDeltas,
): void {
  for (const row of rows) {
    if (row.day < from) continue;
    const scoreX10 = dayScoreX10(rows, row.day, model);
    if (scoreX10 === row.scoreX10 && row.stored) continue;
    deltas.day(pair.site, pair.content, row.day).activeScoreX10 += scoreX10 - row.scoreX10;
    row.scoreX10 = scoreX10;
    row.changed = true;
  }
}

function sameContribution(a: Contribution, b: Contribution): boolean {
  return (
    a.lastDay === b.lastDay &&
    a.scoreX10 === b.scoreX10 &&
    a.band === b.band &&
    a.repeat === b.repeat &&
    a.audienceX10 === b.audienceX10
  );
}

/**
 * Applies `update` to the pair's day rows (from `firstDayNeeded` on, sorted
 * or not; changed in place) and its stored reader contribution, adds the
 * changes to `deltas`, and says what to write. `audienceOf` gives the
 * visitor's reader score × 10 as of a day (the reader views are folded
 * first); without it (a window slide, a re-score: no new events, so no new
 * last day) the stored one stays.
 */
export function updatePairDays<Ref>(
  pair: PairKey,
  rows: PairDay<Ref>[],
  previous: Contribution | null,
  update: PairUpdate<Ref>,
  boundaryEvents: (refs: Ref[]) => ScoreEvent[],
  deltas: AggregateDeltas,
  audienceOf?: (day: number) => number | undefined,
): { changed: PairDay<Ref>[]; reader: ReaderChange } {
  const { model, now, rescoreFrom } = update;
  const window = { now, windowDays: model.windowDays };
  const boundary = boundaryDay(window);
  if (update.added) addStates(pair, rows, update.added, deltas);
  else rows.sort((a, b) => a.day - b.day);
  rescoreDays(pair, rows, model, rescoreFrom, deltas);
  const onBoundary = rows.find((row) => row.day === boundary);
  const state = windowState(rows, onBoundary ? boundaryEvents(onBoundary.refs) : [], window);
  const lastDay = rows.length ? (rows[rows.length - 1] as PairDay<Ref>).day : boundary;
  const next = contributionOf(state, lastDay, model);
  if (next) next.audienceX10 = audienceOf?.(lastDay) ?? previous?.audienceX10 ?? 0;
  const changed = rows.filter((row) => row.changed);
  if (previous && next && sameContribution(previous, next)) return { changed, reader: { kind: 'keep' } };
  if (previous) deltas.reader(pair.site, pair.content, previous, -1);
  if (next) {
    deltas.reader(pair.site, pair.content, next, 1);
    return { changed, reader: { kind: 'set', next } };
  }
  return { changed, reader: previous ? { kind: 'delete' } : { kind: 'keep' } };
}
