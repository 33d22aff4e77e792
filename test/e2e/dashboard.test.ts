/**
 * The editors' dashboard (issue #6) in real Chromium against the real
 * collector process, seeded over HTTP with generated readers of several
 * articles, sections and authors over the last three weeks.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, launchChromium } from './browser.js';
import { READ_KEY, startCollectorProcess, type RunningCollector } from './collector-process.js';
import { seed, XSS_TITLE } from './dashboard-seed.js';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

interface Item {
  content: string;
  title: string | null;
}

let browser: Browser;
let collector: RunningCollector;
let context: BrowserContext;
/** Content-Security-Policy violations and page errors seen by any page. */
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, collector] = await Promise.all([launchChromium(), startCollectorProcess()]);
  await seed(collector.url);
  context = await browser.newContext({ ...CONTEXT_OPTIONS, viewport: DESKTOP, acceptDownloads: true });
  context.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  context.on('weberror', (error) => problems.push(String(error.error())));
}, 30_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await collector?.stop();
});

async function signIn(page: Page, key = READ_KEY): Promise<void> {
  await page.goto(`${collector.url}/dashboard`);
  await page.getByLabel('Site').fill('demo');
  await page.getByLabel('Read key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The titles in the ranked table, top to bottom. */
function tableTitles(page: Page): Promise<string[]> {
  return page.locator('#ranked tbody tr .title').allTextContents();
}

async function waitForSite(page: Page): Promise<void> {
  await page.locator('main[aria-busy="false"] #ranked').waitFor();
}

describe('the dashboard in Chromium', () => {
  let page: Page;

  it('signs in and shows the ranked table in the order of the ranking, with the overview charts', async () => {
    page = await context.newPage();
    // A locator waits forever by default: fail fast instead, naming what was missing.
    page.setDefaultTimeout(5_000);
    await signIn(page);
    await waitForSite(page);
    const expected = await collector.read<{ items: Item[] }>(
      `/v1/sites/demo/content?limit=200&from=${isoDay(-29)}&to=${isoDay(0)}`,
    );
    const titles = await tableTitles(page);
    expect(titles).toEqual(expected.items.map((item) => item.title ?? item.content));
    expect(titles[0]).toBe('Harbour rescue: the night shift');
    // One enthusiastic reader does not top the table.
    expect(titles.indexOf("One fan's favourite")).toBeGreaterThan(4);
    for (const id of ['#site-score-chart', '#site-bands-chart', '#site-traffic-chart']) {
      const box = await page.locator(`${id} canvas`).boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(100);
    }
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.screenshot({ path: `${SHOTS}dashboard-desktop.png`, fullPage: true });
  });

  it('shows hostile titles and URLs as text, and runs nothing', async () => {
    await expect.poll(() => page.getByText(XSS_TITLE, { exact: true }).count()).toBeGreaterThan(0);
    expect(
      await page.getByText('<script>window.__pwned=2</script>', { exact: false }).count(),
    ).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.locator('#ranked img, #ranked script, #ranked b').count()).toBe(0);
    // A hostile section is an option's text, not markup.
    expect(await page.locator('#section option', { hasText: '<b>Opinion</b>' }).count()).toBe(1);
  });

  it('sorts by a column, with aria-sort, and changes with the period', async () => {
    await page.getByRole('button', { name: 'Views' }).click();
    const viewsHeader = page.locator('#ranked th[aria-sort]');
    await expect.poll(() => viewsHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await viewsHeader.textContent()).toContain('Views');
    const views = (await page.locator('#ranked tbody tr td:nth-child(5)').allTextContents()).map((text) =>
      Number(text.replace(/,/g, '')),
    );
    expect(views).toEqual([...views].sort((a, b) => b - a));
    await page.getByRole('button', { name: 'Rank' }).click();

    const month = await tableTitles(page);
    await page.getByLabel('Period').selectOption('1');
    await expect.poll(() => tableTitles(page)).not.toEqual(month);
    await waitForSite(page);
    const today = await tableTitles(page);
    expect(today[0]).toBe('Derby day: a late winner');
    expect(today).not.toContain('Harbour rescue: the night shift');

    await page.getByLabel('Period').selectOption('7');
    await waitForSite(page);
    await expect
      .poll(() => page.locator('#drops tbody tr .title').allTextContents())
      .toContain('Festival review');
    await page.screenshot({ path: `${SHOTS}dashboard-desktop-7-days.png`, fullPage: true });

    // Keyboard users keep their place: the control they changed has the focus after the redraw.
    await page.getByLabel('Section').focus();
    await page.getByLabel('Section').selectOption('Science');
    await expect.poll(() => tableTitles(page)).toContain('Life around deep-sea vents');
    const sections = await page.locator('#ranked tbody tr .title-cell .small').allTextContents();
    expect(sections.every((meta) => meta.startsWith('Science ·'))).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('section');
    await page.getByLabel('Section').selectOption('');
    await page.getByLabel('Period').selectOption('30');
    await expect.poll(() => tableTitles(page)).toEqual(month);
  });

  it('downloads the ranked table as CSV', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^rank,content,title,url,section,author,score,low,high,band,readers,views/);
    const titles = await tableTitles(page);
    expect(lines).toHaveLength(titles.length + 1);
    expect(lines[1]).toMatch(
      /^1,\/news\/harbour-rescue,Harbour rescue: the night shift,https:\/\/news\.example/,
    );
    expect(lines.some((line) => line.includes('javascript:alert(1)'))).toBe(true);
  });

  it('opens a content detail with its charts, bands and signals', async () => {
    await page.getByRole('link', { name: 'Trend and signals of Harbour rescue: the night shift' }).click();
    await page.locator('main[aria-busy="false"] #detail-score-chart').waitFor();
    for (const id of ['#detail-score-chart', '#detail-engaged-chart']) {
      const box = await page.locator(`${id} canvas`).boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(100);
    }
    expect(await page.locator('#detail-title').textContent()).toBe('Harbour rescue: the night shift');
    expect(await page.locator('#detail-title a').getAttribute('href')).toBe(
      'https://news.example/news/harbour-rescue',
    );
    expect(await page.locator('#bands tbody tr').count()).toBe(3);
    const signals = await page.locator('#signals tbody th').allTextContents();
    expect(signals).toHaveLength(5);
    expect(signals.slice(0, 2)).toContain('Engaged time');
    await page.screenshot({ path: `${SHOTS}dashboard-detail-desktop.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${SHOTS}dashboard-detail-phone.png`, fullPage: true });
    await page.getByRole('link', { name: '← All stories' }).click();
    await waitForSite(page);
    await page.screenshot({ path: `${SHOTS}dashboard-phone.png`, fullPage: true });
    // The hostile story's detail: text, no link.
    await page.goto(`${collector.url}/dashboard#content=${encodeURIComponent('/opinion/hostile')}`);
    await page.locator('main[aria-busy="false"] #detail-title').waitFor();
    expect(await page.locator('#detail-title').textContent()).toBe(XSS_TITLE);
    expect(await page.locator('#detail-title a').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('rejects a wrong key with a clear message', async () => {
    const fresh = await browser.newContext({ ...CONTEXT_OPTIONS, viewport: PHONE });
    const other = await fresh.newPage();
    await signIn(other, 'not-the-read-key');
    await expect
      .poll(() => other.getByRole('alert').textContent())
      .toBe('This read key is not valid. Check it and try again.');
    expect(await other.locator('#ranked').count()).toBe(0);
    expect(await other.evaluate(() => sessionStorage.length)).toBe(0);
    await other.screenshot({ path: `${SHOTS}dashboard-signin-phone.png`, fullPage: true });
    await fresh.close();
  });
});

function isoDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}
