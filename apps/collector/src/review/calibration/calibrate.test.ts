import {
  DAY_MS,
  DEFAULT_MODEL,
  emptyState,
  fold,
  modelVersion,
  type Model,
  type ScoreEvent,
} from '@dwell/score';
import { parseModelOf } from '@dwell/score/schema';
import { describe, expect, it } from 'vitest';
import { random } from '../../testing/random.js';
import { calibrate, MIN_CLASS_EXAMPLES, MIN_PART_CLASS_EXAMPLES } from './calibrate.js';
import type { CalibrationExample, CalibrationReport } from './calibration.js';

const FIRST_DAY = 20_000;
const DAYS = 60;

/**
 * A content site: `n` visitor–content states from real events over 60 days
 * (one or two sessions, 0–90 s engaged, a share by one in five), each with
 * an outcome drawn from `chance` of whether the visitor shared.
 */
function contentSite(seed: number, n: number, chance: (shared: boolean) => number): CalibrationExample[] {
  const next = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const day = FIRST_DAY + Math.floor(next() * DAYS);
    const start = day * DAY_MS + Math.floor(next() * (DAY_MS / 2));
    const events: ScoreEvent[] = [];
    const sessions = next() < 0.3 ? 2 : 1;
    for (let s = 0; s < sessions; s++) {
      const session = `s${i}-${s}`;
      const ts = start + s * 3_600_000;
      events.push({ type: 'view', session, ts }, { type: 'engage', session, ts, ms: next() * 90_000 });
      events.push({ type: 'scroll', session, ts, depth: next() });
    }
    const shares = next() < 0.2 ? (next() < 0.7 ? 1 : 2) : 0;
    for (let k = 0; k < shares; k++) events.push({ type: 'share', session: `s${i}-0`, ts: start + k });
    const state = fold(emptyState(), events, { now: start + DAY_MS, windowDays: 30 });
    return { state, day, positive: next() < chance(shares > 0) };
  });
}

/** The report of a calibration that must succeed. */
function reportOf(examples: readonly CalibrationExample[], model: Model): CalibrationReport {
  const result = calibrate(examples, model);
  if (!result.ok) throw new Error(`expected a report, got ${JSON.stringify(result)}`);
  return result.report;
}

/** A signal's share of the points the positive signals can add (their caps, as in the scale). */
const shareOfTotal = (model: Model, name: string) => {
  const reach = (points: number, cap = Infinity) => Math.min(Math.abs(points) * 2, cap);
  const total = Object.values(model.signals)
    .filter((signal) => signal.points > 0)
    .reduce((sum, signal) => sum + reach(signal.points, signal.cap), 0);
  return reach(model.signals[name]!.points, model.signals[name]!.cap) / total;
};

describe('calibrate, content model', () => {
  it('finds that sharers come back, and weighs shares more', () => {
    const examples = contentSite(1, 3000, (shared) => (shared ? 0.8 : 0.1));
    const report = reportOf(examples, DEFAULT_MODEL);
    expect(report.verdict).toBe('suggested');
    expect(report.signals[0]!.signal).toBe('share');
    const share = report.signals[0]!;
    expect(share.auc).toBeGreaterThan(0.7);
    expect(share.with.rate).toBeGreaterThan(0.7);
    expect(share.without.rate).toBeLessThan(0.15);
    expect(share.lift).toBeCloseTo(share.with.rate! / share.without.rate!, 12);
    expect(share.suggestedPoints).toBe(report.suggested.signals.share!.points);
    expect(share.suggestedPoints).toBeGreaterThan(25);
    expect(shareOfTotal(report.suggested, 'share')).toBeGreaterThan(shareOfTotal(DEFAULT_MODEL, 'share'));
    expect(report.auc.suggested).toBeGreaterThanOrEqual(report.auc.current);
  });

  it('suggests a valid model of another version, changing only points (and a cap below them)', () => {
    const report = reportOf(
      contentSite(2, 3000, (shared) => (shared ? 0.8 : 0.1)),
      DEFAULT_MODEL,
    );
    expect(report.verdict).toBe('suggested');
    expect(parseModelOf(report.suggested, 'content')).toEqual({ ok: true, model: report.suggested });
    expect(modelVersion(report.suggested)).not.toBe(modelVersion(DEFAULT_MODEL));
    const { signals, ...rest } = report.suggested;
    const { signals: current, ...currentRest } = DEFAULT_MODEL;
    expect(rest).toEqual(currentRest);
    expect(Object.keys(signals)).toEqual(Object.keys(current));
    for (const [name, signal] of Object.entries(signals)) {
      const { points, cap } = signal;
      const currentCap = current[name]!.cap;
      expect({ ...signal, points: 0, cap: 0 }).toEqual({ ...current[name], points: 0, cap: 0 });
      expect(Number.isInteger(points)).toBe(true);
      expect(cap).toBe(currentCap === undefined ? undefined : Math.max(currentCap, Math.abs(points)));
    }
  });

  it('splits by time: every fit day precedes every test day', () => {
    const report = reportOf(
      contentSite(3, 2000, (shared) => (shared ? 0.8 : 0.1)),
      DEFAULT_MODEL,
    );
    const { fit, test } = report.split;
    expect(fit.lastDay).toBeLessThan(test.firstDay);
    expect(fit.n + test.n).toBe(report.n);
    expect(fit.positives + test.positives).toBe(report.positives);
    expect(fit.n / report.n).toBeGreaterThan(0.65);
    expect(fit.n / report.n).toBeLessThan(0.75);
  });

  it('finds no signal when the outcome is independent of everything, and keeps the model', () => {
    const report = reportOf(
      contentSite(4, 4000, () => 0.3),
      DEFAULT_MODEL,
    );
    expect(report.verdict).toBe('no_signal');
    expect(Math.abs(report.auc.current - 0.5)).toBeLessThan(0.05);
    for (const { auc } of report.signals) expect(Math.abs(auc - 0.5)).toBeLessThan(0.05);
    expect(report.suggested).toEqual(DEFAULT_MODEL);
    expect(report.auc.suggested).toBe(report.auc.current);
    for (const { points, suggestedPoints } of report.signals) expect(suggestedPoints).toBe(points);
  });

  it('refuses too little data with the exact counts, never a made-up number', () => {
    const examples = contentSite(5, 230, () => 0).map((example, i) => ({ ...example, positive: i < 30 }));
    expect(calibrate(examples, DEFAULT_MODEL)).toEqual({
      ok: false,
      reason: 'too_little_data',
      part: 'all',
      positives: 30,
      negatives: 200,
      needed: MIN_CLASS_EXAMPLES,
    });
  });

  it('refuses when the held-out days lack an outcome, though the whole has enough', () => {
    // Positives only in the first half of the days: the latest 30% has none.
    const examples = contentSite(6, 1000, () => 0).map((example) => ({
      ...example,
      positive: example.day < FIRST_DAY + DAYS / 2 && example.day % 3 === 0,
    }));
    const result = calibrate(examples, DEFAULT_MODEL);
    expect(result).toMatchObject({ ok: false, reason: 'too_little_data', part: 'test', positives: 0 });
    expect(result).toMatchObject({ needed: MIN_PART_CLASS_EXAMPLES });
  });
});
