/**
 * The script and the collector served from the site's own origin through a
 * reverse proxy (README, "Serving from your own domain"): the page loads
 * `/analytics/dwell.js` with `data-endpoint="/analytics"`, and every request
 * the SDK makes — the script with its models, the events — goes to the page’s
 * origin; the proxy hands `/analytics/*` to the collector. Ad blockers that
 * stop third-party trackers see nothing third-party.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, launchChromium } from './browser.js';
import { startCollectorProcess, type RunningCollector } from './collector-process.js';
import { expectScoresEqual, waitForView, watchWire } from './scenario-kit.js';

/** The proxied prefix, as a site would mount it. */
const PREFIX = '/analytics';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A story on the site's own domain</title>
<script defer src="${PREFIX}/dwell.js" data-site="demo" data-endpoint="${PREFIX}"></script>
</head><body><main><h1>A story</h1><p>${'Words of the story. '.repeat(200)}</p></main></body></html>`;

/** Forwards a request under `PREFIX` to the collector, the prefix removed, as nginx's `proxy_pass` does. */
function proxy(collector: URL, incoming: IncomingMessage, outgoing: ServerResponse): void {
  const upstream = request(
    {
      host: collector.hostname,
      port: collector.port,
      method: incoming.method,
      path: incoming.url!.slice(PREFIX.length) || '/',
      headers: { ...incoming.headers, host: collector.host },
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  upstream.on('error', () => outgoing.writeHead(502).end());
  incoming.pipe(upstream);
}

let browser: Browser;
let collector: RunningCollector;
let site: Server;
let siteUrl: string;

beforeAll(async () => {
  [browser, collector] = await Promise.all([launchChromium(), startCollectorProcess()]);
  const upstream = new URL(collector.url);
  site = createServer((incoming, outgoing) => {
    if (incoming.url?.startsWith(`${PREFIX}/`)) return proxy(upstream, incoming, outgoing);
    if (incoming.url === '/news/story.html')
      return void outgoing.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    outgoing.writeHead(404).end();
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await new Promise((resolve) => site?.close(resolve));
});

describe('dwell.js behind a reverse proxy on the site’s own origin', () => {
  it('loads with the models and delivers every event through the proxied path only', async () => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const origins = new Set<string>();
    const requested: string[] = [];
    context.on('request', (sent) => {
      origins.add(new URL(sent.url()).origin);
      requested.push(new URL(sent.url()).pathname);
    });
    const wire = watchWire(context);
    const page = await context.newPage();
    await page.goto(`${siteUrl}/news/story.html`);
    await page.waitForFunction(
      () => typeof (window as { dwell?: { score?: unknown } }).dwell?.score === 'function',
    );
    await waitForView(page);
    const score = await expectScoresEqual(page, collector);
    expect(score.signals.view).toBe(10);
    // The wire watcher reads each answer after the request finished: wait for it.
    await expect.poll(() => wire.ids.length).toBeGreaterThan(0);
    // The models came with the script: nothing asked for them.
    expect(requested.filter((path) => path.endsWith('/model'))).toEqual([]);
    expect(requested).toContain(`${PREFIX}/dwell.js`);
    // Nothing went to the collector's own origin: the page spoke only to its site.
    expect([...origins]).toEqual([siteUrl]);
    await context.close();
  });
});
