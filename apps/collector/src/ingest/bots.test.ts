/**
 * A batch from a bot is answered 202 with `bot: true` and not counted; a
 * browser's is counted, and so is one without any user agent (a server-side
 * sender that forwards no reader's user agent), as isbot decides. A library's
 * default user agent (curl, node, python-requests) is a bot.
 */
import { describe, expect, it } from 'vitest';
import { emptyState } from '@dwell/score';
import { BROWSER, envelope, NOW, postEvents, testApp, wireEvent } from '../testing.js';

const WINDOW = { now: NOW, windowDays: 30 };

/** Posts one view as visitor `visitor`, with `headers` over a browser's JSON request. */
async function postView(visitor: string, headers: Record<string, string>, drop: string[] = []) {
  const { app, store } = testApp();
  const request = new Request('http://localhost/v1/events', {
    method: 'POST',
    body: JSON.stringify(envelope([wireEvent('view')], { visitor })),
    headers: { 'content-type': 'application/json', 'user-agent': BROWSER, ...headers },
  });
  for (const name of drop) request.headers.delete(name);
  const response = await app.request(request);
  const state = await store.visitorState('demo', visitor, '/a/1', WINDOW);
  return { status: response.status, body: await response.json(), views: state.views };
}

describe('POST /v1/events from a bot', () => {
  it('answers 202 with bot: true and counts nothing', async () => {
    for (const userAgent of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      'curl/8.5.0',
      'node',
      'python-requests/2.31.0',
    ]) {
      const answer = await postView('v-bot', { 'user-agent': userAgent });
      expect(answer).toEqual({
        status: 202,
        body: { accepted: 0, duplicates: 0, rejected: [], bot: true },
        views: 0,
      });
    }
  });

  it('counts a browser, without a bot field', async () => {
    expect(await postView('v-browser', {})).toEqual({
      status: 202,
      body: { accepted: 1, duplicates: 0, rejected: [] },
      views: 1,
    });
  });

  it('counts a batch without a user agent, as a server-side sender posts it', async () => {
    for (const answer of [
      await postView('v-none', {}, ['user-agent']),
      await postView('v-empty', { 'user-agent': '' }),
    ]) {
      expect(answer).toEqual({ status: 202, body: { accepted: 1, duplicates: 0, rejected: [] }, views: 1 });
    }
  });

  it('still refuses a bad batch from a bot: the checks before it come first', async () => {
    const { app, store } = testApp();
    const bot = { 'user-agent': 'curl/8.5.0' };
    expect((await postEvents(app, '{', bot)).status).toBe(400);
    expect((await postEvents(app, envelope([wireEvent('view')], { site: 'nope' }), bot)).status).toBe(403);
    expect(await store.visitorState('demo', 'v1', '/a/1', WINDOW)).toEqual(emptyState());
  });
});
