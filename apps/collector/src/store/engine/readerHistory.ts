/**
 * Ranges that end before today: each reader's score is that of its window as
 * it was at the end of the range, so it is computed from the stored daily
 * states (the live aggregates only know current scores). Store-agnostic: a
 * store hands over its `visitor_days` rows of the window, ordered by content
 * and visitor, as a (sync or async) iterable; this yields to the event loop
 * as it goes, so ingest goes on during a long read.
 */
import type { EngagementState, Model } from '@dwell/score';
import { forEachRow, type Rows } from './async.js';
import { contributionOf, mergeDays, type Contribution, type DayState } from './engagement.js';
import { emptyTotals, type ContentDetails, type ContentQuery, type ContentTotals } from '../store.js';

export interface StateRow {
  content: string;
  visitor: string;
  day: number;
  /** The day's state as JSON. */
  state: string;
}

export type StateRows = Rows<StateRow>;

/** The first day whose states the range's readers need: the window ending with the range's last day. */
export function windowFrom(query: ContentQuery): number {
  return query.range.to - query.model.windowDays + 1;
}

/** Calls `onReader` with the day states of each reader active from day `from` on. */
export async function eachReaderDays(
  rows: StateRows,
  from: number,
  onReader: (content: string, days: DayState[], visitor: string) => void,
): Promise<void> {
  let current: { content: string; visitor: string; days: DayState[] } | undefined;
  const finish = () => {
    if (current && current.days.some((row) => row.day >= from))
      onReader(current.content, current.days, current.visitor);
  };
  await forEachRow(rows, (row) => {
    if (!current || current.content !== row.content || current.visitor !== row.visitor) {
      finish();
      current = { content: row.content, visitor: row.visitor, days: [] };
    }
    current.days.push({ day: row.day, state: JSON.parse(row.state) as EngagementState });
  });
  finish();
}

/** A reader's contribution with the window that ends with day `to` (the rows end there too). */
function readerAsOf(days: DayState[], to: number, model: Model): Contribution | null {
  const state = mergeDays(days, to - model.windowDays + 1, to);
  return contributionOf(state, Math.max(...days.map((row) => row.day)), model);
}

/** Calls `onReader` with each reader active in the range and its contribution as of the end of the range. */
export function eachReader(
  rows: StateRows,
  query: ContentQuery,
  onReader: (content: string, contribution: Contribution) => void,
): Promise<void> {
  return eachReaderDays(rows, query.range.from, (content, days) => {
    const contribution = readerAsOf(days, query.range.to, query.model);
    if (contribution) onReader(content, contribution);
  });
}

/** Reader totals by content; the event sums (left at 0) come from the daily aggregates. */
export async function readerTotals(
  rows: StateRows,
  query: ContentQuery,
): Promise<Map<string, ContentTotals>> {
  const totals = new Map<string, ContentTotals>();
  await eachReader(rows, query, (content, { scoreX10, repeat }) => {
    let entry = totals.get(content);
    if (!entry) {
      entry = emptyTotals(content);
      totals.set(content, entry);
    }
    entry.readers += 1;
    entry.scoreX10 += scoreX10;
    entry.scoreSq += scoreX10 * scoreX10;
    if (repeat) entry.repeaters += 1;
  });
  return totals;
}

/** Each reader's state over the window ending with the range's last day. */
export async function readerStates(rows: StateRows, query: ContentQuery): Promise<EngagementState[]> {
  const states: EngagementState[] = [];
  await eachReaderDays(rows, query.range.from, (_content, days) => {
    const state = mergeDays(days, windowFrom(query), query.range.to);
    if (state.first !== null) states.push(state);
  });
  return states;
}

/** Readers by band for some contents. */
export async function readerBands(
  rows: StateRows,
  query: ContentQuery,
  contents: readonly string[],
): Promise<Map<string, ContentDetails['bands']>> {
  const bands = new Map<string, ContentDetails['bands']>(contents.map((content) => [content, {}]));
  await eachReader(rows, query, (content, { band }) => {
    const counts = bands.get(content);
    if (counts) counts[band] = (counts[band] ?? 0) + 1;
  });
  return bands;
}

/** Fills the reader fields of a past range's totals with the readers as of its end. */
export function withReaders(totals: ContentTotals[], readers: Map<string, ContentTotals>): ContentTotals[] {
  return totals.map((entry) => {
    const { readers: count = 0, scoreX10 = 0, scoreSq = 0, repeaters = 0 } = readers.get(entry.content) ?? {};
    return { ...entry, readers: count, scoreX10, scoreSq, repeaters };
  });
}
