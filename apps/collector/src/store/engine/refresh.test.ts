import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_MODEL, modelVersion } from '@dwell/score';
import {
  PAIRS_PER_TRANSACTION,
  refreshSite,
  type PairRow,
  type RefreshSource,
  type SiteRefresh,
} from './refresh.js';

const NOW = 20_000 * DAY_MS;

/** A source over `count` pairs that records the pages re-scored and the site row written. */
function recording(count: number, site?: SiteRefresh) {
  const pairs: PairRow[] = Array.from({ length: count }, (_, i) => ({
    visitor: `v${String(i).padStart(5, '0')}`,
    content: '/a',
  }));
  const log = { pages: [] as { size: number; from: number }[], site, live: NaN };
  const source: RefreshSource = {
    pairsAfter: (_site, after, limit) => pairs.filter((pair) => pair.visitor > after.visitor).slice(0, limit),
    pairsOnDays: async () => pairs,
    async rescore(_site, page, _model, _now, from) {
      log.pages.push({ size: page.length, from });
    },
    readSite: () => log.site,
    writeSite(_site, refresh) {
      log.site = refresh;
    },
    ensureLive(_site, fromDay) {
      log.live = fromDay;
    },
  };
  return { log, source };
}

describe('refreshSite', () => {
  it('re-scores every pair, page by page, for a site never refreshed', async () => {
    const { log, source } = recording(PAIRS_PER_TRANSACTION + 1);
    const report = await refreshSite(source, 'demo', DEFAULT_MODEL, NOW);
    expect(report).toEqual({ rescored: PAIRS_PER_TRANSACTION + 1, modelChanged: false });
    expect(log.pages).toEqual([
      { size: PAIRS_PER_TRANSACTION, from: -Infinity },
      { size: 1, from: -Infinity },
    ]);
    expect(log.site).toEqual({ modelVersion: modelVersion(DEFAULT_MODEL), refreshedAt: NOW });
    expect(log.live).toBe(20_000 - DEFAULT_MODEL.windowDays + 1);
  });

  it('re-scores every pair when the model changed', async () => {
    const { log, source } = recording(3, { modelVersion: 'older', refreshedAt: NOW - DAY_MS });
    expect(await refreshSite(source, 'demo', DEFAULT_MODEL, NOW)).toEqual({
      rescored: 3,
      modelChanged: true,
    });
    expect(log.pages).toEqual([{ size: 3, from: -Infinity }]);
  });

  it('only slides the window of the readers on the days that left it otherwise', async () => {
    const site = { modelVersion: modelVersion(DEFAULT_MODEL), refreshedAt: NOW - DAY_MS };
    const { log, source } = recording(PAIRS_PER_TRANSACTION * 2, site);
    expect(await refreshSite(source, 'demo', DEFAULT_MODEL, NOW)).toEqual({
      rescored: PAIRS_PER_TRANSACTION * 2,
      modelChanged: false,
    });
    expect(log.pages).toEqual([
      { size: PAIRS_PER_TRANSACTION, from: Infinity },
      { size: PAIRS_PER_TRANSACTION, from: Infinity },
    ]);
  });
});
