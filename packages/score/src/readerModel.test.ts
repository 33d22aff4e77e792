import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_MODEL, DEFAULT_READER_MODEL } from './model.js';
import { emptyReader, foldReader, type ReaderEvent } from './reader.js';
import { score } from './score.js';

const NOW = Date.UTC(2026, 10, 22, 12);

interface Reader {
  days?: number;
  contents?: number;
  engagedMs?: number;
  ratings?: number[];
}

/** A reader active on `days` days, of `contents` contents, `engagedMs` engaged, with `ratings` of distinct contents. */
function reader({ days = 1, contents = 1, engagedMs = 0, ratings = [] }: Reader) {
  const events: ReaderEvent[] = [];
  for (let day = 0; day < days; day++) {
    events.push({ type: 'view', content: '/a/0', session: `s${day}`, ts: NOW - day * DAY_MS });
  }
  for (let i = 1; i < contents; i++)
    events.push({ type: 'view', content: `/a/${i}`, session: 's0', ts: NOW });
  if (engagedMs) events.push({ type: 'engage', content: '/a/0', session: 's0', ts: NOW, ms: engagedMs });
  ratings.forEach((rating, i) =>
    events.push({ type: 'feedback', content: `/r/${i}`, session: 's0', ts: NOW, rating }),
  );
  return score(foldReader(emptyReader(), events), DEFAULT_READER_MODEL);
}

describe('DEFAULT_READER_MODEL', () => {
  it('is the table of DESIGN.md', () => {
    expect(DEFAULT_READER_MODEL).toMatchObject({
      kind: 'reader',
      max: 150,
      windowDays: 30,
      bands: DEFAULT_MODEL.bands,
    });
    expect(Object.keys(DEFAULT_READER_MODEL.signals)).toEqual([
      'daily',
      'weekly',
      'monthly',
      'breadth',
      'depth',
      'promoter',
      'detractor',
    ]);
  });

  it('scores the seeds worked example: 5 days, 3 articles, 30 minutes, rated 5 → raw 95, 63.3, medium', () => {
    const result = reader({ days: 5, contents: 3, engagedMs: 30 * 60_000, ratings: [5] });
    expect(result).toMatchObject({ raw: 95, score: 63.3, band: 'medium' });
    expect(result.signals).toEqual({
      daily: 0,
      weekly: 25,
      monthly: 0,
      breadth: 30,
      depth: 15,
      promoter: 25,
      detractor: 0,
    });
  });

  it('tiers active days: 3 is monthly, 4 weekly, 19 weekly, 20 daily', () => {
    const tiers = (days: number) => {
      const { daily, weekly, monthly } = reader({ days }).signals;
      return { daily, weekly, monthly };
    };
    expect(tiers(3)).toEqual({ daily: 0, weekly: 0, monthly: 10 });
    expect(tiers(4)).toEqual({ daily: 0, weekly: 25, monthly: 0 });
    expect(tiers(19)).toEqual({ daily: 0, weekly: 25, monthly: 0 });
    expect(tiers(20)).toEqual({ daily: 50, weekly: 0, monthly: 0 });
    expect(score(emptyReader(), DEFAULT_READER_MODEL).signals).toMatchObject({
      daily: 0,
      weekly: 0,
      monthly: 0,
    });
  });

  it('caps breadth at 5 contents', () => {
    expect(reader({ contents: 4 }).signals.breadth).toBe(40);
    expect(reader({ contents: 5 }).signals.breadth).toBe(50);
    expect(reader({ contents: 6 }).signals.breadth).toBe(50);
  });

  it('counts depth per full 10 minutes and caps it at 25', () => {
    expect(reader({ engagedMs: 9 * 60_000 + 59_000 }).signals.depth).toBe(0);
    expect(reader({ engagedMs: 10 * 60_000 }).signals.depth).toBe(5);
    expect(reader({ engagedMs: 50 * 60_000 }).signals.depth).toBe(25);
    expect(reader({ engagedMs: 80 * 60_000 }).signals.depth).toBe(25);
  });

  it('makes a mean of 4 or more a promoter, of 2 or less a detractor, once', () => {
    const nps = (ratings: number[]) => {
      const { promoter, detractor } = reader({ ratings }).signals;
      return { promoter, detractor };
    };
    expect(nps([4])).toEqual({ promoter: 25, detractor: 0 });
    expect(nps([4, 4, 4, 3])).toEqual({ promoter: 0, detractor: 0 }); // 3.75
    expect(nps(Array.from({ length: 100 }, (_, i) => (i === 0 ? 3 : 4)))).toEqual({
      promoter: 0,
      detractor: 0,
    }); // 3.99
    expect(nps([2])).toEqual({ promoter: 0, detractor: -25 });
    expect(nps([2, 2, 2])).toEqual({ promoter: 0, detractor: -25 });
    expect(nps(Array.from({ length: 100 }, (_, i) => (i === 0 ? 3 : 2)))).toEqual({
      promoter: 0,
      detractor: 0,
    }); // 2.01
    expect(nps([])).toEqual({ promoter: 0, detractor: 0 });
  });

  it('floors the raw score at 0 when a detractor has little else', () => {
    expect(reader({ ratings: [1] })).toMatchObject({ raw: 0, score: 0, band: 'low' });
  });
});
