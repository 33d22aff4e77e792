import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL,
  DEFAULT_MODEL_VERSION,
  DEFAULT_READER_MODEL,
  DEFAULT_READER_MODEL_VERSION,
  emptyReader,
  foldReader,
  modelVersion,
  score,
  type Model,
  type ReaderEvent,
} from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import {
  ADMIN_KEY,
  demoSite,
  envelope,
  NOW,
  OTHER_SITE,
  postEvents,
  read,
  READ_KEY,
  testApp,
  NO_SHARES,
  wireEvent,
  type TestApp,
} from '../testing.js';

/** A reader model that only counts breadth, 20 points a content. */
const BREADTH_ONLY: Model = {
  ...DEFAULT_READER_MODEL,
  signals: { breadth: { measure: 'contents', points: 20, cap: 100 } },
};

function put(app: TestApp['app'], body: unknown, key: string | null = ADMIN_KEY, site = 'demo') {
  return app.request(`/v1/sites/${site}/model`, {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
  });
}

const events = (): WireEvent[] => [
  wireEvent('view', { content: '/a/1' }),
  wireEvent('engage', { content: '/a/1', ms: 60_000 }),
  wireEvent('share', { content: '/a/1' }),
  wireEvent('view', { content: '/a/2' }),
];

async function seeded(): Promise<TestApp & { sent: WireEvent[] }> {
  const test = testApp();
  await test.models.start(NOW);
  const sent = events();
  const response = await postEvents(test.app, envelope(sent));
  expect(response.status).toBe(202);
  return { ...test, sent };
}

describe('PUT /v1/sites/:site/model', () => {
  it('needs the admin key: 401 without a key or with an unknown one, 403 with a read key or another site’s key', async () => {
    const { app } = await seeded();
    const cases: [string | null, number, string][] = [
      [null, 401, 'unauthorized'],
      ['no-such-key-0000000000', 401, 'invalid_admin_key'],
      [READ_KEY, 403, 'forbidden'],
      [OTHER_SITE.readKeys[0]!, 403, 'forbidden'],
      [OTHER_SITE.adminKeys![0]!, 403, 'forbidden'],
    ];
    for (const [key, status, error] of cases) {
      const response = await put(app, { model: NO_SHARES }, key);
      expect(response.status, String(key)).toBe(status);
      expect((await response.json()).error.code).toBe(error);
    }
    const model = await (await app.request('/v1/sites/demo/model')).json();
    expect(model.version).toBe(DEFAULT_MODEL_VERSION);
  });

  it('refuses an invalid model with 400 naming the field, and a body with neither model', async () => {
    const { app } = await seeded();
    const bad = { ...NO_SHARES, signals: { view: { measure: 'views', points: 'ten' } } };
    const response = await put(app, { model: bad });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.message).toContain('model.signals.view.points');
    expect(body.error.issues[0].path).toBe('model.signals.view.points');
    const wrongKind = await put(app, { reader: { ...DEFAULT_MODEL, kind: 'content' } });
    expect(wrongKind.status).toBe(400);
    expect((await wrongKind.json()).error.issues).toEqual([
      { path: 'reader.kind', message: 'must be "reader" here' },
    ]);
    const empty = await put(app, {});
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toContain('model');
    const unknown = await put(app, { model: NO_SHARES, weights: {} });
    expect(unknown.status).toBe(400);
  });

  it('changes the version everywhere at once: the model endpoint and its ETag, visitor, reader and content scores', async () => {
    const { app, sent } = await seeded();
    const before = await app.request('/v1/sites/demo/model');
    const etag = before.headers.get('etag');
    const scoreBefore = await (await read(app, '/v1/sites/demo/visitors/v1/score?content=/a/1')).json();
    expect(scoreBefore.model).toBe(DEFAULT_MODEL_VERSION);

    const response = await put(app, { model: NO_SHARES, reader: BREADTH_ONLY });
    expect(response.status).toBe(200);
    const applied = await response.json();
    expect(applied).toMatchObject({
      site: 'demo',
      version: modelVersion(NO_SHARES),
      reader: { version: modelVersion(BREADTH_ONLY) },
    });
    expect(applied.applied.map((entry: { kind: string }) => entry.kind)).toEqual(['content', 'reader']);

    const after = await app.request('/v1/sites/demo/model', { headers: { 'if-none-match': etag! } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await after.json()).model).toEqual(NO_SHARES);

    const pair = await (await read(app, '/v1/sites/demo/visitors/v1/score?content=/a/1')).json();
    expect(pair.model).toBe(modelVersion(NO_SHARES));
    expect(pair.signals.share).toBe(0);
    expect(pair.raw).toBe(scoreBefore.raw - 25);

    const reader = await (await read(app, '/v1/sites/demo/visitors/v1/score')).json();
    const expected = score(foldReader(emptyReader(), sent as ReaderEvent[]), BREADTH_ONLY);
    expect(reader).toMatchObject({ model: modelVersion(BREADTH_ONLY), raw: 40, score: expected.score });

    const list = await (await read(app, '/v1/sites/demo/content')).json();
    expect(list.model).toBe(modelVersion(NO_SHARES));
    const readers = await (await read(app, '/v1/sites/demo/readers')).json();
    expect(readers.model).toBe(modelVersion(BREADTH_ONLY));
  });

  it('keeps a history, newest first, the active one of each kind marked; the same model again records nothing', async () => {
    const { app } = await seeded();
    expect((await put(app, { model: NO_SHARES })).status).toBe(200);
    const again = await (await put(app, { model: NO_SHARES })).json();
    expect(again.applied).toEqual([]);
    const history = await (await read(app, '/v1/sites/demo/models')).json();
    expect(
      history.models.map((entry: { kind: string; version: string; active: boolean; source: string }) => [
        entry.kind,
        entry.version,
        entry.active,
        entry.source,
      ]),
    ).toEqual([
      ['content', modelVersion(NO_SHARES), true, 'api'],
      ['reader', DEFAULT_READER_MODEL_VERSION, true, 'config'],
      ['content', DEFAULT_MODEL_VERSION, false, 'config'],
    ]);
    expect(Date.parse(history.models[0].applied_at)).toBe(NOW);
    expect((await read(app, '/v1/sites/demo/models', 'wrong-key')).status).toBe(401);
  });

  it('survives a restart, and a changed config file applies its model again', async () => {
    const first = await seeded();
    expect((await put(first.app, { model: NO_SHARES, reader: BREADTH_ONLY })).status).toBe(200);
    await first.store.close();

    const restarted = testApp([demoSite(), OTHER_SITE], {}, first.dataDir);
    await restarted.models.start(NOW + 1000);
    const served = await (await restarted.app.request('/v1/sites/demo/model')).json();
    expect(served.version).toBe(modelVersion(NO_SHARES));
    expect(served.reader.version).toBe(modelVersion(BREADTH_ONLY));
    const pair = await (await read(restarted.app, '/v1/sites/demo/visitors/v1/score?content=/a/1')).json();
    expect(pair.model).toBe(modelVersion(NO_SHARES));
    await restarted.store.close();

    // The operator edits DWELL_CONFIG: its model is applied at the next start.
    const edited: Model = { ...DEFAULT_MODEL, max: 200 };
    const reconfigured = testApp([demoSite({ model: edited }), OTHER_SITE], {}, first.dataDir);
    await reconfigured.models.start(NOW + 2000);
    const now = await (await reconfigured.app.request('/v1/sites/demo/model')).json();
    expect(now.version).toBe(modelVersion(edited));
    expect(now.reader.version).toBe(modelVersion(BREADTH_ONLY));
  });
});
