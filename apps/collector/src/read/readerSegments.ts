/**
 * The answer of `GET /v1/sites/:site/readers` from what a store counted
 * (`ReaderSegments`): every band of the reader model present, the daily
 * series filled, readers' movement between the two periods, and the at-risk
 * list with scores on the 0–100 scale.
 */
import type { AtRiskReader, Readers } from '@dwell/contract';
import type { Model } from '@dwell/score';
import { dayOf, isoDay } from '../days.js';
import type { Site } from '../sites.js';
import type { DayRange, ReaderQuery, ReaderSegments } from '../store/store.js';

/** The model's band names, lowest `min` first: the order "a band fell" compares. */
export function bandsLowFirst(model: Model): string[] {
  return Object.entries(model.bands)
    .sort(([, a], [, b]) => a.min - b.min)
    .map(([name]) => name);
}

/** The reader segments' query of a range, against the period of the same length before it. */
export function readerQueryOf(site: Site, range: DayRange, atRiskLimit: number): ReaderQuery {
  const length = range.to - range.from + 1;
  return {
    site: site.id,
    range,
    previous: { from: range.from - length, to: range.from - 1 },
    bandsLowFirst: bandsLowFirst(site.readerModel),
    windowDays: site.readerModel.windowDays,
    atRiskLimit,
  };
}

/** The query of `GET /readers` without a range: the reader window ending today, the one its store keeps as a view. */
export function defaultReaderQuery(site: Site, now: number, atRiskLimit: number): ReaderQuery {
  const today = dayOf(now);
  return readerQueryOf(site, { from: today - site.readerModel.windowDays + 1, to: today }, atRiskLimit);
}

function everyBand(model: Model, counts: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(model.bands).map((name) => [name, counts.get(name) ?? 0]));
}

const total = (counts: ReadonlyMap<string, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);

/** The reader segments of `range` against `previous`, in the shape of the read API. */
export function readersAnswer(
  segments: ReaderSegments,
  model: Model,
  version: string,
  range: DayRange,
): Readers {
  const ranks = new Map(bandsLowFirst(model).map((band, rank) => [band, rank]));
  const readers = total(segments.bands);
  const previous = total(segments.previousBands);
  const movement = {
    up: 0,
    same: 0,
    down: 0,
    new: segments.either - previous,
    gone: segments.either - readers,
  };
  for (const move of segments.moves) {
    const change = (ranks.get(move.current) ?? 0) - (ranks.get(move.previous) ?? 0);
    movement[change > 0 ? 'up' : change < 0 ? 'down' : 'same'] += move.readers;
  }
  const days = new Map<number, Map<string, number>>();
  for (let day = range.from; day <= range.to; day++) days.set(day, new Map());
  for (const row of segments.series) days.get(row.day)?.set(row.band, row.readers);
  const lowest = bandsLowFirst(model)[0] ?? '';
  const atRisk: AtRiskReader[] = segments.atRisk.map(({ previous: before, current }) => {
    const score = (current?.scoreX10 ?? 0) / 10;
    return {
      visitor: before.visitor,
      previous_score: before.scoreX10 / 10,
      previous_band: before.band,
      score,
      band: current?.band ?? lowest,
      fall: Math.round(before.scoreX10 - (current?.scoreX10 ?? 0)) / 10,
      last_seen: isoDay(current?.day ?? before.day),
    };
  });
  return {
    model: version,
    from: isoDay(range.from),
    to: isoDay(range.to),
    readers,
    bands: everyBand(model, segments.bands),
    series: [...days].map(([day, counts]) => ({
      day: isoDay(day),
      readers: total(counts),
      bands: everyBand(model, counts),
    })),
    movement,
    at_risk: atRisk,
  };
}
