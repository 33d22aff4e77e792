import {
  DAY_MS,
  DEFAULT_READER_MODEL,
  emptyReader,
  foldReader,
  modelVersion,
  readerStateOf,
  score,
  type ReaderEvent,
} from '@dwell/score';
import { parseModelOf } from '@dwell/score/schema';
import { describe, expect, it } from 'vitest';
import { random } from '../../testing/random.js';
import { calibrate } from './calibrate.js';
import type { CalibrationExample } from './calibration.js';

const FIRST_DAY = 20_000;
const DAYS = 60;

/**
 * A reader site: `n` reader states folded from real events (1–12 active days
 * within the 30-day window, 50 stories, up to 10 minutes engaged a day, a
 * rating by half of them), each with an outcome drawn from `chance` of
 * whether the reader rated a story 4 or 5 (a promoter).
 */
function readerSite(seed: number, n: number, chance: (promoter: boolean) => number): CalibrationExample[] {
  const next = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const day = FIRST_DAY + Math.floor(next() * DAYS);
    const activeDays = 1 + Math.floor(next() * 12);
    const events: ReaderEvent[] = [];
    for (let d = 0; d < activeDays; d++) {
      const ts = (day - 2 * d) * DAY_MS + Math.floor(next() * DAY_MS);
      const session = `r${i}-${d}`;
      const content = `/a/${Math.floor(next() * 50)}`;
      events.push({ type: 'view', session, ts, content });
      events.push({ type: 'engage', session, ts, content, ms: next() * 600_000 });
    }
    const rating = next() < 0.5 ? 1 + Math.floor(next() * 5) : 0;
    if (rating)
      events.push({ type: 'feedback', session: `r${i}-0`, ts: day * DAY_MS, content: '/a/0', rating });
    // Folding from the first event's state gives the same state (checked on a few).
    const state = foldReader(emptyReader(), events);
    if (i < 50) expect(state).toEqual(foldReader(readerStateOf(events[0]!), events.slice(1)));
    return { state, day, positive: next() < chance(rating >= 4) };
  });
}

describe('calibrate, reader model', () => {
  it('finds that promoters come back and weighs them more, with a valid reader model', () => {
    const examples = readerSite(11, 3000, (promoter) => (promoter ? 0.75 : 0.15));
    const result = calibrate(examples, DEFAULT_READER_MODEL);
    if (!result.ok) throw new Error(JSON.stringify(result));
    const { report } = result;
    expect(report.verdict).toBe('suggested');
    expect(report.signals[0]!.signal).toBe('promoter');
    const points = (name: string) => report.suggested.signals[name]!.points;
    const current = (name: string) => DEFAULT_READER_MODEL.signals[name]!.points;
    expect(points('promoter')).toBeGreaterThan(current('promoter'));
    expect(report.auc.suggested).toBeGreaterThanOrEqual(report.auc.current);
    expect(report.split.fit.lastDay).toBeLessThan(report.split.test.firstDay);
    expect(report.suggested.kind).toBe('reader');
    expect(parseModelOf(report.suggested, 'reader')).toEqual({ ok: true, model: report.suggested });
    expect(modelVersion(report.suggested)).not.toBe(modelVersion(DEFAULT_READER_MODEL));
    // The suggestion scores reader states like any reader model.
    expect(score(examples[0]!.state, report.suggested).model).toBe(modelVersion(report.suggested));
  });

  it('finds no signal when readers return at random', () => {
    const result = calibrate(
      readerSite(12, 4000, () => 0.3),
      DEFAULT_READER_MODEL,
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    const { report } = result;
    expect(report.verdict).toBe('no_signal');
    expect(Math.abs(report.auc.current - 0.5)).toBeLessThan(0.05);
    expect(report.suggested).toEqual(DEFAULT_READER_MODEL);
  });
});
