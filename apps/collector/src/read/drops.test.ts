import { describe, expect, it } from 'vitest';
import type { WireEvent } from '@dwell/contract';
import { DAY, envelope, NOW, postEvents, read, testApp, wireEvent } from '../testing.js';

/** `count` readers of `content` at `ts`: engaged ones score 10 + 40 + 25 (a share) = 75 → 50; others bounce to 0. */
async function readers(
  app: ReturnType<typeof testApp>['app'],
  content: string,
  ts: number,
  count: number,
  engaged: boolean,
) {
  for (let index = 0; index < count; index++) {
    const events: WireEvent[] = [wireEvent('view', { content, ts, title: `Title ${content}` })];
    if (engaged)
      events.push(wireEvent('engage', { content, ts, ms: 120_000 }), wireEvent('share', { content, ts }));
    const visitor = `${content}-${ts}-${index}`;
    expect((await postEvents(app, envelope(events, { visitor }))).status).toBe(202);
  }
}

describe('GET /v1/sites/:site/drops', () => {
  it('lists content whose score fell against the previous period, largest drop first', async () => {
    const { app } = testApp();
    // Last week engaged, this week bouncing: from 50 to 0.
    await readers(app, '/falling', NOW - 10 * DAY, 10, true);
    await readers(app, '/falling', NOW - DAY, 10, false);
    // Steady at 50.
    await readers(app, '/steady', NOW - 10 * DAY, 5, true);
    await readers(app, '/steady', NOW - DAY, 5, true);
    // Falls, but with two readers this week: not enough to tell.
    await readers(app, '/few', NOW - 10 * DAY, 5, true);
    await readers(app, '/few', NOW - DAY, 2, false);
    const response = await read(app, '/v1/sites/demo/drops?from=2026-11-16&to=2026-11-22');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      from: '2026-11-16',
      to: '2026-11-22',
      previous_from: '2026-11-09',
      previous_to: '2026-11-15',
    });
    expect(body.items).toEqual([
      expect.objectContaining({
        content: '/falling',
        title: 'Title /falling',
        score: 0,
        previous_score: 50,
        drop: 50,
        readers: 10,
        previous_readers: 10,
        band: 'low',
        previous_band: 'medium',
        significant: true,
      }),
    ]);
    const lenient = await (await read(app, '/v1/sites/demo/drops?from=2026-11-16&min_readers=2')).json();
    expect(lenient.items.map((item: { content: string }) => item.content)).toEqual(['/falling', '/few']);
    expect(lenient.items[1]).toMatchObject({ significant: false, drop: 50 });
  });

  it('validates its parameters and needs the read key', async () => {
    const { app } = testApp();
    expect((await app.request('/v1/sites/demo/drops')).status).toBe(401);
    for (const [query, path] of [
      ['min_drop=-1', 'min_drop'],
      ['min_readers=0', 'min_readers'],
      ['limit=5000', 'limit'],
    ]) {
      const response = await read(app, `/v1/sites/demo/drops?${query}`);
      expect(response.status).toBe(400);
      expect((await response.json()).error.issues[0].path).toBe(path);
    }
    expect(await (await read(app, '/v1/sites/demo/drops')).json()).toMatchObject({ items: [] });
  });
});
