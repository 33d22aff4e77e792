import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from './log.js';
import { envelope, postEvents, tempDir, testApp, wireEvent } from './testing.js';

/** Runs a served script's statement before the bundle, as a browser would, and gives the models it set. */
function modelsSet(script: string): Record<string, { version: string; reader: { version: string } }> {
  const self = {} as { dwell?: { m?: Record<string, { version: string; reader: { version: string } }> } };
  new Function('self', 'dwell', script.slice(0, script.indexOf('\n')))(self, undefined);
  return self.dwell!.m!;
}

describe('GET /dwell.js', () => {
  it("serves the built SDK with the sites' models before it, ETag and Cache-Control, and 304 on revalidation", async () => {
    const sdkPath = join(tempDir(), 'dwell.js');
    writeFileSync(sdkPath, '!function(){}();');
    const { app, sites } = testApp(undefined, { sdkPath });
    const response = await app.request('/dwell.js');
    expect(response.status).toBe(200);
    const script = await response.text();
    expect(script.endsWith('\n!function(){}();')).toBe(true);
    const demo = sites.get('demo')!;
    expect(Object.keys(modelsSet(script)).sort()).toEqual(['demo', 'other']);
    expect(modelsSet(script).demo).toMatchObject({
      version: demo.version,
      reader: { version: demo.readerVersion },
    });
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect((await app.request('/dwell.js', { headers: { 'if-none-match': etag } })).status).toBe(304);
    // A rebuild is served without a restart.
    writeFileSync(sdkPath, '!function(){ /* v2 */ }();');
    const rebuilt = await app.request('/dwell.js', { headers: { 'if-none-match': etag } });
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.text()).toContain('v2');
  });

  it("serves one site's models with ?site=, and a new ETag once its model changes", async () => {
    const sdkPath = join(tempDir(), 'dwell.js');
    writeFileSync(sdkPath, '!function(){}();');
    const { app, sites } = testApp(undefined, { sdkPath });
    const first = await app.request('/dwell.js?site=demo');
    expect(Object.keys(modelsSet(await first.text()))).toEqual(['demo']);
    const etag = first.headers.get('etag')!;
    expect(etag).not.toBe((await app.request('/dwell.js')).headers.get('etag'));
    const demo = sites.get('demo')!;
    sites.setModels('demo', { ...demo.model, max: 120 }, demo.readerModel);
    const changed = await app.request('/dwell.js?site=demo', { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(modelsSet(await changed.text()).demo!.version).toBe(sites.get('demo')!.version);
  });

  it('answers 404 for an unknown site and 400 naming the field for a malformed one', async () => {
    const sdkPath = join(tempDir(), 'dwell.js');
    writeFileSync(sdkPath, '!function(){}();');
    const { app } = testApp(undefined, { sdkPath });
    const unknown = await app.request('/dwell.js?site=nope');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('unknown_site');
    const malformed = await app.request('/dwell.js?site=not%20a%20site');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toContain('site');
  });

  it('answers 404 with a clear message while the SDK is not built', async () => {
    const { app } = testApp(undefined, { sdkPath: join(tempDir(), 'missing', 'dwell.js') });
    const response = await app.request('/dwell.js');
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({
      code: 'sdk_not_built',
      message: expect.stringContaining('npm run build'),
    });
  });
});

describe('service endpoints', () => {
  it('GET /healthz checks the store: 200, then 503 once it is closed', async () => {
    const { app, store } = testApp();
    const ok = await app.request('/healthz');
    expect([ok.status, await ok.json()]).toEqual([
      200,
      { status: 'ok', server_errors: 0, client_aborts: 0, lag: { events: 0, ms: 0 } },
    ]);
    await store.close();
    expect((await app.request('/healthz')).status).toBe(503);
  });

  it('GET /v1/openapi.json documents every endpoint, with the schemas the handlers validate with', async () => {
    const { app } = testApp();
    const document = await (await app.request('/v1/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual([
      '/v1/events',
      '/v1/sites/{site}/model',
      '/v1/sites/{site}/content',
      '/v1/sites/{site}/content/{content}',
      '/v1/sites/{site}/visitors/{visitor}/score',
      '/v1/sites/{site}/readers',
      '/v1/sites/{site}/overview',
      '/v1/sites/{site}/drops',
      '/v1/sites/{site}/signals',
      '/v1/sites/{site}/models',
      '/v1/sites/{site}/models/preview',
      '/v1/sites/{site}/models/calibrate',
      '/dashboard',
      '/docs',
      '/dwell.js',
      '/healthz',
    ]);
    expect(document.components.schemas.Event.oneOf).toHaveLength(6);
    expect(Object.keys(document.paths['/v1/events'].post.responses)).toEqual([
      '202',
      '400',
      '403',
      '413',
      '415',
      '429',
      '503',
    ]);
  });

  it('answers unknown paths 404 in the common error shape', async () => {
    const { app } = testApp();
    const response = await app.request('/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'no route for GET /nope', issues: [] },
    });
  });

  it('serves the demo pages when the site demo exists, inside their directory only', async () => {
    const demoDir = tempDir();
    mkdirSync(join(demoDir, 'articles'));
    writeFileSync(join(demoDir, 'index.html'), '<h1>demo</h1>');
    writeFileSync(join(demoDir, 'articles', 'a.html'), '<h1>a</h1>');
    const { app } = testApp(undefined, { demoDir });
    expect((await app.request('/demo')).status).toBe(302);
    const index = await app.request('/demo/');
    expect([index.status, index.headers.get('content-type'), await index.text()]).toEqual([
      200,
      'text/html; charset=utf-8',
      '<h1>demo</h1>',
    ]);
    expect(await (await app.request('/demo/articles/a.html')).text()).toBe('<h1>a</h1>');
    expect((await app.request('/demo/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await app.request('/demo/missing.html')).status).toBe(404);
  });

  it('logs one line per request: method, path, status, duration; never a query or an address', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      info: (line) => lines.push(line),
      error: (line) => lines.push(`ERROR ${line}`),
      flush() {},
    };
    const { app } = testApp(undefined, { logger });
    await postEvents(
      app,
      envelope([wireEvent('view')]),
      {},
      { incoming: { socket: { remoteAddress: '198.51.100.9' } } },
    );
    await app.request('/v1/sites/demo/content?secret=1', {
      headers: { authorization: 'Bearer demo-read-key' },
    });
    expect(lines).toEqual([
      expect.stringMatching(/^POST \/v1\/events 202 \d+\.\dms$/),
      expect.stringMatching(/^GET \/v1\/sites\/demo\/content 200 \d+\.\dms$/),
    ]);
  });
});
