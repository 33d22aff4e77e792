/**
 * A reader model against another on history: each reader active in a range,
 * as of its latest activity in it (as `/readers` counts them), scored under
 * both; the band counts under each and how many readers the candidate puts
 * in a higher or a lower band. Pure over the store's reader rows.
 */
import { readerWindow, score, type Model } from '@dwell/score';
import type { DayRange } from '../store/store.js';
import { eachReader, type ReaderRows } from './readerRows.js';

export interface ReaderPreview {
  readers: number;
  /** Readers by band, one record per model. */
  bands: Record<string, number>[];
  /** Readers in a higher, and a lower, band under the candidate (the second model) than under the current. */
  moved: { up: number; down: number };
}

/**
 * The first day the reader rows must start on: each reader is scored over
 * the window ending with its latest day in the range, which may be its
 * first day.
 */
export function readerDaysFrom(range: DayRange, models: readonly Model[]): number {
  return range.from - Math.max(...models.map((model) => model.windowDays)) + 1;
}

/** A band's place among the model's bands, lowest first: what "higher" compares across two models. */
function bandRanks(model: Model): Map<string, number> {
  const names = Object.entries(model.bands)
    .sort(([, a], [, b]) => a.min - b.min)
    .map(([name]) => name);
  return new Map(names.map((name, index) => [name, index]));
}

export async function readersUnderModels(
  rows: ReaderRows,
  range: DayRange,
  current: Model,
  candidate: Model,
): Promise<ReaderPreview> {
  const models = [current, candidate];
  const ranks = models.map(bandRanks);
  const preview: ReaderPreview = { readers: 0, bands: [{}, {}], moved: { up: 0, down: 0 } };
  await eachReader(rows, (_visitor, days) => {
    // As of its latest day in the range: rows after it, if a caller's scan reaches past, do not count.
    const latest = days.filter((row) => row.day <= range.to).pop();
    if (!latest || latest.day < range.from) return;
    const places = models.map((model, index) => {
      const band = score(readerWindow(days, latest.day, model.windowDays), model).band;
      preview.bands[index]![band] = (preview.bands[index]![band] ?? 0) + 1;
      return ranks[index]!.get(band) ?? 0;
    });
    preview.readers += 1;
    if (places[1]! > places[0]!) preview.moved.up += 1;
    else if (places[1]! < places[0]!) preview.moved.down += 1;
  });
  return preview;
}
