/**
 * A visitor's window state from its stored day rows, for both stores: only
 * the query differs (SQLite keeps a day's raw events by sequence number,
 * PostgreSQL inline), so the windowing is written once.
 */
import type { EngagementState, FoldOptions, ScoreEvent } from '@dwell/score';
import type { Awaitable } from './async.js';
import { boundaryDay, windowState } from './engagement.js';

/** A `visitor_days` row of the pair, with its state as JSON. */
export interface VisitorDayRow {
  day: number;
  state: string;
}

/**
 * The state of the window `options` for one pair: `select` reads its rows
 * from day `boundary` on, `boundaryEvents` the raw events of the row of the
 * boundary day (only partly inside the window, so folded again).
 */
export async function visitorState<Row extends VisitorDayRow>(
  options: FoldOptions,
  select: (boundary: number) => Awaitable<readonly Row[]>,
  boundaryEvents: (row: Row) => Awaitable<Iterable<ScoreEvent>>,
): Promise<EngagementState> {
  const boundary = boundaryDay(options);
  const rows = await select(boundary);
  const days = rows.map((row) => ({ day: row.day, state: JSON.parse(row.state) as EngagementState }));
  const onBoundary = rows.find((row) => row.day === boundary);
  return windowState(days, onBoundary ? await boundaryEvents(onBoundary) : [], options);
}
