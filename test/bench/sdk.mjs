// The SDK's figures for `npm run bench`: the size of the built dwell.js
// (gzip -9 and brotli), and the main-thread time its scroll handling costs in
// real Chromium, against the same page without the SDK in the same run.
/* global window, performance, requestAnimationFrame, setTimeout, Event -- run inside the page by page.evaluate */
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { createServer } from 'node:http';
import { fileURLToPath, URL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { DEFAULT_SITE_MODEL } from '../../packages/sdk/dist/models.js';
import { modelsStatement } from '../../apps/collector/dist/service/sdkBundle.js';

const BUNDLE = fileURLToPath(new URL('../../packages/sdk/dist/dwell.js', import.meta.url));

/** `dwell.js` as the collector serves it for a site with the default models (`sdkBundle.ts`). */
function servedBundle() {
  const statement = modelsStatement({ demo: DEFAULT_SITE_MODEL });
  return Buffer.concat([Buffer.from(statement), readFileSync(BUNDLE)]);
}

/** Peer scripts' gzip sizes, as their projects publish them (issue #7). */
export const PEERS = { Plausible: 2670, Umami: 2206 };

/**
 * Scroll events dispatched per measurement (reported per 1,000: Chromium
 * coarsens performance.now() to 100 µs), and measurements per page.
 */
const EVENTS = 20_000;
const ROUNDS = 15;

/** The built bundle's sizes, and what `/dwell.js?site=demo` sends (the bundle with the site's models). */
export function sdkSize() {
  const source = readFileSync(BUNDLE);
  return {
    gzip: gzipSync(source, { level: 9 }).length,
    brotli: brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    servedGzip: gzipSync(servedBundle(), { level: 9 }).length,
  };
}

function page(withSdk) {
  const article = '<p>Paragraph of a long article. '.repeat(3000);
  const script = withSdk ? '<script src="/dwell.js" data-site="demo"></script>' : '';
  return `<!doctype html><html><head><title>Bench</title>${script}</head><body><article>${article}</article></body></html>`;
}

/**
 * Main-thread ms that 1,000 scroll events cost on the page, with and without
 * the SDK, as a reader's scrolling brings them: one per animation frame. The
 * listeners run inside dispatchEvent (timed over many events), and the SDK's
 * depth measurement once in the frame after (timed between a frame callback
 * registered before the events and one registered after them).
 */
export async function sdkScrollCost() {
  const bundle = servedBundle();
  const server = createServer((request, response) => {
    if (request.url === '/dwell.js')
      return response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    if (request.url?.startsWith('/v1/'))
      return response.writeHead(202, { 'content-type': 'application/json' }).end('{}');
    // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
    response
      .writeHead(200, {
        'content-type': 'text/html',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      })
      .end(page(request.url === '/with'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const results = {};
    for (const variant of ['without', 'with']) {
      const tab = await browser.newPage();
      await tab.goto(`${base}/${variant}`);
      if (variant === 'with') await tab.waitForFunction(() => typeof window.dwell?.score === 'function');
      const timings = await tab.evaluate(
        async ({ events, rounds }) => {
          const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
          const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
          const perEvent = [];
          const perFrame = [];
          for (let round = 0; round < rounds; round++) {
            await frame();
            let first = 0;
            requestAnimationFrame(() => (first = performance.now()));
            const start = performance.now();
            for (let i = 0; i < events; i++) window.dispatchEvent(new Event('scroll'));
            perEvent.push((performance.now() - start) / events);
            const last = await new Promise((resolve) =>
              requestAnimationFrame(() => resolve(performance.now())),
            );
            perFrame.push(last - first);
          }
          return { perEvent: median(perEvent), perFrame: median(perFrame) };
        },
        { events: EVENTS, rounds: ROUNDS },
      );
      results[variant] = 1000 * (timings.perEvent + timings.perFrame);
      await tab.close();
    }
    return { withSdkMs: results.with, withoutSdkMs: results.without, sdkMs: results.with - results.without };
  } finally {
    await browser.close();
    server.close();
  }
}
