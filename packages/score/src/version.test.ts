import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL,
  DEFAULT_MODEL_VERSION,
  DEFAULT_READER_MODEL,
  DEFAULT_READER_MODEL_VERSION,
} from './model.js';
import { canonicalJson, modelVersion } from './version.js';

describe('modelVersion', () => {
  it('is a pinned 14-digit hex hash of the default model', () => {
    // Pinned: the browser and Node must agree on it, and a change to the
    // default model must be a deliberate change of this value.
    expect(modelVersion(DEFAULT_MODEL)).toMatchInlineSnapshot(`"1aa2fd4916aa0c"`);
  });

  it('equals DEFAULT_MODEL_VERSION, which the SDK uses instead of hashing', () => {
    expect(DEFAULT_MODEL_VERSION).toBe(modelVersion(DEFAULT_MODEL));
  });

  it('is pinned for the default reader model too, as DEFAULT_READER_MODEL_VERSION', () => {
    expect(modelVersion(DEFAULT_READER_MODEL)).toMatchInlineSnapshot(`"1c42aa10a2949e"`);
    expect(DEFAULT_READER_MODEL_VERSION).toBe(modelVersion(DEFAULT_READER_MODEL));
  });

  it('does not depend on key order', () => {
    const reordered = JSON.parse(canonicalJson(DEFAULT_MODEL)) as typeof DEFAULT_MODEL;
    const { max, bands, ...rest } = reordered;
    expect(modelVersion({ bands, ...rest, max })).toBe(modelVersion(DEFAULT_MODEL));
  });

  it('changes with any value', () => {
    expect(modelVersion({ ...DEFAULT_MODEL, max: 151 })).not.toBe(modelVersion(DEFAULT_MODEL));
    expect(modelVersion({ ...DEFAULT_MODEL, windowDays: 7 })).not.toBe(modelVersion(DEFAULT_MODEL));
  });

  it('hashes non-ASCII labels', () => {
    const model = {
      ...DEFAULT_MODEL,
      bands: { ...DEFAULT_MODEL.bands, low: { min: 0, label: 'À risque — 危' } },
    };
    expect(modelVersion(model)).toMatch(/^[0-9a-f]{14}$/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });
});
