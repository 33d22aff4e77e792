import { DEFAULT_MODEL, type Model } from '@dwell/score';
import { describe, expect, it } from 'vitest';
import { suggestModel, type FittedSignal } from './suggestModel.js';

const MODEL: Model = {
  ...DEFAULT_MODEL,
  signals: {
    engaged: { measure: 'engaged_ms', per: 15_000, points: 5, cap: 40 },
    share: { measure: 'shares', points: 25, cap: 50 },
    comments: { measure: 'custom:comment', points: 0 },
    bounce: { measure: 'sessions', points: -10, below: { sessions: 2 } },
    rated: { measure: 'ratings', points: 10, cap: 10 },
  },
};

const fitted = (perCount: number | null, observedMax = 1): FittedSignal => ({ perCount, observedMax });

describe('suggestModel', () => {
  it('keeps the reach of the positive signals, and a penalty negative', () => {
    const suggested = suggestModel(MODEL, {
      engaged: fitted(0.1, 8),
      share: fitted(1, 2),
      comments: fitted(0.5, 4),
      bounce: fitted(-0.4),
      rated: fitted(null),
    });
    // Reach now: 40 (engaged) + 50 (share) + 0 (comments) = 90; fitted 0.1·8 + 1·2 + 0.5·4 = 4.8.
    const scale = 90 / 4.8;
    expect(suggested.signals).toEqual({
      engaged: { measure: 'engaged_ms', per: 15_000, points: Math.round(0.1 * scale), cap: 40 },
      share: { measure: 'shares', points: Math.round(scale), cap: 50 },
      comments: { measure: 'custom:comment', points: Math.round(0.5 * scale) },
      bounce: { measure: 'sessions', points: Math.round(-0.4 * scale), below: { sessions: 2 } },
      // No evidence: kept as it is.
      rated: { measure: 'ratings', points: 10, cap: 10 },
    });
    expect({ ...suggested, signals: {} }).toEqual({ ...MODEL, signals: {} });
  });

  it('raises a cap only where it would fall below one count', () => {
    const suggested = suggestModel(MODEL, {
      engaged: fitted(0),
      share: fitted(1, 2),
      comments: fitted(0),
      bounce: fitted(0),
      rated: fitted(0),
    });
    // All of the reach, 40 + 50 + 10 = 100, on share's two counts: 50 a share, its cap 50 kept.
    expect(suggested.signals.share).toEqual({ measure: 'shares', points: 50, cap: 50 });
    expect(suggested.signals.engaged).toMatchObject({ points: 0, cap: 40 });
    // Reach 100 over 2 + 0.1: ≈ 48 a share, under share's cap of 50, which stays.
    const single = suggestModel(MODEL, { engaged: fitted(0), share: fitted(1, 2), rated: fitted(0.1) });
    expect(single.signals.share).toEqual({ measure: 'shares', points: 48, cap: 50 });
    const heavy = suggestModel(MODEL, { share: fitted(0.01, 2), rated: fitted(1) });
    // Reach 50 + 10 = 60 over 0.02 + 1: rated ≈ 59 points per rating, its cap raised from 10 to them.
    expect(heavy.signals.rated).toEqual({ measure: 'ratings', points: 59, cap: 59 });
  });

  it('changes nothing when no signal was fitted', () => {
    expect(suggestModel(MODEL, {})).toBe(MODEL);
    expect(suggestModel(MODEL, { share: fitted(0, 2) })).toBe(MODEL);
  });
});
