/**
 * Two collectors of one PostgreSQL database (two stores, two sets of sites,
 * as two processes have): what one applies, the other serves after its next
 * sync, scores named and computed with it.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, modelVersion, type Model } from '@dwell/score';
import { createApp } from '../app.js';
import { silentLogger } from '../log.js';
import { Sites } from '../sites.js';
import { PostgresStore } from '../store/postgres/postgresStore.js';
import { freshSchema } from '../testing/postgres.js';
import { demoSite, envelope, NOW, postEvents, READ_KEY, wireEvent } from '../testing.js';
import { ModelChanges } from './modelChanges.js';

const VIEWS_DOUBLE: Model = {
  ...DEFAULT_MODEL,
  signals: { ...DEFAULT_MODEL.signals, view: { measure: 'views', points: 20, cap: 20 } },
};

async function collector(url: string) {
  const sites = new Sites([demoSite()]);
  const store = await PostgresStore.open({ url, logger: silentLogger, poolSize: 4 });
  const models = new ModelChanges(sites, store, silentLogger);
  await models.start(NOW);
  const app = createApp({ sites, store, now: () => NOW, demoDir: null, models });
  return { sites, store, models, app };
}

describe('models across the collectors of one PostgreSQL database', () => {
  it('serves on every collector what one of them applied, after its next sync', async () => {
    const url = await freshSchema();
    const [first, second] = [await collector(url), await collector(url)];
    const response = await postEvents(second.app, envelope([wireEvent('view')]));
    expect(response.status).toBe(202);
    await second.store.caughtUp();

    expect((await first.models.apply('demo', { model: VIEWS_DOUBLE }, NOW + 1)).length).toBe(1);
    expect(second.sites.get('demo')!.version).toBe(modelVersion(DEFAULT_MODEL));
    await second.models.sync(NOW + 2);
    expect(second.sites.get('demo')!.version).toBe(modelVersion(VIEWS_DOUBLE));
    const served = await (await second.app.request('/v1/sites/demo/model')).json();
    expect(served.version).toBe(modelVersion(VIEWS_DOUBLE));
    const pair = await (
      await second.app.request('/v1/sites/demo/visitors/v1/score?content=/a/1', {
        headers: { authorization: `Bearer ${READ_KEY}` },
      })
    ).json();
    // The view's 20 against the bounce's −10.
    expect(pair).toMatchObject({ model: modelVersion(VIEWS_DOUBLE), raw: 10, signals: { view: 20 } });
    // A sync with nothing new leaves the site's models as they are.
    const synced = second.sites.get('demo')!.model;
    await second.models.sync(NOW + 3);
    expect(second.sites.get('demo')!.model).toBe(synced);
    await Promise.all([first.store.close(), second.store.close()]);
  });
});
