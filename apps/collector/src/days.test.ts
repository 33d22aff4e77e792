import { describe, expect, it } from 'vitest';
import { dayOf, isoDay, parseIsoDay } from './days.js';

describe('days', () => {
  it('number UTC days from the epoch and print them as YYYY-MM-DD', () => {
    expect(dayOf(Date.UTC(2026, 10, 22, 23, 59))).toBe(dayOf(Date.UTC(2026, 10, 22)));
    expect(isoDay(dayOf(Date.UTC(2026, 10, 22, 12)))).toBe('2026-11-22');
    expect(parseIsoDay('2026-11-22')).toBe(dayOf(Date.UTC(2026, 10, 22)));
  });

  it('refuse what is not a calendar day', () => {
    for (const text of ['2026-02-30', '2026-13-01', '22.11.2026', '2026-11-22T00:00', ''])
      expect(parseIsoDay(text)).toBeUndefined();
  });
});
