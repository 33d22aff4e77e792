/**
 * What the end-to-end scenarios share: a page of the demo site under the
 * page clock, the visitor id the SDK keeps, the batches that went out, and the
 * comparison of the browser's local score with the collector's.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningCollector } from './collector-process.js';

export interface ScoreView {
  score: number;
  raw: number;
  band: string;
  model: string;
  signals: Record<string, number>;
}

/** Every event id the context POSTed to the collector, with the response's counts. */
export interface Wire {
  ids: string[];
  duplicates: number;
}

/**
 * Records what a context delivered to `/v1/events` (fetch and beacons alike):
 * the ids of every batch the collector acknowledged, and its duplicate counts.
 */
export function watchWire(context: BrowserContext): Wire {
  const wire: Wire = { ids: [], duplicates: 0 };
  context.on('requestfinished', async (request) => {
    if (!request.url().endsWith('/v1/events') || request.method() !== 'POST') return;
    // A request that finishes as the test closes its context has no response to read any more.
    const response = await request.response().catch(() => null);
    if (response?.status() !== 202) return;
    const sent = JSON.parse(request.postData() ?? '{}') as { events?: { id: string }[] };
    wire.ids.push(...(sent.events ?? []).map((event) => event.id));
    const answer = (await response.json().catch(() => ({}))) as { duplicates?: number };
    wire.duplicates += answer.duplicates ?? 0;
  });
  return wire;
}

/** Opens a demo page and waits for the SDK to read its store and record the view. */
export async function openDemo(
  context: BrowserContext,
  collector: RunningCollector,
  path: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(collector.url + path);
  await page.waitForFunction(
    () => typeof (window as { dwell?: { score?: unknown } }).dwell?.score === 'function',
  );
  await waitForView(page);
  return page;
}

/** Waits until the view of the current content counts in the local score. */
export async function waitForView(page: Page): Promise<void> {
  await expect.poll(() => localScore(page).then((score) => score.signals.view ?? 0)).toBeGreaterThan(0);
}

export function localScore(page: Page): Promise<ScoreView & { content: string }> {
  return page.evaluate(() =>
    (window as unknown as { dwell: { score(): ScoreView & { content: string } } }).dwell.score(),
  );
}

/** `dwell.flush()` in the page: settles engaged time and sends the queue. */
export function flush(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as { dwell: { flush(): Promise<void> } }).dwell.flush());
}

/** The visitor id the SDK keeps in IndexedDB. */
export function visitorOf(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      new Promise<string | undefined>((resolve, reject) => {
        const open = indexedDB.open('dwell');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          if (!database.objectStoreNames.contains('kv')) return resolve(undefined);
          const request = database.transaction('kv').objectStore('kv').get('dwell');
          request.onsuccess = () => resolve((request.result as { visitor?: string } | undefined)?.visitor);
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Events the queue in IndexedDB still holds. */
export function queuedEvents(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('dwell');
        open.onsuccess = () => {
          const request = open.result.transaction('kv').objectStore('kv').get('dwell');
          request.onsuccess = () =>
            resolve((request.result as { queue?: unknown[] } | undefined)?.queue?.length ?? 0);
        };
      }),
  );
}

/** Moves the mouse every second while `ms` of page time pass. */
export async function read(page: Page, ms: number): Promise<void> {
  for (let elapsed = 0; elapsed < ms; elapsed += 1_000) {
    await page.mouse.move(200 + (elapsed % 13), 200 + (elapsed % 7));
    await page.clock.runFor(1_000);
  }
}

/** Makes the page hidden (or visible again), as a switch to another tab does. */
export async function setHidden(page: Page, hidden: boolean): Promise<void> {
  // Playwright keeps every page visible and focused, so the page's view of it is set here.
  await page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', {
      value: value ? 'hidden' : 'visible',
      configurable: true,
    });
    Object.defineProperty(document, 'hidden', { value, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/**
 * Delivers everything and compares the local score with the collector's
 * authoritative one for this visitor and content: equal in score, raw, band,
 * model version and every signal.
 */
export async function expectScoresEqual(page: Page, collector: RunningCollector): Promise<ScoreView> {
  await flush(page);
  await expect.poll(() => queuedEvents(page), { timeout: 15_000 }).toBe(0);
  const local = await localScore(page);
  const visitor = await visitorOf(page);
  const remote = await collector.read<ScoreView>(
    `/v1/sites/demo/visitors/${visitor}/score?content=${encodeURIComponent(local.content)}`,
  );
  const pick = ({ score, raw, band, model, signals }: ScoreView): ScoreView => ({
    score,
    raw,
    band,
    model,
    signals,
  });
  expect(pick(remote)).toEqual(pick(local));
  return remote;
}

/** Asserts every event id went over the wire once and the collector saw no duplicate. */
export function expectExactlyOnce(wire: Wire): void {
  expect(new Set(wire.ids).size).toBe(wire.ids.length);
  expect(wire.duplicates).toBe(0);
}
