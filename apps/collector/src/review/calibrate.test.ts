import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '@dwell/score';
import { parseModelOf } from '@dwell/score/schema';
import type { WireEvent } from '@dwell/contract';
import { DAY, envelope, NOW, postEvents, READ_KEY, testApp, wireEvent, type TestApp } from '../testing.js';

/** mulberry32: the same site at every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A site of `visitors` readers, each first seen on a day of the last four
 * weeks. Every visit is alike — a view, some engaged time, a share 40% of
 * the time — and is followed within a week by another with probability
 * `comeBack(shared)`; a sharer who comes back subscribes.
 */
async function site(visitors: number, comeBack: (shared: boolean) => number): Promise<TestApp> {
  const test = testApp();
  await test.models.start(NOW);
  const next = random(7);
  for (let visitor = 0; visitor < visitors; visitor++) {
    const events: WireEvent[] = [];
    let at = NOW - (8 + Math.floor(next() * 21)) * DAY;
    for (let visit = 0; at < NOW; visit++) {
      const session = `s${visitor}-${visit}`;
      const content = `/a/${Math.floor(next() * 17)}`;
      const shared = next() < 0.4;
      events.push(
        wireEvent('view', { content, session, ts: at }),
        wireEvent('engage', { content, session, ts: at, ms: Math.floor(20_000 + next() * 60_000) }),
      );
      if (shared) events.push(wireEvent('share', { content, session, ts: at + 1 }));
      if (next() >= comeBack(shared)) break;
      at += (1 + Math.floor(next() * 7)) * DAY;
      if (shared && at < NOW)
        events.push(wireEvent('custom', { name: 'subscribe', content, session, ts: at }));
    }
    const response = await postEvents(test.app, envelope(events, { visitor: `v${visitor}` }));
    expect(response.status).toBe(202);
  }
  await test.store.caughtUp();
  return test;
}

function post(app: TestApp['app'], body: unknown) {
  return app.request('/v1/sites/demo/models/calibrate', {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${READ_KEY}` },
  });
}

describe('POST /v1/sites/:site/models/calibrate', () => {
  it('finds that sharers come back: share ranks first, gets more weight, and the suggestion predicts at least as well', async () => {
    const { app } = await site(500, (shared) => (shared ? 0.8 : 0.1));
    const response = await post(app, { scope: 'content', outcome: { return_within_days: 7 } });
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report.signals[0].signal).toBe('share');
    expect(report.signals[0].auc).toBeGreaterThan(0.7);
    expect(report.signals[0].lift).toBeGreaterThan(2);
    const share = report.signals[0];
    expect(share.suggested_points).toBeGreaterThan(DEFAULT_MODEL.signals.share!.points);
    expect(report.verdict).toBe('suggested');
    // Signals whose held-out effect is within chance keep their points, however their weight was fitted.
    for (const signal of report.signals.slice(1)) {
      if (Math.abs(signal.auc - 0.5) < 0.05)
        expect(signal.suggested_points, signal.signal).toBe(signal.points);
    }
    expect(report.auc.suggested).toBeGreaterThanOrEqual(report.auc.current);
    // A model that can be previewed and applied as it is.
    expect(parseModelOf(report.suggested.model, 'content').ok).toBe(true);
    expect(report.split.fit.to < report.split.test.from).toBe(true);
    expect(report.split.fit.n + report.split.test.n).toBe(report.n);
  });

  it('says so when nothing predicts the outcome, and suggests the current model unchanged', async () => {
    const { app } = await site(500, () => 0.4);
    const report = await (await post(app, { scope: 'content', outcome: { return_within_days: 7 } })).json();
    expect(report.verdict).toBe('no_signal');
    expect(Math.abs(report.auc.current - 0.5)).toBeLessThan(0.1);
    expect(report.suggested.model).toEqual(DEFAULT_MODEL);
  });

  it('calibrates the reader model and custom-event outcomes too', async () => {
    const { app } = await site(500, (shared) => (shared ? 0.8 : 0.1));
    const readers = await post(app, { scope: 'reader', outcome: { return_within_days: 7 } });
    expect(readers.status).toBe(200);
    const report = await readers.json();
    expect(report.scope).toBe('reader');
    expect(report.signals.map((signal: { signal: string }) => signal.signal)).toContain('breadth');
    const subscribe = await post(app, { scope: 'content', outcome: { event: 'subscribe', within_days: 7 } });
    expect(subscribe.status).toBe(200);
    expect((await subscribe.json()).signals[0].signal).toBe('share');
  });

  it('answers 422 with the counts when there is too little data, and 400 naming a bad field', async () => {
    const { app } = await site(30, () => 0.5);
    const response = await post(app, { scope: 'content', outcome: { return_within_days: 7 } });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.code).toBe('too_little_data');
    expect(body).toMatchObject({ needed: 50, part: 'all' });
    expect(body.error.message).toContain(`${body.positives} positive and ${body.negatives} negative`);
    const bad = await post(app, { scope: 'visitors', outcome: { return_within_days: 7 } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe('scope');
    const days = await post(app, { scope: 'reader', outcome: { return_within_days: 365 } });
    expect(days.status).toBe(400);
  });
});
