import { describe, expect, it } from 'vitest';
import { envelope, postEvents, read, testApp, wireEvent } from '../testing.js';

describe('X-Content-Type-Options', () => {
  it('is nosniff on every answer: ingest, errors, reads, documents, 404', async () => {
    const { app } = testApp();
    const answers = [
      await postEvents(app, envelope([wireEvent('view')])),
      await postEvents(app, '{'),
      await postEvents(app, envelope([]), { 'content-type': 'text/html' }),
      await app.request('/v1/events'),
      await app.request('/v1/events', { method: 'OPTIONS', headers: { origin: 'http://localhost:5173' } }),
      await read(app, '/v1/sites/demo/content'),
      await read(app, '/v1/sites/demo/content?format=csv'),
      await app.request('/v1/sites/demo/content'),
      await app.request('/v1/sites/demo/model'),
      await app.request('/v1/openapi.json'),
      await app.request('/healthz'),
      await app.request('/'),
      await app.request('/nope'),
    ];
    expect(answers.map((answer) => [answer.status, answer.headers.get('x-content-type-options')])).toEqual([
      [202, 'nosniff'],
      [400, 'nosniff'],
      [415, 'nosniff'],
      [405, 'nosniff'],
      [204, 'nosniff'],
      [200, 'nosniff'],
      [200, 'nosniff'],
      [401, 'nosniff'],
      [200, 'nosniff'],
      [200, 'nosniff'],
      [200, 'nosniff'],
      [200, 'nosniff'],
      [404, 'nosniff'],
    ]);
  });
});
