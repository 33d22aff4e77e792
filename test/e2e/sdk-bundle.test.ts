/**
 * The built `dwell.js` in real headless Chromium against a recording server:
 * what reaches the wire, across reloads, offline periods and closed pages.
 */
import { DEFAULT_MODEL, DEFAULT_READER_MODEL } from '@dwell/score';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, launchChromium } from './browser.js';
import { pageHtml, startRecordingServer, type RecordingServer } from './recording-server.js';

let browser: Browser;
let server: RecordingServer;
let context: BrowserContext;

const ARTICLE = pageHtml(
  `<article><h1>Long read</h1>${'<p>Paragraph of text. '.repeat(400)}</p>
   <button id="share" data-dwell-share="button">Share</button></article>`,
  '<meta property="og:title" content="The long read"><meta property="article:section" content="Science">',
);

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  server = await startRecordingServer();
  server.pages.set('/a/1', ARTICLE);
  context = await browser.newContext(CONTEXT_OPTIONS);
});
afterEach(async () => {
  await context?.close();
  await server?.close();
});

async function open(path = '/a/1'): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url + path);
  await page.waitForFunction(
    () => typeof (window as { dwell?: { score?: unknown } }).dwell?.score === 'function',
  );
  return page;
}

/** Moves the mouse now and then while `ms` of page time pass. */
async function read(page: Page, ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 1_000) {
    await page.mouse.move(100 + (elapsed % 7), 100 + (elapsed % 5));
    await page.clock.runFor(1_000);
  }
}

function flush(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as { dwell: { flush(): Promise<void> } }).dwell.flush());
}

describe('dwell.js in Chromium', () => {
  it('sends a view with the page metadata and engaged time', async () => {
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${server.url}/a/1`);
    await page.waitForFunction(() => 'score' in ((window as { dwell?: object }).dwell ?? {}));
    await read(page, 20_000);
    await flush(page);
    await expect.poll(() => server.events().map((event) => event.type)).toContain('engage');
    const [view] = server.events().filter((event) => event.type === 'view');
    expect(view).toMatchObject({
      content: '/a/1',
      title: 'The long read',
      section: 'Science',
      url: `${server.url}/a/1`,
    });
    const engaged = server
      .events()
      .filter((event) => event.type === 'engage')
      .reduce((sum, event) => sum + (event.type === 'engage' ? event.ms : 0), 0);
    expect(engaged).toBeGreaterThanOrEqual(15_000);
    expect(engaged).toBeLessThanOrEqual(21_000);
    expect(server.received[0]?.envelope.site).toBe('demo');
  });

  it('keeps the visitor id across a reload', async () => {
    const page = await open();
    await flush(page);
    await page.reload();
    await page.waitForFunction(() => 'score' in ((window as { dwell?: object }).dwell ?? {}));
    await flush(page);
    // Distinct ids: a view beaconed as the first page unloads may be sent again by the
    // second from the queue, and the collector counts an id once (this server does not).
    const views = (): number =>
      new Set(server.events().flatMap((e) => (e.type === 'view' ? [e.id] : []))).size;
    await expect.poll(views).toBe(2);
    const visitors = new Set(server.received.map((batch) => batch.envelope.visitor));
    expect(visitors.size).toBe(1);
    expect([...visitors][0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('delivers everything once after a period offline', async () => {
    const page = await open();
    await flush(page);
    await context.setOffline(true);
    for (let i = 0; i < 5; i++) {
      await page.evaluate(
        (n) => (window as unknown as { dwell: (...args: unknown[]) => void }).dwell('track', `offline-${n}`),
        i,
      );
    }
    await flush(page);
    expect(server.events().filter((event) => event.type === 'custom')).toHaveLength(0);
    await context.setOffline(false);
    await expect
      .poll(() => server.events().filter((event) => event.type === 'custom').length, { timeout: 10_000 })
      .toBe(5);
    const ids = server.events().map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('delivers a share made right before the page closes, by beacon', async () => {
    const page = await open();
    await flush(page);
    await page.click('#share');
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => server.events().filter((event) => event.type === 'share').length).toBe(1);
    const beacon = server.received.find((batch) =>
      batch.envelope.events.some((event) => event.type === 'share'),
    );
    expect(beacon?.contentType).toMatch(/^text\/plain/);
    expect(beacon?.envelope.events.find((event) => event.type === 'share')).toMatchObject({
      channel: 'button',
    });
  });

  it('replays the calls the snippet queued before the script loaded, in order', async () => {
    server.pages.set(
      '/snippet',
      pageHtml(
        '<p>Early calls</p>',
        `<script>window.dwell=window.dwell||function(){(dwell.q=dwell.q||[]).push(arguments)};
          dwell('track', 'first'); dwell('track', 'second', { n: 2 }); dwell('track', 'third');</script>`,
      ),
    );
    const page = await open('/snippet');
    await flush(page);
    await expect
      .poll(() => server.events().flatMap((event) => (event.type === 'custom' ? [event.name] : [])))
      .toEqual(['first', 'second', 'third']);
  });

  it('keeps the reader state in IndexedDB across a reload, scores it with the models served with the script, and sends queued feedback', async () => {
    server.model = {
      version: 'content-1',
      model: DEFAULT_MODEL,
      reader: {
        version: 'reader-1',
        model: { ...DEFAULT_READER_MODEL, signals: { views: { measure: 'views', points: 7 } } },
      },
    };
    server.pages.set(
      '/rate',
      pageHtml(
        '<p>Rated</p>',
        `<script>window.dwell=window.dwell||function(){(dwell.q=dwell.q||[]).push(arguments)};
          window.heard = []; dwell('on', 'reader', (reader) => heard.push(reader.raw)); dwell('feedback', 4);</script>`,
      ),
    );
    type Reader = { raw: number; model: string };
    const readerOf = (page: Page): Promise<Reader> =>
      page.evaluate(() => (window as unknown as { dwell: { reader(): Reader } }).dwell.reader());
    const page = await open('/rate');
    await expect.poll(() => readerOf(page)).toEqual(expect.objectContaining({ raw: 7, model: 'reader-1' }));
    await flush(page);
    await expect
      .poll(() => server.events().filter((event) => event.type === 'feedback'))
      .toEqual([expect.objectContaining({ content: '/rate', rating: 4 })]);
    // The collector serves other models with the script now: the reload scores the kept state with them.
    server.model = {
      version: 'content-2',
      model: DEFAULT_MODEL,
      reader: {
        version: 'reader-2',
        model: { ...DEFAULT_READER_MODEL, signals: { views: { measure: 'views', points: 3 } } },
      },
    };
    await page.reload();
    await page.waitForFunction(() => 'reader' in ((window as { dwell?: object }).dwell ?? {}));
    await expect.poll(() => readerOf(page)).toEqual(expect.objectContaining({ raw: 6, model: 'reader-2' }));
    expect(await page.evaluate(() => (window as unknown as { heard: number[] }).heard.at(-1))).toBe(6);
  });
});
