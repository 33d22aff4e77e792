/**
 * The reader score end to end (issue 12), in real Chromium against the real
 * collector process: a reader visits on three days, reads three articles and
 * rates one, and `dwell.reader()` equals the collector's reader score; after
 * the site's reader model changes (a new config, a restart), the returning
 * reader's local score uses the new version and still equals it; after an
 * editor applies new models through `PUT /model` (issue 13), a returning
 * reader's local content and reader scores use them and equal the
 * collector's; a reader back on an article after more than the window
 * starts it afresh, as the collector's window does; a reader under Global
 * Privacy Control sends nothing and keeps no reader state. The
 * page clock and the collector's clock (`server-clock.mjs`) move a day at a
 * time together.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, DEFAULT_READER_MODEL, modelVersion, type Model } from '@dwell/score';
import { CONTEXT_OPTIONS, launchChromium } from './browser.js';
import { freePort, startCollectorProcess, type RunningCollector } from './collector-process.js';
import {
  expectScoresEqual,
  flush,
  openDemo,
  queuedEvents,
  visitorOf,
  watchWire,
  type ScoreView,
} from './scenario-kit.js';

const DAY_MS = 86_400_000;
const ARTICLES = [
  '/demo/articles/deep-sea-vents.html',
  '/demo/articles/night-trains.html',
  '/demo/articles/city-budget.html',
];
const READ_KEY = 'e2e-readers-read-key';
const ADMIN_KEY = 'e2e-readers-admin-key';
const SERVER_CLOCK = fileURLToPath(new URL('./server-clock.mjs', import.meta.url));

/** A reader model other than the default: breadth weighs twice as much. */
const CHANGED: Model = {
  ...DEFAULT_READER_MODEL,
  signals: { ...DEFAULT_READER_MODEL.signals, breadth: { measure: 'contents', points: 20, cap: 60 } },
};

let browser: Browser;
let collector: RunningCollector;
let port: number;
let workDir: string;
let clockFile: string;
let offsetMs = 0;

function config(readerModel: Model): string {
  const file = join(workDir, `config-${modelVersion(readerModel)}.json`);
  const site = {
    id: 'demo',
    origins: ['http://localhost:*'],
    readKeys: [READ_KEY],
    adminKeys: [ADMIN_KEY],
    readerModel,
  };
  writeFileSync(file, JSON.stringify({ sites: [site] }));
  return file;
}

function start(readerModel: Model): Promise<RunningCollector> {
  return startCollectorProcess(
    { DWELL_CONFIG: config(readerModel), DWELL_TEST_CLOCK_FILE: clockFile },
    { port, dataDir: join(workDir, 'data'), execArgv: ['--import', SERVER_CLOCK], readKey: READ_KEY },
  );
}

/** Moves the collector's clock, and the context's page clock when there is one, a day ahead. */
async function nextDay(context?: BrowserContext): Promise<void> {
  offsetMs += DAY_MS;
  writeFileSync(clockFile, String(offsetMs));
  await context?.clock.setSystemTime(Date.now() + offsetMs);
  // The collector reads its clock file at most every 20 ms.
  await new Promise((resolve) => setTimeout(resolve, 50));
}

function localReader(page: Page): Promise<ScoreView> {
  return page.evaluate(() => (window as unknown as { dwell: { reader(): ScoreView } }).dwell.reader());
}

/** Delivers everything, then compares `dwell.reader()` with the collector's reader score. */
async function expectReadersEqual(page: Page): Promise<ScoreView & Record<string, unknown>> {
  await flush(page);
  await expect.poll(() => queuedEvents(page), { timeout: 15_000 }).toBe(0);
  const local = await localReader(page);
  const remote = await collector.read<ScoreView & Record<string, unknown>>(
    `/v1/sites/demo/visitors/${await visitorOf(page)}/score`,
  );
  const pick = ({ score, raw, band, model, signals }: ScoreView) => ({ score, raw, band, model, signals });
  expect(pick(remote)).toEqual(pick(local));
  return remote;
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'dwell-e2e-readers-'));
  clockFile = join(workDir, 'clock');
  writeFileSync(clockFile, '0');
  port = await freePort();
  [browser, collector] = await Promise.all([launchChromium(), start(DEFAULT_READER_MODEL)]);
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

describe('the reader score end to end in Chromium', () => {
  it('equals the collector after three days, three articles and a rating, and after the reader model changes', async () => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    await context.clock.install({ time: Date.now() });
    const wire = watchWire(context);
    for (const [day, article] of ARTICLES.entries()) {
      if (day) await nextDay(context);
      const page = await openDemo(context, collector, article);
      if (day === 2)
        await page.evaluate(() =>
          (window as unknown as { dwell: { feedback(r: number): void } }).dwell.feedback(5),
        );
      const reader = await expectReadersEqual(page);
      expect(reader).toMatchObject({ active_days: day + 1, contents: day + 1 });
      await page.close();
    }
    // 3 days (monthly +10), 3 articles (+30), rated 5 (promoter +25): raw 65.
    const page = await openDemo(context, collector, ARTICLES[0]!);
    const before = await expectReadersEqual(page);
    expect(before).toMatchObject({
      raw: 65,
      band: 'medium',
      model: modelVersion(DEFAULT_READER_MODEL),
      rating_mean: 5,
    });
    await page.close();

    await collector.stop();
    collector = await start(CHANGED);
    // The reader returns a day later: the browser's copy of the model (max-age 300 s) has expired.
    const storageState = await context.storageState({ indexedDB: true });
    await context.close();
    await nextDay();
    const later = await browser.newContext({ ...CONTEXT_OPTIONS, storageState });
    await later.clock.install({ time: Date.now() + offsetMs });
    const laterWire = watchWire(later);
    const returning = await openDemo(later, collector, ARTICLES[1]!);
    await expect
      .poll(() => localReader(returning).then((reader) => reader.model))
      .toBe(modelVersion(CHANGED));
    // 4 days (weekly +25), 3 articles at 20 each (+60), promoter +25: raw 110.
    expect(await expectReadersEqual(returning)).toMatchObject({
      raw: 110,
      band: 'high',
      model: modelVersion(CHANGED),
    });
    const ids = [...wire.ids, ...laterWire.ids];
    expect(new Set(ids).size).toBe(ids.length);
    expect(wire.duplicates + laterWire.duplicates).toBe(0);
    await later.close();
  });
  it("uses the models an editor applies through PUT /model: a returning reader's local scores equal the collector's", async () => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    await context.clock.install({ time: Date.now() + offsetMs });
    const page = await openDemo(context, collector, ARTICLES[2]!);
    expect((await expectScoresEqual(page, collector)).model).toBe(modelVersion(DEFAULT_MODEL));
    await page.close();

    // Views weigh double; breadth only, 30 a content.
    const content: Model = {
      ...DEFAULT_MODEL,
      signals: { ...DEFAULT_MODEL.signals, view: { measure: 'views', points: 20, cap: 20 } },
    };
    const reader: Model = { ...CHANGED, signals: { breadth: { measure: 'contents', points: 30, cap: 90 } } };
    const refused = await fetch(`${collector.url}/v1/sites/demo/model`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${READ_KEY}` },
      body: JSON.stringify({ model: content, reader }),
    });
    expect(refused.status).toBe(403);
    const applied = await fetch(`${collector.url}/v1/sites/demo/model`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ model: content, reader }),
    });
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({
      version: modelVersion(content),
      reader: { version: modelVersion(reader) },
    });

    // The reader comes back the next day, the browser's copy of the models expired.
    const storageState = await context.storageState({ indexedDB: true });
    await context.close();
    await nextDay();
    const later = await browser.newContext({ ...CONTEXT_OPTIONS, storageState });
    await later.clock.install({ time: Date.now() + offsetMs });
    const returning = await openDemo(later, collector, ARTICLES[0]!);
    await expect.poll(() => localReader(returning).then((local) => local.model)).toBe(modelVersion(reader));
    expect(await expectScoresEqual(returning, collector)).toMatchObject({
      model: modelVersion(content),
      signals: { view: 20 },
    });
    expect(await expectReadersEqual(returning)).toMatchObject({ model: modelVersion(reader) });
    await later.close();
  });

  it("starts a content afresh for a reader back after more than the window, as the collector's window does", async () => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    await context.clock.install({ time: Date.now() + offsetMs });
    const first = await openDemo(context, collector, ARTICLES[1]!);
    await expectScoresEqual(first, collector);
    const storageState = await context.storageState({ indexedDB: true });
    await context.close();
    // Back on the same article a window and a day later: the first view has left the window.
    for (let day = 0; day <= DEFAULT_MODEL.windowDays; day++) await nextDay();
    const later = await browser.newContext({ ...CONTEXT_OPTIONS, storageState });
    await later.clock.install({ time: Date.now() + offsetMs });
    const returning = await openDemo(later, collector, ARTICLES[1]!);
    // One view in the window, so no repeat (the page used to merge the return into the old state: +25).
    expect(await expectScoresEqual(returning, collector)).toMatchObject({ signals: { repeat: 0 } });
    await later.close();
  });

  it('sends nothing and keeps no reader state under Global Privacy Control', async () => {
    const context = await browser.newContext(CONTEXT_OPTIONS);
    await context.addInitScript(() =>
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: true }),
    );
    const wire = watchWire(context);
    const page = await context.newPage();
    await page.goto(collector.url + ARTICLES[0]);
    await page.waitForFunction(
      () => typeof (window as { dwell?: { reader?: unknown } }).dwell?.reader === 'function',
    );
    await page.evaluate(() =>
      (window as unknown as { dwell: { feedback(r: number): void } }).dwell.feedback(5),
    );
    await flush(page);
    expect(wire.ids).toEqual([]);
    expect((await page.evaluate(() => indexedDB.databases())).map((database) => database.name)).not.toContain(
      'dwell',
    );
    expect(await localReader(page)).toMatchObject({ score: 0, raw: 0 });
    await context.close();
  });
});
