import { describe, expect, it } from 'vitest';
import { envelope, postEvents, read, testApp, wireEvent } from '../testing.js';

describe('GET /v1/sites/:site/signals', () => {
  it("averages each signal's points over the content's readers, largest first", async () => {
    const { app } = testApp();
    // v1: two sessions, 61 s, a share: view 10, engaged 20, repeat 25, share 25.
    await postEvents(
      app,
      envelope(
        [
          wireEvent('view', { session: 'a' }),
          wireEvent('view', { session: 'b' }),
          wireEvent('engage', { ms: 61_000 }),
          wireEvent('share'),
        ],
        { visitor: 'v1' },
      ),
    );
    // v2: a bounce: view 10, bounce −10.
    await postEvents(app, envelope([wireEvent('view')], { visitor: 'v2' }));
    const response = await read(app, '/v1/sites/demo/signals?content=%2Fa%2F1');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ site: 'demo', content: '/a/1', readers: 2, from: '2026-10-24' });
    expect(body.signals).toEqual([
      { signal: 'repeat', points: 12.5, score_points: 8.33, readers: 1 },
      { signal: 'share', points: 12.5, score_points: 8.33, readers: 1 },
      { signal: 'engaged', points: 10, score_points: 6.67, readers: 1 },
      { signal: 'view', points: 10, score_points: 6.67, readers: 2 },
      { signal: 'bounce', points: -5, score_points: -3.33, readers: 1 },
    ]);
  });

  it('needs content and the read key; a content never read has no readers', async () => {
    const { app } = testApp();
    expect((await app.request('/v1/sites/demo/signals?content=x')).status).toBe(401);
    const missing = await read(app, '/v1/sites/demo/signals');
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.issues[0].path).toBe('content');
    const none = await (await read(app, '/v1/sites/demo/signals?content=%2Fnever')).json();
    expect(none.readers).toBe(0);
    expect(none.signals.every((entry: { points: number }) => entry.points === 0)).toBe(true);
  });
});
