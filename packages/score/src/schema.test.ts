import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, DEFAULT_READER_MODEL } from './model.js';
import { parseModel } from './schema.js';

const clone = (): Record<string, unknown> =>
  structuredClone(DEFAULT_MODEL) as unknown as Record<string, unknown>;

describe('parseModel', () => {
  it('accepts the default model unchanged', () => {
    expect(parseModel(DEFAULT_MODEL)).toEqual({ ok: true, model: DEFAULT_MODEL });
  });

  it('rejects a negative cap, naming the field', () => {
    const model = clone();
    (model.signals as Record<string, Record<string, unknown>>).view!.cap = -1;
    const result = parseModel(model);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues).toEqual([
      { path: 'signals.view.cap', message: expect.stringMatching(/>=\s?0/) },
    ]);
  });

  it('rejects a band without a threshold', () => {
    const model = clone();
    model.bands = { ...(model.bands as object), top: { label: 'Top' } };
    const result = parseModel(model);
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual(['bands.top.min']);
  });

  it('rejects a signal with an unknown measure', () => {
    const model = clone();
    (model.signals as Record<string, unknown>).likes = { measure: 'likes', points: 5 };
    const result = parseModel(model);
    expect(!result.ok && result.issues).toEqual([
      { path: 'signals.likes.measure', message: expect.stringContaining('unknown measure') },
    ]);
  });

  it('rejects an unknown field in a signal and an unknown measure in `below`', () => {
    const model = clone();
    const signals = model.signals as Record<string, Record<string, unknown>>;
    signals.view!.weight = 3;
    signals.bounce!.below = { sessions: 2, minutes: 3 };
    const result = parseModel(model);
    expect(!result.ok && result.issues.map((issue) => issue.path).sort()).toEqual([
      'signals.bounce.below.minutes',
      'signals.view',
    ]);
  });

  it('accepts custom measures by event name', () => {
    const model = clone();
    (model.signals as Record<string, unknown>).comment = { measure: 'custom:comment', points: 15, cap: 30 };
    expect(parseModel(model).ok).toBe(true);
  });

  it('rejects a model without signals or bands, and a zero maximum', () => {
    const result = parseModel({ ...DEFAULT_MODEL, signals: {}, bands: {}, max: 0 });
    expect(!result.ok && result.issues.map((issue) => issue.path).sort()).toEqual([
      'bands',
      'max',
      'signals',
    ]);
  });

  it('rejects what is not a model at all', () => {
    for (const input of [null, 42, 'model', [], {}]) expect(parseModel(input).ok).toBe(false);
  });
});

describe('custom measures', () => {
  it('refuses a custom measure named after an inherited property', () => {
    const result = parseModel({
      ...DEFAULT_MODEL,
      signals: { odd: { measure: 'custom:constructor', points: 5 } },
    });
    expect(!result.ok && result.issues.map((issue) => issue.path)).toEqual(['signals.odd.measure']);
  });
});

describe('reader models', () => {
  it('accepts the default reader model unchanged', () => {
    expect(parseModel(DEFAULT_READER_MODEL)).toEqual({ ok: true, model: DEFAULT_READER_MODEL });
  });

  it('rejects a content measure in a reader model and a reader measure in a content model, naming the field', () => {
    const reader = parseModel({
      ...DEFAULT_READER_MODEL,
      signals: { repeat: { measure: 'further_sessions', points: 5, atLeast: { scroll_depth: 1 } } },
    });
    expect(!reader.ok && reader.issues.map((issue) => issue.path).sort()).toEqual([
      'signals.repeat.atLeast.scroll_depth',
      'signals.repeat.measure',
    ]);
    const content = parseModel({
      ...DEFAULT_MODEL,
      signals: { loyal: { measure: 'active_days', points: 5 } },
    });
    expect(!content.ok && content.issues).toEqual([
      {
        path: 'signals.loyal.measure',
        message: expect.stringContaining('unknown content measure: active_days'),
      },
    ]);
  });

  it('rejects an unknown kind and a non-numeric bound', () => {
    const result = parseModel({
      ...DEFAULT_READER_MODEL,
      kind: 'people',
      signals: { daily: { measure: 'active_days', points: 5, atMost: { active_days: 'many' } } },
    });
    expect(!result.ok && result.issues.map((issue) => issue.path).sort()).toEqual([
      'kind',
      'signals.daily.atMost.active_days',
    ]);
  });
});
