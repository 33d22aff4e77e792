/**
 * Changes to the daily per-content aggregates, collected in memory over one
 * transaction and written once per row at its end: a group of requests about
 * the same article costs one upsert, not one per event. Deltas of the days
 * that `content_live` sums are added there too, which keeps it equal to the
 * sum of those `content_days` rows.
 */
import type Database from 'better-sqlite3';
import type { Contribution } from '../engagement.js';
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

interface Keyed<Value> {
  site: string;
  content: string;
  day: number;
  value: Value;
}

function isZero(delta: DayDelta): boolean {
  for (const value of Object.values(delta)) if (value !== 0) return false;
  return true;
}

export class AggregateDeltas {
  readonly #days = new Map<string, Keyed<DayDelta>>();
  readonly #bands = new Map<string, Keyed<number> & { band: string }>();

  /** The delta of one (site, content, day) row, to add to. */
  day(site: string, content: string, day: number): DayDelta {
    const key = keyOf(site, content, day);
    let entry = this.#days.get(key);
    if (!entry) this.#days.set(key, (entry = { site, content, day, value: zero() }));
    return entry.value;
  }

  /** Adds (`sign` 1) or removes (`sign` −1) one reader's contribution. */
  reader(site: string, content: string, contribution: Contribution, sign: 1 | -1): void {
    const { lastDay, scoreX10, band, repeat } = contribution;
    const delta = this.day(site, content, lastDay);
    delta.readers += sign;
    delta.scoreX10 += sign * scoreX10;
    delta.scoreSq += sign * scoreX10 * scoreX10;
    if (repeat) delta.repeaters += sign;
    const key = keyOf(site, content, lastDay, band);
    let entry = this.#bands.get(key);
    if (!entry) this.#bands.set(key, (entry = { site, content, day: lastDay, band, value: 0 }));
    entry.value += sign;
  }

  /** Forgets everything collected: a transaction that failed must not leak into the next. */
  clear(): void {
    this.#days.clear();
    this.#bands.clear();
  }

  /** Writes every non-zero delta; `liveFrom` tells from which day a site's `content_live` sums. */
  flush(statements: AggregateStatements, liveFrom: (site: string) => number): void {
    const live = new Map<string, Keyed<DayDelta>>();
    for (const entry of this.#days.values()) {
      const { site, content, day, value: d } = entry;
      if (isZero(d)) continue;
      statements.addDay.run(
        site,
        day,
        content,
        d.views,
        d.shares,
        d.engagedMs,
        d.events,
        d.activeReaders,
        d.activeScoreX10,
        d.readers,
        d.scoreX10,
        d.scoreSq,
        d.repeaters,
      );
      if (day < liveFrom(site)) continue;
      const key = keyOf(site, content);
      const sum = live.get(key);
      if (!sum) live.set(key, { ...entry, value: { ...d } });
      else for (const name of Object.keys(d) as (keyof DayDelta)[]) sum.value[name] += d[name];
    }
    for (const { site, content, value: d } of live.values()) {
      statements.addLive.run(
        site,
        content,
        d.views,
        d.shares,
        d.engagedMs,
        d.events,
        d.readers,
        d.scoreX10,
        d.scoreSq,
        d.repeaters,
      );
    }
    for (const { site, content, day, band, value } of this.#bands.values()) {
      if (value !== 0) statements.addBand.run(site, content, day, band, value);
    }
    this.clear();
  }
}

export interface AggregateStatements {
  addDay: Database.Statement;
  addLive: Database.Statement;
  addBand: Database.Statement;
}

export function prepareAggregateStatements(db: Database.Database): AggregateStatements {
  return {
    addDay: db.prepare(`
      INSERT INTO content_days (site, day, content, views, shares, engaged_ms, events, active_readers,
        active_score_x10, readers, score_x10, score_sq, repeaters)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (site, day, content) DO UPDATE SET
        views = views + excluded.views,
        shares = shares + excluded.shares,
        engaged_ms = engaged_ms + excluded.engaged_ms,
        events = events + excluded.events,
        active_readers = active_readers + excluded.active_readers,
        active_score_x10 = active_score_x10 + excluded.active_score_x10,
        readers = readers + excluded.readers,
        score_x10 = score_x10 + excluded.score_x10,
        score_sq = score_sq + excluded.score_sq,
        repeaters = repeaters + excluded.repeaters`),
    addLive: db.prepare(`
      INSERT INTO content_live (site, content, views, shares, engaged_ms, events, readers, score_x10, score_sq, repeaters)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (site, content) DO UPDATE SET
        views = views + excluded.views,
        shares = shares + excluded.shares,
        engaged_ms = engaged_ms + excluded.engaged_ms,
        events = events + excluded.events,
        readers = readers + excluded.readers,
        score_x10 = score_x10 + excluded.score_x10,
        score_sq = score_sq + excluded.score_sq,
        repeaters = repeaters + excluded.repeaters`),
    addBand: db.prepare(`
      INSERT INTO content_day_bands (site, content, day, band, readers) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (site, content, day, band) DO UPDATE SET readers = readers + excluded.readers`),
  };
}
