import { describe, expect, it } from 'vitest';
import { envelope, postEvents, read, testApp, wireEvent } from '../testing.js';
import { csvField, itemsCsv } from './csv.js';
import type { ContentItem } from '@dwell/contract';

describe('CSV', () => {
  it('quotes what needs quoting and neutralises formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(null)).toBe('');
  });

  it('writes a header, one row per item in order, and a column per band', () => {
    const item: ContentItem = {
      content: '/a',
      title: 'A, "quoted"',
      score: 50,
      band: 'medium',
      low: 40,
      high: 60,
      readers: 3,
      views: 4,
      engaged_ms_avg: 1000,
      shares: 1,
      repeat_rate: 0.5,
      bands: { high: 1, medium: 1, low: 1 },
      audience: 42.5,
      ratings: { count: 2, mean: 4.5, distribution: [0, 0, 0, 1, 1] },
      url: null,
      section: 'News',
      author: '@ada',
    };
    expect(itemsCsv([item], ['high', 'medium', 'low']).split('\r\n')).toEqual([
      'rank,content,title,url,section,author,score,low,high,band,readers,views,engaged_ms_avg,shares,repeat_rate,audience,band_high,band_medium,band_low,ratings,rating_mean',
      `1,/a,"A, ""quoted""",,News,'@ada,50,40,60,medium,3,4,1000,1,0.5,42.5,1,1,1,2,4.5`,
      '',
    ]);
  });
});

describe('GET /v1/sites/:site/content?format=csv', () => {
  it('downloads the ranked items as CSV, in the order asked for', async () => {
    const { app } = testApp();
    await postEvents(
      app,
      envelope([
        wireEvent('view', { content: '/b', title: '=cmd|calc', section: 'News' }),
        wireEvent('view', { content: '/b', session: 's2' }),
        wireEvent('view', { content: '/a', title: 'Plain, with comma' }),
      ]),
    );
    const response = await read(app, '/v1/sites/demo/content?format=csv&order=views');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="dwell-demo-2026-10-24-2026-11-22.csv"',
    );
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^1,\/b,'=cmd\|calc,,News,,/);
    expect(lines[2]).toMatch(/^2,\/a,"Plain, with comma",/);
    const bad = await read(app, '/v1/sites/demo/content?format=xml');
    expect(bad.status).toBe(400);
  });
});
