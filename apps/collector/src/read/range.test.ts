import { describe, expect, it } from 'vitest';
import { dayOf, parseIsoDay } from '../days.js';
import { NOW } from '../testing.js';
import { resolveRange } from './range.js';

const TODAY = dayOf(NOW);

describe('resolveRange', () => {
  it("defaults to the model's window ending today, and clamps a later end to today", () => {
    expect(resolveRange({}, 30, NOW)).toEqual({ ok: true, range: { from: TODAY - 29, to: TODAY } });
    expect(resolveRange({ to: '2026-12-31' }, 30, NOW)).toEqual({
      ok: true,
      range: { from: TODAY - 29, to: TODAY },
    });
    expect(resolveRange({ from: '2026-11-01', to: '2026-11-07' }, 30, NOW)).toEqual({
      ok: true,
      range: { from: parseIsoDay('2026-11-01'), to: parseIsoDay('2026-11-07') },
    });
  });

  it('refuses ranges longer than the window, reversed, or not dates', () => {
    expect(resolveRange({ from: '2026-10-01' }, 30, NOW)).toMatchObject({
      ok: false,
      issues: [{ path: 'from' }],
    });
    expect(resolveRange({ from: '2026-11-10', to: '2026-11-09' }, 30, NOW)).toMatchObject({
      ok: false,
      issues: [{ path: 'from' }],
    });
    expect(resolveRange({ from: 'yesterday', to: '2026-02-29' }, 30, NOW)).toMatchObject({
      ok: false,
      issues: [{ path: 'to' }, { path: 'from' }],
    });
  });
});
