/**
 * What the SDK and the collector promise together, in real Chromium against
 * the real collector process (issue #7). Time moves with the page clock.
 * Every scenario ends comparing the browser's `dwell.score()` with the
 * collector's authoritative score for the same visitor and content.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, launchChromium } from './browser.js';
import { startCollectorProcess, type RunningCollector } from './collector-process.js';
import {
  expectExactlyOnce,
  expectScoresEqual,
  flush,
  localScore,
  openDemo,
  read,
  setHidden,
  visitorOf,
  waitForView,
  watchWire,
  type Wire,
} from './scenario-kit.js';

const ARTICLE = '/demo/articles/deep-sea-vents.html';
const SECOND = '/demo/articles/night-trains.html';

interface ContentItem {
  views: number;
  shares: number;
  readers: number;
}

let browser: Browser;
let collector: RunningCollector;
let context: BrowserContext;
let wire: Wire;

function item(content: string): Promise<ContentItem> {
  return collector.read<ContentItem>(`/v1/sites/demo/content/${encodeURIComponent(content)}`);
}

beforeAll(async () => {
  [browser, collector] = await Promise.all([launchChromium(), startCollectorProcess()]);
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});
beforeEach(async () => {
  context = await browser.newContext(CONTEXT_OPTIONS);
  await context.clock.install();
  wire = watchWire(context);
});
afterEach(async () => {
  await context?.close();
});

describe('end to end in Chromium', () => {
  it('1. counts 40 s of active reading, and nothing for an idle or a hidden minute', async () => {
    const page = await openDemo(context, collector, ARTICLE);
    await read(page, 40_000);
    await flush(page);
    const reading = (await localScore(page)).signals;
    expect(reading).toMatchObject({ view: 10, engaged: 10 });
    // Idle: only the 5 s after the last interaction still count.
    await page.clock.runFor(60_000);
    // Delivered before hiding, so the hide's beacon cannot race a send in flight.
    await flush(page);
    await setHidden(page, true);
    await page.clock.runFor(60_000);
    await setHidden(page, false);
    // 40 s read, then 4 s more until the idle edge 5 s after the last interaction: still 2 × 15 s.
    const final = await expectScoresEqual(page, collector);
    expect(final.signals.engaged).toBe(10);
    expectExactlyOnce(wire);
  });

  it('2. counts one view per route visit in a single-page app, back and forward included', async () => {
    const page = await openDemo(context, collector, '/demo/live/');
    await page.click('text=Morning');
    await page.click('text=Results');
    await page.goBack();
    await page.goForward();
    await expectScoresEqual(page, collector);
    expect((await item('/demo/live/')).views).toBe(1);
    expect((await item('/demo/live/morning')).views).toBe(2);
    expect((await item('/demo/live/results')).views).toBe(2);
    expectExactlyOnce(wire);
  });

  it('3. counts a back/forward cache restore as a view', async () => {
    await context.addInitScript(() =>
      window.addEventListener(
        'pageshow',
        (event) => ((window as { restored?: boolean }).restored = event.persisted),
      ),
    );
    const before = await item(SECOND).catch(() => ({ views: 0 }));
    const page = await openDemo(context, collector, SECOND);
    await flush(page);
    await page.goto(collector.url + ARTICLE);
    // A restore fires pageshow, not load.
    await page.goBack({ waitUntil: 'commit' });
    await expect.poll(() => page.evaluate(() => (window as { restored?: boolean }).restored)).toBe(true);
    await expect.poll(async () => (await flush(page), (await item(SECOND)).views - before.views)).toBe(2);
    await expectScoresEqual(page, collector);
  });

  it('4. counts a share button, a share link and a completed native share, not a cancelled one', async () => {
    await context.addInitScript(() => {
      (window as { shareOutcome?: string }).shareOutcome = 'done';
      navigator.share = () =>
        (window as { shareOutcome?: string }).shareOutcome === 'done'
          ? Promise.resolve()
          : Promise.reject(new DOMException('Share canceled', 'AbortError'));
    });
    await context.route('https://twitter.com/**', (route) => route.fulfill({ body: 'shared' }));
    const page = await openDemo(context, collector, SECOND);
    await page.click('text=Copy link');
    const popup = context.waitForEvent('page');
    await page.click('text=Share on X');
    await (await popup).close();
    await page.click('text=Share…');
    await page.evaluate(() => ((window as { shareOutcome?: string }).shareOutcome = 'cancel'));
    await page.click('text=Share…');
    const final = await expectScoresEqual(page, collector);
    expect((await item(SECOND)).shares).toBe(3);
    expect(final.signals.share).toBe(50);
    expectExactlyOnce(wire);
  });

  it('5. gives repeat points after 31 minutes and after 2 days; the visitor id survives reloads and restarts', async () => {
    let page = await openDemo(context, collector, ARTICLE);
    const visitor = await visitorOf(page);
    await flush(page);
    await page.clock.fastForward('31:00');
    await page.reload();
    await waitForView(page);
    expect((await expectScoresEqual(page, collector)).signals.repeat).toBe(25);
    const storage = await context.storageState({ indexedDB: true });
    await context.close();
    context = await browser.newContext({ ...CONTEXT_OPTIONS, storageState: storage });
    await context.clock.install({ time: Date.now() + 2 * 86_400_000 });
    page = await openDemo(context, collector, ARTICLE);
    expect(await visitorOf(page)).toBe(visitor);
    expect((await expectScoresEqual(page, collector)).signals.repeat).toBe(50);
  });

  it('6. delivers everything once after a period offline', async () => {
    const before = await item(SECOND).catch(() => ({ shares: 0 }));
    const page = await openDemo(context, collector, SECOND);
    await flush(page);
    await context.setOffline(true);
    await read(page, 20_000);
    await page.click('text=Copy link');
    await flush(page);
    await page.clock.runFor(30_000);
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expectScoresEqual(page, collector);
    expect((await item(SECOND)).shares - before.shares).toBe(1);
    expectExactlyOnce(wire);
  });

  it('7. delivers a share made right before the page is closed, by beacon', async () => {
    const before = await item(SECOND).catch(() => ({ shares: 0 }));
    const page = await openDemo(context, collector, SECOND);
    await flush(page);
    await page.click('text=Copy link');
    await page.close({ runBeforeUnload: true });
    await expect.poll(async () => (await item(SECOND)).shares - before.shares).toBe(1);
    const again = await openDemo(context, collector, SECOND);
    await expectScoresEqual(again, collector);
  });

  it('8. keeps events through a collector answering 503, and delivers them once when it recovers', async () => {
    await context.route('**/v1/events', (route) =>
      route.fulfill({ status: 503, headers: { 'retry-after': '2' }, body: '{"error":"down"}' }),
    );
    const page = await openDemo(context, collector, ARTICLE);
    await page.click('text=Copy link');
    await read(page, 16_000);
    await flush(page);
    expect((await localScore(page)).signals.share).toBe(25);
    await context.unroute('**/v1/events');
    await page.clock.runFor(60_000);
    await expectScoresEqual(page, collector);
    expect((await item(ARTICLE)).shares).toBeGreaterThanOrEqual(1);
  });

  it('9. sends from one tab at a time without duplicates, counting both tabs', async () => {
    const first = await openDemo(context, collector, SECOND);
    const second = await openDemo(context, collector, SECOND);
    for (let i = 0; i < 20; i++) {
      await first.mouse.move(100 + i, 100);
      await second.mouse.move(100 + i, 120);
      await context.clock.runFor(1_000);
    }
    await Promise.all([flush(first), flush(second)]);
    await second.reload();
    await waitForView(second);
    await expectScoresEqual(second, collector);
    expectExactlyOnce(wire);
    expect((await localScore(second)).signals.engaged).toBeGreaterThanOrEqual(10);
  });

  it('10. sends and stores nothing under Global Privacy Control', async () => {
    await context.addInitScript(() =>
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: true }),
    );
    const page = await context.newPage();
    await page.goto(collector.url + SECOND);
    await page.waitForFunction(
      () => typeof (window as { dwell?: { score?: unknown } }).dwell?.score === 'function',
    );
    await read(page, 20_000);
    await page.click('text=Copy link');
    await flush(page);
    expect(wire.ids).toEqual([]);
    const databases = await page.evaluate(() => indexedDB.databases());
    expect(databases.map((database) => database.name)).not.toContain('dwell');
    expect((await localScore(page)).raw).toBe(0);
  });
});
