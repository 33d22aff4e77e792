import { describe, expect, it } from 'vitest';
import { holdSqliteViews } from '../store/testing/views.js';
import { envelope, postEvents, read, READ_KEY, testApp, wireEvent } from '../testing.js';
import { VIEW_LAG_HEADER } from './viewLag.js';

describe("the views' lag on read answers", () => {
  it('is nothing once the views caught up', async () => {
    const { app, store } = testApp();
    expect((await postEvents(app, envelope([wireEvent('view')]))).status).toBe(202);
    // `read` waits for the views first (see testing.ts).
    const list = await read(app, '/v1/sites/demo/content');
    expect(list.status).toBe(200);
    expect(list.headers.get(VIEW_LAG_HEADER)).toBe('events=0, ms=0');
    await store.close();
  });

  it('names the events acknowledged and not folded while the materializer is held back', async () => {
    const { app, store, dataDir } = testApp();
    // A first read builds the live window; the second needs no write.
    expect((await read(app, '/v1/sites/demo/content')).status).toBe(200);
    const release = holdSqliteViews(dataDir);
    expect((await postEvents(app, envelope([wireEvent('view'), wireEvent('share')]))).status).toBe(202);
    const answer = await app.request('/v1/sites/demo/content', {
      headers: { authorization: `Bearer ${READ_KEY}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get(VIEW_LAG_HEADER)).toMatch(/^events=2, ms=\d+$/);
    await release();
    await store.caughtUp();
    await store.close();
  });

  it('answers 503 with Retry-After when a read must write and the views stay busy', async () => {
    const { app, store, dataDir } = testApp();
    const release = holdSqliteViews(dataDir);
    const answer = await app.request('/v1/sites/demo/content', {
      headers: { authorization: `Bearer ${READ_KEY}` },
    });
    await release();
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect((await answer.json()).error.code).toBe('unavailable');
    await store.close();
  }, 15_000);
});
