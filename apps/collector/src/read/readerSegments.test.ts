import { describe, expect, it } from 'vitest';
import { dayOf } from '../days.js';
import { periodsOfQuery } from '../store/engine/readerPeriods.js';
import { Sites } from '../sites.js';
import { demoSite, NOW } from '../testing.js';
import { defaultReaderQuery, readerQueryOf } from './readerSegments.js';

const site = new Sites([demoSite()]).get('demo')!;
const today = dayOf(NOW);

describe('the reader segments’ queries', () => {
  it('compare a range with the period of the same length just before it', () => {
    expect(readerQueryOf(site, { from: today - 6, to: today }, 10)).toMatchObject({
      range: { from: today - 6, to: today },
      previous: { from: today - 13, to: today - 7 },
      bandsLowFirst: ['low', 'medium', 'high'],
      atRiskLimit: 10,
    });
  });

  it('make the default one (the reader window ending today) the one the store keeps as a view', () => {
    expect(periodsOfQuery(defaultReaderQuery(site, NOW, 0))).toEqual({
      day: today,
      windowDays: site.readerModel.windowDays,
      bandsLowFirst: ['low', 'medium', 'high'],
    });
    // Another length is paired per request.
    expect(periodsOfQuery(readerQueryOf(site, { from: today - 6, to: today }, 10))).toBeNull();
  });
});
