/**
 * The day range of a content query. A reader's score is defined over the
 * model's window, so a range spans at most that window; it ends today at the
 * latest (a later `to` is today: a dashboard ahead of UTC asks for "today").
 */
import type { Issue } from '@dwell/contract';
import { dayOf, parseIsoDay } from '../days.js';
import type { DayRange } from '../store/store.js';

export type RangeResult = { ok: true; range: DayRange } | { ok: false; issues: Issue[] };

/** `from`/`to` as `YYYY-MM-DD` (UTC, inclusive); by default the window that ends today. */
export function resolveRange(
  query: { from?: string | undefined; to?: string | undefined },
  windowDays: number,
  now: number,
): RangeResult {
  const today = dayOf(now);
  const to = query.to === undefined ? today : parseIsoDay(query.to);
  const from = query.from === undefined ? undefined : parseIsoDay(query.from);
  const issues: Issue[] = [];
  if (to === undefined) issues.push({ path: 'to', message: 'must be a date, YYYY-MM-DD' });
  if (query.from !== undefined && from === undefined)
    issues.push({ path: 'from', message: 'must be a date, YYYY-MM-DD' });
  if (issues.length || to === undefined) return { ok: false, issues };
  const end = Math.min(to, today);
  const start = from ?? end - windowDays + 1;
  if (start > end)
    return { ok: false, issues: [{ path: 'from', message: 'must not be after to (or today)' }] };
  if (end - start + 1 > windowDays) {
    return {
      ok: false,
      issues: [
        { path: 'from', message: `the range may span at most the model's window of ${windowDays} days` },
      ],
    };
  }
  return { ok: true, range: { from: start, to: end } };
}
