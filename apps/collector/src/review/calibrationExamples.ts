/**
 * The examples a calibration learns from, out of the site's history: each
 * day a reader (scope `reader`) or a (visitor, content) pair (scope
 * `content`) was active in the range is one scoring moment — the state over
 * the model's window ending that day — and it is positive when the outcome
 * follows within N days: the visitor was active again, or sent the custom
 * event. The outcome's days start the day after, so a return never counts as
 * the activity that predicts it (DESIGN.md, "Review and adjust"). Only days
 * whose N following days have all passed are examples.
 */
import { readerWindow, type Model, type ReaderState } from '@dwell/score';
import { mergeDays } from '../store/engine/engagement.js';
import { eachReaderDays, type StateRows } from '../store/engine/readerHistory.js';
import { eachReader, type ReaderRows } from './readerRows.js';
import type { DayRange } from '../store/store.js';
import type { CalibrationExample } from './calibration/index.js';

/** What follows a scoring moment: the visitor back within N days, or a custom event within N days. */
export type Outcome = { withinDays: number } & ({ kind: 'return' } | { kind: 'event'; event: string });

/** The days scored: active days in the range whose outcome period has passed by `today`. */
export function scoredDays(range: DayRange, outcome: Outcome, today: number): DayRange {
  return { from: range.from, to: Math.min(range.to, today - outcome.withinDays) };
}

/** Whether the reader's day state shows the outcome (any activity, or the event). */
function showsOutcome(state: ReaderState, outcome: Outcome): boolean {
  return outcome.kind === 'return' || (state.custom[outcome.event] ?? 0) > 0;
}

/** Whether a day of `days` (sorted) falls in the N days after `day`. */
function followsWithin(days: readonly number[], day: number, withinDays: number): boolean {
  return days.some((other) => other > day && other <= day + withinDays);
}

/** Scope `reader`: the rows must reach `windowDays` before the scored days and N days after them. */
export async function readerExamples(
  rows: ReaderRows,
  scored: DayRange,
  model: Model,
  outcome: Outcome,
): Promise<CalibrationExample[]> {
  const examples: CalibrationExample[] = [];
  await eachReader(rows, (_visitor, days) => {
    const outcomeDays = days.filter((row) => showsOutcome(row.state, outcome)).map((row) => row.day);
    for (const { day } of days) {
      if (day < scored.from || day > scored.to) continue;
      const state = readerWindow(days, day, model.windowDays);
      examples.push({ state, day, positive: followsWithin(outcomeDays, day, outcome.withinDays) });
    }
  });
  return examples;
}

/** Each visitor's days that show the outcome, from the reader rows. */
export async function outcomeDaysOf(rows: ReaderRows, outcome: Outcome): Promise<Map<string, number[]>> {
  const byVisitor = new Map<string, number[]>();
  await eachReader(rows, (visitor, days) => {
    const outcomeDays = days.filter((row) => showsOutcome(row.state, outcome)).map((row) => row.day);
    if (outcomeDays.length) byVisitor.set(visitor, outcomeDays);
  });
  return byVisitor;
}

/** Scope `content`: each pair's active days scored, the outcome read from the visitor's reader days. */
export async function contentExamples(
  rows: StateRows,
  scored: DayRange,
  model: Model,
  outcome: Outcome,
  outcomeDays: ReadonlyMap<string, readonly number[]>,
): Promise<CalibrationExample[]> {
  const examples: CalibrationExample[] = [];
  await eachReaderDays(rows, scored.from, (_content, days, visitor) => {
    for (const { day } of days) {
      if (day < scored.from || day > scored.to) continue;
      const state = mergeDays(days, day - model.windowDays + 1, day);
      const positive = followsWithin(outcomeDays.get(visitor) ?? [], day, outcome.withinDays);
      examples.push({ state, day, positive });
    }
  });
  return examples;
}
