/**
 * Changes to the daily per-content aggregates, collected in memory over one
 * transaction and written once per row at its end: a group of requests about
 * the same article costs one upsert, not one per event. Deltas of the days
 * that the live window sums (`content_live`) are summed for it too, which
 * keeps it equal to the sum of those `content_days` rows. Store-agnostic: each
 * store writes the rows `take()` returns with its own statements.
 */
import type { Contribution } from './engagement.js';
import { keyOf } from './keys.js';

/** The additive columns of `content_days`. */
export interface DayDelta {
  views: number;
  shares: number;
  engagedMs: number;
  events: number;
  activeReaders: number;
  activeScoreX10: number;
  readers: number;
  scoreX10: number;
  scoreSq: number;
  repeaters: number;
}

export interface DayDeltaRow {
  site: string;
  content: string;
  day: number;
  delta: DayDelta;
}

export type LiveDeltaRow = Omit<DayDeltaRow, 'day'>;

export interface BandDeltaRow {
  site: string;
  content: string;
  day: number;
  band: string;
  readers: number;
  /** Σ of those readers' reader scores × 10 (`Contribution.audienceX10`). */
  audienceX10: number;
}

/** What one transaction adds to the aggregates, each list sorted by its table's key. */
export interface DeltaRows {
  days: DayDeltaRow[];
  live: LiveDeltaRow[];
  bands: BandDeltaRow[];
}

function zero(): DayDelta {
  return {
    views: 0,
    shares: 0,
    engagedMs: 0,
    events: 0,
    activeReaders: 0,
    activeScoreX10: 0,
    readers: 0,
    scoreX10: 0,
    scoreSq: 0,
    repeaters: 0,
  };
}

function isZero(delta: DayDelta): boolean {
  for (const value of Object.values(delta)) if (value !== 0) return false;
  return true;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class AggregateDeltas {
  readonly #days = new Map<string, DayDeltaRow>();
  readonly #bands = new Map<string, BandDeltaRow>();

  /** The delta of one (site, content, day) row, to add to. */
  day(site: string, content: string, day: number): DayDelta {
    const key = keyOf(site, content, day);
    let entry = this.#days.get(key);
    if (!entry) this.#days.set(key, (entry = { site, content, day, delta: zero() }));
    return entry.delta;
  }

  /** Adds (`sign` 1) or removes (`sign` −1) one reader's contribution. */
  reader(site: string, content: string, contribution: Contribution, sign: 1 | -1): void {
    const { lastDay, scoreX10, band, repeat } = contribution;
    const delta = this.day(site, content, lastDay);
    delta.readers += sign;
    delta.scoreX10 += sign * scoreX10;
    delta.scoreSq += sign * scoreX10 * scoreX10;
    if (repeat) delta.repeaters += sign;
    const entry = this.#band(site, content, lastDay, band);
    entry.readers += sign;
    entry.audienceX10 += sign * contribution.audienceX10;
  }

  /** A reader's reader score as of its `day` on the content changed by `deltaX10` (a late event of another content). */
  audience(site: string, content: string, day: number, band: string, deltaX10: number): void {
    this.#band(site, content, day, band).audienceX10 += deltaX10;
  }

  #band(site: string, content: string, day: number, band: string): BandDeltaRow {
    const key = keyOf(site, content, day, band);
    let entry = this.#bands.get(key);
    if (!entry) this.#bands.set(key, (entry = { site, content, day, band, readers: 0, audienceX10: 0 }));
    return entry;
  }

  /** Forgets everything collected: a transaction that failed must not leak into the next. */
  clear(): void {
    this.#days.clear();
    this.#bands.clear();
  }

  /**
   * The non-zero deltas as rows, and forgets them; `liveFrom` tells from which
   * day a site's live window sums. Rows come sorted by key so that concurrent
   * transactions (several PostgreSQL collectors) lock them in the same order
   * and never deadlock on them.
   */
  take(liveFrom: (site: string) => number): DeltaRows {
    const days = [...this.#days.values()]
      .filter((row) => !isZero(row.delta))
      .sort((a, b) => byText(a.site, b.site) || a.day - b.day || byText(a.content, b.content));
    const live = new Map<string, LiveDeltaRow>();
    for (const { site, content, day, delta } of days) {
      if (day < liveFrom(site)) continue;
      const key = keyOf(site, content);
      const sum = live.get(key);
      if (!sum) live.set(key, { site, content, delta: { ...delta } });
      else for (const name of Object.keys(delta) as (keyof DayDelta)[]) sum.delta[name] += delta[name];
    }
    const bands = [...this.#bands.values()]
      .filter((row) => row.readers !== 0 || row.audienceX10 !== 0)
      .sort(
        (a, b) =>
          byText(a.site, b.site) || byText(a.content, b.content) || a.day - b.day || byText(a.band, b.band),
      );
    this.clear();
    return {
      days,
      live: [...live.values()].sort((a, b) => byText(a.site, b.site) || byText(a.content, b.content)),
      bands,
    };
  }
}
