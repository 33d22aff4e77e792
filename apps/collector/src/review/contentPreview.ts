/**
 * A content model against another on history: every reader of each content
 * in a range scored under both, as of the range's end over whole days (the
 * way past ranges are scored, `store/engine/readerHistory.ts`), summed into
 * the totals the ranked list ranks by. Pure over the store's pair rows.
 */
import type { EngagementState, Model } from '@dwell/score';
import { contributionOf, mergeDays } from '../store/engine/engagement.js';
import { eachReaderDays, type StateRows } from '../store/engine/readerHistory.js';
import { emptyTotals, type ContentTotals, type DayRange } from '../store/store.js';

/** One content's readers under each of the models, in their order. */
export interface ContentUnderModels {
  content: string;
  totals: ContentTotals[];
}

/** Band counts of (visitor, content) pairs, one record per model. */
export type BandCounts = Record<string, number>[];

/** The first day the rows must start on: the longest of the models' windows ending with the range. */
export function firstDayNeeded(range: DayRange, models: readonly Model[]): number {
  return range.to - Math.max(...models.map((model) => model.windowDays)) + 1;
}

export async function contentsUnderModels(
  rows: StateRows,
  range: DayRange,
  models: readonly Model[],
): Promise<{ contents: ContentUnderModels[]; bands: BandCounts }> {
  const byContent = new Map<string, ContentUnderModels>();
  const bands: BandCounts = models.map(() => ({}));
  await eachReaderDays(rows, range.from, (content, days) => {
    const lastDay = Math.max(...days.map((row) => row.day));
    let entry = byContent.get(content);
    // Models of one window (the usual candidate) share the merged state.
    const states = new Map<number, EngagementState>();
    models.forEach((model, index) => {
      let state = states.get(model.windowDays);
      if (!state)
        states.set(model.windowDays, (state = mergeDays(days, range.to - model.windowDays + 1, range.to)));
      const contribution = contributionOf(state, lastDay, model);
      if (!contribution) return;
      if (!entry)
        byContent.set(content, (entry = { content, totals: models.map(() => emptyTotals(content)) }));
      const totals = entry.totals[index]!;
      totals.readers += 1;
      totals.scoreX10 += contribution.scoreX10;
      totals.scoreSq += contribution.scoreX10 * contribution.scoreX10;
      if (contribution.repeat) totals.repeaters += 1;
      bands[index]![contribution.band] = (bands[index]![contribution.band] ?? 0) + 1;
    });
  });
  return { contents: [...byContent.values()], bands };
}
