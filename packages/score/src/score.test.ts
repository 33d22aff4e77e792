import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, type Model } from './model.js';
import { score } from './score.js';
import { emptyState, fold, type EngagementState, type ScoreEvent } from './state.js';
import { modelVersion } from './version.js';

const NOW = Date.UTC(2026, 10, 22, 12);
const DAY = 86_400_000;

let sequence = 0;
function event(type: ScoreEvent['type'], extra: Partial<ScoreEvent> = {}): ScoreEvent {
  return { type, session: 's1', ts: NOW - 1000 + sequence++ * 0, ...extra };
}

function stateFrom(events: ScoreEvent[], now = NOW): EngagementState {
  return fold(emptyState(), events, { now, windowDays: DEFAULT_MODEL.windowDays });
}

/** A reader with `sessions` viewing sessions, `engagedMs` engaged and `shares` shares. */
function reader(sessions: number, engagedMs: number, shares = 0): EngagementState {
  const events: ScoreEvent[] = [];
  for (let i = 0; i < sessions; i++) events.push(event('view', { session: `s${i}` }));
  if (engagedMs) events.push(event('engage', { ms: engagedMs }));
  for (let i = 0; i < shares; i++) events.push(event('share'));
  return stateFrom(events);
}

describe('DEFAULT_MODEL', () => {
  it('is the table of DESIGN.md', () => {
    expect(DEFAULT_MODEL.max).toBe(150);
    expect(DEFAULT_MODEL.windowDays).toBe(30);
    expect(DEFAULT_MODEL.sessionTimeoutMinutes).toBe(30);
    expect(DEFAULT_MODEL.signals).toEqual({
      view: { measure: 'views', points: 10, cap: 10 },
      engaged: { measure: 'engaged_ms', per: 15_000, points: 5, cap: 40 },
      repeat: { measure: 'further_sessions', points: 25, cap: 50 },
      share: { measure: 'shares', points: 25, cap: 50 },
      bounce: { measure: 'sessions', points: -10, below: { sessions: 2, engaged_ms: 10_000, shares: 1 } },
    });
    expect(DEFAULT_MODEL.bands).toEqual({
      high: { min: 100, label: 'Highly engaged' },
      medium: { min: 50, label: 'Moderately engaged' },
      low: { min: 0, label: 'At risk' },
    });
  });
});

describe('score with the default model', () => {
  it('scores an empty state 0, low', () => {
    expect(score(emptyState(), DEFAULT_MODEL)).toEqual({
      score: 0,
      raw: 0,
      band: 'low',
      model: modelVersion(DEFAULT_MODEL),
      signals: { view: 0, engaged: 0, repeat: 0, share: 0, bounce: 0 },
    });
  });

  it('counts engaged time in full 15 s steps: 14,999 ms is 0, 15,000 ms is 5', () => {
    expect(score(reader(2, 14_999), DEFAULT_MODEL).signals.engaged).toBe(0);
    expect(score(reader(2, 15_000), DEFAULT_MODEL).signals.engaged).toBe(5);
    expect(score(reader(2, 29_999), DEFAULT_MODEL).signals.engaged).toBe(5);
    expect(score(reader(2, 30_000), DEFAULT_MODEL).signals.engaged).toBe(10);
  });

  it('caps engaged at 40 exactly: 105 s is 35, 120 s is 40, an hour is 40', () => {
    expect(score(reader(1, 105_000), DEFAULT_MODEL).signals.engaged).toBe(35);
    expect(score(reader(1, 120_000), DEFAULT_MODEL).signals.engaged).toBe(40);
    expect(score(reader(1, 3_600_000), DEFAULT_MODEL).signals.engaged).toBe(40);
  });

  it('caps views at 10: three views are still 10', () => {
    expect(score(reader(1, 0), DEFAULT_MODEL).signals.view).toBe(10);
    expect(score(reader(3, 0), DEFAULT_MODEL).signals.view).toBe(10);
  });

  it('gives 25 per further session, capped at 50', () => {
    expect(score(reader(1, 20_000), DEFAULT_MODEL).signals.repeat).toBe(0);
    expect(score(reader(2, 0), DEFAULT_MODEL).signals.repeat).toBe(25);
    expect(score(reader(3, 0), DEFAULT_MODEL).signals.repeat).toBe(50);
    expect(score(reader(4, 0), DEFAULT_MODEL).signals.repeat).toBe(50);
  });

  it('counts a session once however many views it has', () => {
    const state = stateFrom([event('view'), event('view'), event('view', { session: 's2' })]);
    expect(state.views).toBe(3);
    expect(score(state, DEFAULT_MODEL).signals.repeat).toBe(25);
  });

  it('gives 25 per share, capped at 50', () => {
    expect(score(reader(1, 0, 1), DEFAULT_MODEL).signals.share).toBe(25);
    expect(score(reader(1, 0, 2), DEFAULT_MODEL).signals.share).toBe(50);
    expect(score(reader(1, 0, 5), DEFAULT_MODEL).signals.share).toBe(50);
  });

  it('bounces below 10,000 ms engaged in one session without a share', () => {
    expect(score(reader(1, 9_999), DEFAULT_MODEL).signals.bounce).toBe(-10);
    expect(score(reader(1, 10_000), DEFAULT_MODEL).signals.bounce).toBe(0);
    expect(score(reader(2, 0), DEFAULT_MODEL).signals.bounce).toBe(0);
    expect(score(reader(1, 0, 1), DEFAULT_MODEL).signals.bounce).toBe(0);
    // No view at all is not a bounce: there is no session to bounce from.
    expect(score(stateFrom([event('engage', { ms: 1000 })]), DEFAULT_MODEL).signals.bounce).toBe(0);
  });

  it('floors the raw score at 0: a bounce alone is 10 − 10 = 0', () => {
    expect(score(reader(1, 0), DEFAULT_MODEL)).toMatchObject({ raw: 0, score: 0, band: 'low' });
  });

  it('reaches the maximum 150 and scores 100', () => {
    const result = score(reader(3, 120_000, 2), DEFAULT_MODEL);
    expect(result).toMatchObject({ raw: 150, score: 100, band: 'high' });
    expect(result.signals).toEqual({ view: 10, engaged: 40, repeat: 50, share: 50, bounce: 0 });
  });

  it('puts the band edges at raw 49/50 and 99/100', () => {
    const band = (raw: number): string => {
      const model: Model = { ...DEFAULT_MODEL, signals: { points: { measure: 'custom:p', points: 1 } } };
      const state = emptyState();
      state.custom.p = raw;
      return score(state, model).band;
    };
    expect([band(0), band(49), band(50), band(99), band(100), band(150)]).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });

  it('rounds the score to one decimal of 100 × raw / 150', () => {
    // view 10 + engaged 5 = 15 → 10.0; view 10 + engaged 10 + share 25 = 45 → 30.0
    expect(score(reader(1, 15_000), DEFAULT_MODEL).score).toBe(10);
    expect(score(reader(1, 30_000, 1), DEFAULT_MODEL).score).toBe(30);
    // 10 + 25 + 5 = 40 → 26.666… → 26.7
    expect(score(reader(2, 15_000), DEFAULT_MODEL)).toMatchObject({ raw: 40, score: 26.7 });
  });
});

describe('the window', () => {
  it('counts an event exactly 30 days old and not one a millisecond older', () => {
    const edge = NOW - 30 * DAY;
    expect(stateFrom([event('view', { ts: edge })]).views).toBe(1);
    expect(stateFrom([event('view', { ts: edge - 1 })]).views).toBe(0);
  });

  it('follows the model window when folding', () => {
    const state = fold(emptyState(), [event('share', { ts: NOW - 8 * DAY })], { now: NOW, windowDays: 7 });
    expect(state.shares).toBe(0);
  });
});

describe('the classic customer-engagement example as a custom model', () => {
  // weekly login +25, three key features used at +10 each (cap 50), 30 minutes
  // in the session at +5 per 10 minutes (cap 25), NPS promoter +25, one
  // unresolved support ticket −5: 90 of a 150 maximum, "medium".
  const customer: Model = {
    signals: {
      login: { measure: 'custom:weekly_login', points: 25, cap: 25 },
      features: { measure: 'custom:key_feature', points: 10, cap: 50 },
      time: { measure: 'engaged_ms', per: 600_000, points: 5, cap: 25 },
      promoter: { measure: 'custom:nps_promoter', points: 25, cap: 25 },
      ticket: { measure: 'custom:support_ticket', points: -5 },
    },
    max: 150,
    bands: {
      high: { min: 100, label: 'Highly engaged' },
      medium: { min: 50, label: 'Moderately engaged' },
      low: { min: 0, label: 'At risk' },
    },
    windowDays: 30,
    sessionTimeoutMinutes: 30,
  };

  it('scores 90 raw, 60 of 100, medium', () => {
    const custom = (name: string): ScoreEvent => event('custom', { name });
    const state = stateFrom([
      custom('weekly_login'),
      custom('key_feature'),
      custom('key_feature'),
      custom('key_feature'),
      event('engage', { ms: 1_800_000 }),
      custom('nps_promoter'),
      custom('support_ticket'),
    ]);
    expect(score(state, customer)).toEqual({
      score: 60,
      raw: 90,
      band: 'medium',
      model: modelVersion(customer),
      signals: { login: 25, features: 30, time: 15, promoter: 25, ticket: -5 },
    });
  });
});
