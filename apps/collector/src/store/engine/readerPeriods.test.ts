import { describe, expect, it } from 'vitest';
import {
  foldedPeriod,
  periodsOfQuery,
  readerPeriodOf,
  shouldMakeView,
  type ReaderPeriodDays,
} from './readerPeriods.js';

const BANDS = ['low', 'medium', 'high'];
/** Day 100 ends the later window (71–100); the earlier one is 41–70. */
const VIEW: ReaderPeriodDays = { day: 100, windowDays: 30, bandsLowFirst: BANDS };
const row = (day: number, band: string, scoreX10 = 500) => ({ day, band, scoreX10 });

describe('readerPeriodOf', () => {
  it('takes the latest row of each window, at their exact edges', () => {
    const rows = [
      row(40, 'high'),
      row(41, 'high', 800),
      row(70, 'medium', 600),
      row(71, 'low', 100),
      row(100, 'medium', 550),
    ];
    expect(readerPeriodOf(rows, VIEW)).toEqual({
      previous: row(70, 'medium', 600),
      current: row(100, 'medium', 550),
      fell: false,
      fallX10: 50,
    });
  });

  it('has no row for a reader without a day in the earlier window', () => {
    expect(readerPeriodOf([row(40, 'high'), row(71, 'low')], VIEW)).toBeNull();
    expect(readerPeriodOf([row(71, 'low')], VIEW)).toBeNull();
  });

  it('ignores days after the view', () => {
    expect(readerPeriodOf([row(70, 'high', 900), row(101, 'high')], VIEW)).toEqual({
      previous: row(70, 'high', 900),
      current: null,
      fell: true,
      fallX10: 900,
    });
  });

  it('is at risk when the band fell from above the lowest, or the reader is gone', () => {
    const fell = (previous: string, current: string | null) =>
      readerPeriodOf(current ? [row(50, previous), row(80, current)] : [row(50, previous)], VIEW)?.fell;
    expect(fell('high', 'medium')).toBe(true);
    expect(fell('medium', 'low')).toBe(true);
    expect(fell('medium', null)).toBe(true);
    expect(fell('medium', 'medium')).toBe(false);
    expect(fell('low', null)).toBe(false);
    expect(fell('medium', 'high')).toBe(false);
  });
});

describe('foldedPeriod', () => {
  const rows = [row(60, 'high', 700), row(90, 'low', 200)];

  it('keeps the row when every new day comes after the view', () => {
    expect(foldedPeriod(VIEW, 72, 101, null, rows)).toBe('keep');
  });

  it('keeps the view as it is for a reader without a day in the earlier window', () => {
    expect(foldedPeriod(VIEW, 71, 100, null, [row(90, 'low', 200)])).toBe('keep');
  });

  it('drops the view when the rows loaded start after the later window does', () => {
    expect(foldedPeriod(VIEW, 72, 100, null, rows)).toBe('drop');
  });

  it('counts the row before the loaded ones as the earlier window’s', () => {
    expect(foldedPeriod(VIEW, 71, 100, row(60, 'high', 700), [row(90, 'low', 200)])).toEqual({
      previous: row(60, 'high', 700),
      current: row(90, 'low', 200),
      fell: true,
      fallX10: 500,
    });
  });
});

describe('periodsOfQuery', () => {
  const query = {
    site: 'demo',
    range: { from: 71, to: 100 },
    previous: { from: 41, to: 70 },
    bandsLowFirst: BANDS,
    windowDays: 30,
    atRiskLimit: 10,
  };

  it('is the view of the model window and the one before it', () => {
    expect(periodsOfQuery(query)).toEqual(VIEW);
  });

  it('is none for another length or another previous period', () => {
    expect(periodsOfQuery({ ...query, range: { from: 72, to: 100 } })).toBeNull();
    expect(periodsOfQuery({ ...query, previous: { from: 42, to: 70 } })).toBeNull();
  });
});

describe('shouldMakeView', () => {
  it('makes a missing, older or other-model view, never an older day', () => {
    expect(shouldMakeView(VIEW, undefined)).toBe(true);
    expect(shouldMakeView(VIEW, { ...VIEW, day: 99 })).toBe(true);
    expect(shouldMakeView(VIEW, { ...VIEW, bandsLowFirst: ['low', 'high'] })).toBe(true);
    expect(shouldMakeView(VIEW, VIEW)).toBe(false);
    expect(shouldMakeView(VIEW, { ...VIEW, day: 101 })).toBe(false);
  });
});
