import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_MODEL } from '@dwell/score';
import { contentReads, type ContentSource } from './contentReads.js';
import { emptyTotals, type ContentQuery } from '../store.js';

const TODAY = 20_000;
const NOW = TODAY * DAY_MS + 3_600_000;
const WINDOW_FROM = TODAY - DEFAULT_MODEL.windowDays + 1;

/** A source that records which primitive answered. */
function recording() {
  const calls: string[] = [];
  const source: ContentSource = {
    ensureLive(_site, fromDay) {
      calls.push(`ensureLive ${fromDay}`);
    },
    totals(table) {
      calls.push(`totals ${table}`);
      return [emptyTotals('/a'), emptyTotals('/b')];
    },
    details(_query, contents) {
      calls.push('details');
      const meta = { title: null, url: null, section: null, author: null };
      return new Map(contents.map((content) => [content, { ...meta, bands: { high: 9 } }]));
    },
    history: {
      async readerTotals(_query, contents) {
        calls.push(`readerTotals ${contents?.join(',') ?? 'all'}`);
        return new Map([['/a', { ...emptyTotals('/a'), readers: 2 }]]);
      },
      async bands() {
        calls.push('bands');
        return new Map([['/a', { low: 1 }]]);
      },
    },
  };
  return { calls, reads: contentReads(source) };
}

const query = (from: number, to: number): ContentQuery => ({
  site: 'demo',
  model: DEFAULT_MODEL,
  now: NOW,
  range: { from, to },
});

describe('contentReads', () => {
  it('answers the model window ending today from content_live, made current first', async () => {
    const { calls, reads } = recording();
    await reads.contentTotals(query(WINDOW_FROM, TODAY));
    expect(calls).toEqual([`ensureLive ${WINDOW_FROM}`, 'totals live']);
  });

  it('sums content_days for another range ending today, with their current readers', async () => {
    const { calls, reads } = recording();
    await reads.contentTotals(query(TODAY - 6, TODAY));
    expect(calls).toEqual(['totals days']);
    expect(await reads.contentDetails(query(TODAY - 6, TODAY), ['/a'])).toEqual(
      new Map([['/a', expect.objectContaining({ bands: { high: 9 } })]]),
    );
  });

  it('takes the readers of a past range from the history, only for the filtered contents', async () => {
    const { calls, reads } = recording();
    const totals = await reads.contentTotals(query(TODAY - 13, TODAY - 7));
    expect(totals.map((entry) => entry.readers)).toEqual([2, 0]);
    await reads.contentTotals({ ...query(TODAY - 13, TODAY - 7), section: 'news' });
    const details = await reads.contentDetails(query(TODAY - 13, TODAY - 7), ['/a', '/b']);
    expect(calls).toEqual([
      'totals days',
      'readerTotals all',
      'totals days',
      'readerTotals /a,/b',
      'details',
      'bands',
    ]);
    expect(details.get('/a')?.bands).toEqual({ low: 1 });
    expect(details.get('/b')?.bands).toEqual({});
  });
});
