/**
 * Changes of `reader_day_bands`: `reader_days` rows counted by site, day,
 * band and next active day, collected over one fold and written once per
 * row. With the next day in the key, "readers as of their latest activity in
 * a range" is a sum over at most (days × bands × next days) rows, whatever
 * the number of readers (`../sqlite/readerQueries.ts`).
 */
import { keyOf } from './keys.js';

/**
 * `next_day` of a reader's latest row in `reader_day_bands`, where NULL
 * cannot be part of a key: past every day, so `next_day > to` holds for it.
 */
export const NO_NEXT_DAY = 2_147_483_647;

export interface ReaderBandRow {
  site: string;
  day: number;
  band: string;
  nextDay: number;
  readers: number;
}

export class ReaderBandDeltas {
  readonly #rows = new Map<string, ReaderBandRow>();

  /** Adds `readers` (±1) rows of `day` in `band` whose reader is next active on `nextDay` (null: never). */
  add(site: string, day: number, band: string, nextDay: number | null, readers: number): void {
    const next = nextDay ?? NO_NEXT_DAY;
    const key = keyOf(site, day, band, next);
    const row = this.#rows.get(key);
    if (row) row.readers += readers;
    else this.#rows.set(key, { site, day, band, nextDay: next, readers });
  }

  /** The non-zero changes, sorted by key so that concurrent folds lock rows in one order; and forgets them. */
  take(): ReaderBandRow[] {
    const rows = [...this.#rows.values()]
      .filter((row) => row.readers !== 0)
      .sort(
        (a, b) =>
          (a.site < b.site ? -1 : a.site > b.site ? 1 : 0) ||
          a.day - b.day ||
          (a.band < b.band ? -1 : a.band > b.band ? 1 : 0) ||
          a.nextDay - b.nextDay,
      );
    this.#rows.clear();
    return rows;
  }

  clear(): void {
    this.#rows.clear();
  }
}
