/**
 * The editors' dashboard (issues #6 and #12) in real Chromium against the
 * real collector process, seeded over HTTP with generated readers of several
 * articles, sections and authors over the last three weeks, and hand-written
 * readers over two periods for the Readers view. axe-core checks the
 * sign-in, overview, readers, story and model views for serious and critical
 * violations. The Model view's tests run last: the one that applies a model
 * puts the default one back afterwards.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import axe from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_OPTIONS, launchChromium } from './browser.js';
import { READ_KEY, startCollectorProcess, type RunningCollector } from './collector-process.js';
import { READER_FIGURES, seed, SHARED, SHARED_TITLE, XSS_TITLE } from './dashboard-seed.js';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** As the dashboard writes a score. */
const ONE_DECIMAL = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

interface Item {
  content: string;
  title: string | null;
  audience: number | null;
}

/** Every violation axe found, by view, whatever its impact: written to test-results/ for reading. */
const axeFindings: Record<string, { id: string; impact: string | null | undefined; nodes: number }[]> = {};

/**
 * axe-core on the page as it is (WCAG 2.x A and AA rules and axe's best
 * practices): the violations that are serious or critical, as `rule: targets`.
 * axe's source is run with `page.evaluate`, which the page's CSP does not
 * govern, so the dashboard's strict CSP stays as served. (axe-core itself, not
 * @axe-core/playwright, which wants Node 22.)
 */
async function seriousViolations(page: Page, view: string): Promise<string[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run());
  axeFindings[view] = results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    nodes: violation.nodes.length,
  }));
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
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
  writeFileSync(`${SHOTS}dashboard-axe.json`, `${JSON.stringify(axeFindings, null, 2)}\n`);
  await context?.close();
  await browser?.close();
  await collector?.stop();
});

async function signIn(page: Page, key = READ_KEY, beforeSubmit?: () => Promise<void>): Promise<void> {
  await page.goto(`${collector.url}/dashboard`);
  await beforeSubmit?.();
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

const ADMIN_KEY = 'demo-admin-key';

interface ActiveModels {
  version: string;
  model: { signals: Record<string, { points: number; cap?: number }> };
  reader: { version: string; model: object };
}

/** POST or PUT a JSON body to the demo site's API with `key`: the status and the parsed body. */
async function send<T>(method: 'POST' | 'PUT', path: string, body: unknown, key = READ_KEY) {
  const response = await fetch(`${collector.url}/v1/sites/demo${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

function activeModels(): Promise<ActiveModels> {
  return collector.read<ActiveModels>('/v1/sites/demo/model');
}

describe('the dashboard in Chromium', () => {
  let page: Page;

  it('signs in and shows the ranked table in the order of the ranking, with the overview charts', async () => {
    page = await context.newPage();
    // A locator waits forever by default: fail fast instead, naming what was missing.
    page.setDefaultTimeout(5_000);
    await signIn(page, READ_KEY, async () => {
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await seriousViolations(page, 'sign-in')).toEqual([]);
    });
    await waitForSite(page);
    expect(await seriousViolations(page, 'overview')).toEqual([]);
    const expected = await collector.read<{ items: Item[] }>(
      `/v1/sites/demo/content?limit=200&from=${isoDay(-29)}&to=${isoDay(0)}`,
    );
    const titles = await tableTitles(page);
    expect(titles).toEqual(expected.items.map((item) => item.title ?? item.content));
    expect(titles[0]).toBe('Harbour rescue: the night shift');
    // The Audience column: each story's mean reader score, as the API gives it.
    const audiences = await page.locator('#ranked tbody tr td:nth-child(4)').allTextContents();
    expect(audiences).toEqual(
      expected.items.map((item) => (item.audience === null ? '–' : ONE_DECIMAL.format(item.audience))),
    );
    expect(Number(audiences[0])).toBeGreaterThan(13.3);
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
    const views = (await page.locator('#ranked tbody tr td:nth-child(6)').allTextContents()).map((text) =>
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
    // Its ratings, 5 down to 1, with the count and the mean in the caption.
    const { distribution, count, mean } = READER_FIGURES.harbourRatings;
    expect(await page.locator('#ratings caption').textContent()).toBe(`Ratings: ${count}, mean ${mean} of 5`);
    expect(await page.locator('#ratings tbody td:nth-child(2)').allTextContents()).toEqual(
      [...distribution].reverse().map(String),
    );
    expect(await seriousViolations(page, 'story')).toEqual([]);
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

  it('shows the readers: bands, movement, the bands per day, at-risk readers, the reader model, a CSV per band', async () => {
    await page.setViewportSize(DESKTOP);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Readers' }).click();
    await page.locator('main[aria-busy="false"] #reader-bands').waitFor();
    expect(await page.getByRole('link', { name: 'Readers' }).getAttribute('aria-current')).toBe('page');
    // Readers are scored across the site: no section or author to choose.
    expect(await page.locator('#section').count()).toBe(0);
    const bandCount = (band: string) =>
      page.locator(`#reader-bands tr[data-band="${band}"] .count`).textContent();
    for (const [band, count] of Object.entries(READER_FIGURES.bands))
      expect(await bandCount(band)).toBe(String(count));
    expect(await page.locator('#reader-total').textContent()).toBe(String(READER_FIGURES.readers));
    // Nothing older than 30 days is taken, so the 30 days have nobody to compare with: all new, none at risk.
    expect(await page.locator('#moved-new').textContent()).toBe(String(READER_FIGURES.readers));
    expect(await page.locator('#at-risk').count()).toBe(0);
    expect(await page.locator('section[aria-labelledby="at-risk-title"] .empty').textContent()).toMatch(
      /^No reader fell a band/,
    );

    const box = await page.locator('#reader-bands-chart canvas').boundingBox();
    expect(box?.width).toBeGreaterThan(200);
    expect(box?.height).toBeGreaterThan(100);
    // The chart's numbers as a table: a row per day of the 30, the newest last; yesterday's high readers are the seeded six.
    await page.getByText('Readers by band per day, as a table').click();
    const days = page.locator('#reader-series tbody tr');
    expect(await days.count()).toBe(30);
    expect(await days.nth(28).locator('th').textContent()).toBe(formatDay(isoDay(-1)));
    expect(await days.nth(28).locator('td').first().textContent()).toBe(String(READER_FIGURES.bands.high));

    const model = page.locator('#reader-model tbody tr');
    expect(await model.locator('th').allTextContents()).toEqual([
      'daily',
      'weekly',
      'monthly',
      'breadth',
      'depth',
      'promoter',
      'detractor',
    ]);
    expect(await model.nth(1).locator('td').allTextContents()).toEqual([
      'active_days',
      'active_days ≥ 4, active_days < 20',
      '+25',
      '25',
    ]);
    expect(await model.nth(4).locator('td').first().textContent()).toBe('engaged_ms, each 600,000 (10 min)');
    expect(await model.nth(6).locator('td').allTextContents()).toEqual([
      'ratings',
      'rating_mean ≤ 2',
      '−25',
      '25',
    ]);

    expect(await seriousViolations(page, 'readers')).toEqual([]);
    await page.screenshot({ path: `${SHOTS}dashboard-readers-desktop.png`, fullPage: true });

    // The high band's segment, as the collector writes it, downloaded with the read key.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV: Highly engaged readers' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`dwell-demo-readers-high-${isoDay(-29)}-${isoDay(0)}.csv`);
    const lines = readFileSync(await file.path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('visitor,score,band,last_seen');
    const loyal = ['reader-loyal-1', 'reader-loyal-2', 'reader-loyal-3', 'reader-loyal-4', 'reader-loyal-5'];
    expect(lines.slice(1).sort()).toEqual(
      [...loyal, 'reader-returning'].map((visitor) => `${visitor},76.7,high,${isoDay(-1)}`).sort(),
    );
    const medium = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV: Moderately engaged readers' }).click();
    const mediumLines = readFileSync(await (await medium).path(), 'utf8')
      .trimEnd()
      .split('\r\n');
    expect(mediumLines).toHaveLength(READER_FIGURES.bands.medium + 1);
    expect(mediumLines).toContain(`reader-steady,50,medium,${isoDay(-3)}`);
    expect(mediumLines).toContain(`reader-lapsing,43.3,medium,${isoDay(-2)}`);

    // 7 days against the 7 before: who moved and who is at risk, as seeded; the rest as the API counts it.
    await page.getByLabel('Period').selectOption('7');
    await expect.poll(() => page.locator('#moved-up').textContent()).toBe('1');
    await page.locator('main[aria-busy="false"] #reader-bands').waitFor();
    const week = await collector.read<{ readers: number; movement: Record<string, number> }>(
      `/v1/sites/demo/readers?from=${isoDay(-6)}&to=${isoDay(0)}`,
    );
    expect(await bandCount('high')).toBe(String(READER_FIGURES.week.high));
    expect(await bandCount('medium')).toBe(String(READER_FIGURES.week.medium));
    expect(await page.locator('#reader-total').textContent()).toBe(String(week.readers));
    expect(week.movement).toMatchObject({ up: READER_FIGURES.week.up, down: READER_FIGURES.week.down });
    for (const [move, count] of Object.entries(week.movement))
      expect(await page.locator(`#moved-${move}`).textContent()).toBe(String(count));
    const atRisk = page.locator('#at-risk tbody tr');
    expect(await atRisk.count()).toBe(READER_FIGURES.week.atRisk.length);
    for (const [index, entry] of READER_FIGURES.week.atRisk.entries()) {
      const row = atRisk.nth(index);
      expect(await row.locator('th').textContent()).toBe(entry.visitor);
      const [scores, fall, lastSeen] = await row.locator('td').allTextContents();
      expect(scores).toMatch(new RegExp(`^${entry.previous} .+ → ${entry.now} `));
      expect(fall).toBe(`−${entry.fall}`);
      expect(lastSeen).toBe(formatDay(isoDay(-entry.lastSeenDaysAgo)));
    }
    expect(await seriousViolations(page, 'readers, 7 days')).toEqual([]);
    await page.screenshot({ path: `${SHOTS}dashboard-readers-7-days.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${SHOTS}dashboard-readers-phone.png`, fullPage: true });

    await page.setViewportSize(DESKTOP);
    await page.getByLabel('Period').selectOption('30');
    await page.getByRole('link', { name: 'Stories' }).click();
    await waitForSite(page);
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

  describe('the Model view', () => {
    let model: Page;
    let defaults: ActiveModels;

    it('shows the active models as editable tables, with their versions and history', async () => {
      defaults = await activeModels();
      model = await context.newPage();
      model.setDefaultTimeout(5_000);
      await signIn(model);
      await waitForSite(model);
      await model.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Model' }).click();
      await model.locator('main[aria-busy="false"] #content-model-editor').waitFor();
      expect(await model.getByRole('link', { name: 'Model' }).getAttribute('aria-current')).toBe('page');
      expect(await model.title()).toBe('Model — Dwell');
      const rows = model.locator('#content-model-editor tbody tr');
      expect(await rows.locator('th').allTextContents()).toEqual([
        'view',
        'engaged',
        'repeat',
        'share',
        'bounce',
      ]);
      const values = (field: string) =>
        model
          .locator(`#content-model-editor input[id$="-${field}"]`)
          .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
      expect(await values('points')).toEqual(['10', '5', '25', '25', '-10']);
      expect(await values('cap')).toEqual(['10', '40', '50', '50', '']);
      expect(await rows.nth(4).locator('td').nth(1).textContent()).toBe(
        'sessions < 2, engaged_ms < 10,000, shares < 1',
      );
      // Every input has a label: the one a screen reader says, and the one Playwright finds it by.
      expect(await model.getByLabel('Points of share, content model').inputValue()).toBe('25');
      expect(await model.locator('#content-model-version').textContent()).toBe(defaults.version);
      expect(await model.locator('#reader-model-version').textContent()).toBe(defaults.reader.version);
      expect(await model.locator('#reader-model-editor tbody tr').count()).toBe(7);
      // The history: the config's two models, both active.
      const history = model.locator('#model-history tbody tr');
      expect(await history.count()).toBe(2);
      expect(await history.locator('th').allTextContents()).toEqual(
        expect.arrayContaining([defaults.version, defaults.reader.version]),
      );
      expect(await history.locator('td:nth-child(5)').allTextContents()).toEqual(['Active', 'Active']);
      expect(await history.locator('td:nth-child(4)').allTextContents()).toEqual([
        'Config file',
        'Config file',
      ]);
      expect(await model.locator('#apply-edits').textContent()).toBe('No edits yet.');
      expect(await seriousViolations(model, 'model')).toEqual([]);
      await model.screenshot({ path: `${SHOTS}dashboard-model-desktop.png`, fullPage: true });
    });

    it('calibrates against an outcome: the report, or the collector’s too-little-data message', async () => {
      const range = { from: isoDay(-29), to: isoDay(0) };
      const calibrate = (body: object) =>
        send<{
          error?: { code: string; message: string };
          n: number;
          positives: number;
          verdict: 'suggested' | 'no_signal';
          auc: { current: number; suggested: number };
          signals: { signal: string; suggested_points: number }[];
          suggested: { model: { signals: Record<string, { points: number }> } };
        }>('POST', '/models/calibrate', { ...body, ...range });
      const button = model.getByRole('button', { name: 'Calibrate' });
      const outcome = model.locator('#calibration-output[aria-busy="false"]');
      const days = model.getByLabel('Within (days, 1–90)');

      // Nobody's 30 days after a visit have passed yet: too little data, in the collector's words.
      await days.fill('30');
      await button.click();
      const month = await calibrate({ scope: 'content', outcome: { return_within_days: 30 } });
      expect(month.status).toBe(422);
      await expect
        .poll(() => outcome.locator('#calibration-too-little').textContent())
        .toBe(month.body.error!.message);

      // A custom event nobody sent, for the reader model.
      await model.getByLabel('Reader model (readers)').check();
      await model.getByLabel('The reader sends the event').check();
      await model.getByLabel('Event name').fill('subscribe');
      await days.fill('7');
      await button.click();
      const subscribe = await calibrate({ scope: 'reader', outcome: { event: 'subscribe', within_days: 7 } });
      expect(subscribe.status).toBe(422);
      await expect
        .poll(() => outcome.locator('#calibration-too-little').textContent())
        .toBe(subscribe.body.error!.message);

      // A return within 3 days, for the content model: a report when the seeded visits give enough of both.
      await model.getByLabel('Content model (stories)').check();
      await model.getByLabel('The reader returns').check();
      expect(await model.getByLabel('Event name').isDisabled()).toBe(true);
      await days.fill('3');
      await button.click();
      const returns = await calibrate({ scope: 'content', outcome: { return_within_days: 3 } });
      if (returns.status === 422) {
        await expect
          .poll(() => outcome.locator('#calibration-too-little').textContent())
          .toBe(returns.body.error!.message);
        return;
      }
      expect(returns.status).toBe(200);
      const report = returns.body;
      await outcome.locator('#calibration-signals').waitFor();
      expect(await model.locator('#calibration-n').textContent()).toBe(String(report.n));
      expect(await model.locator('#calibration-positives').textContent()).toBe(String(report.positives));
      expect(await model.locator('#auc-current').textContent()).toBe(report.auc.current.toFixed(2));
      expect(await model.locator('#auc-suggested').textContent()).toBe(report.auc.suggested.toFixed(2));
      expect(await model.locator('#calibration-signals tbody th').allTextContents()).toEqual(
        report.signals.map((signal) => signal.signal),
      );
      expect(await model.locator('#calibration-signals tbody .bar').count()).toBeGreaterThanOrEqual(
        report.signals.length,
      );
      expect(await model.locator('#calibration-verdict').textContent()).toMatch(
        report.verdict === 'suggested' ? /^The data predicts the outcome/ : /^No signal/,
      );
      expect(await seriousViolations(model, 'model, calibration')).toEqual([]);
      await model.screenshot({ path: `${SHOTS}dashboard-model-calibration.png`, fullPage: true });
      if (report.verdict !== 'suggested') {
        expect(await model.getByRole('button', { name: 'Use suggested weights' }).count()).toBe(0);
        return;
      }
      // The suggestion goes into the editor, to preview or apply; undone again for the tests that follow.
      await model.getByRole('button', { name: 'Use suggested weights' }).click();
      for (const [name, signal] of Object.entries(report.suggested.model.signals))
        expect(Number(await model.locator(`#content-${name}-points`).inputValue())).toBe(signal.points);
      await model.getByRole('button', { name: 'Undo edits to the content model' }).click();
      expect(await model.getByLabel('Points of share, content model').inputValue()).toBe('25');
      expect(await model.locator('#apply-edits').textContent()).toBe('No edits yet.');
    });

    it('previews an edit: with share at 0 points the share-heavy story moves down', async () => {
      // A refused value first: the collector names the field, and the editor marks it.
      await model.getByLabel('Cap of share, content model').fill('-1');
      await model.getByRole('button', { name: 'Preview' }).click();
      await expect
        .poll(() => model.locator('#preview .form-error').textContent())
        .toContain('model.signals.share.cap');
      expect(await model.locator('#content-share-cap').getAttribute('aria-invalid')).toBe('true');
      expect(await model.locator('#content-share-cap-error').textContent()).not.toBe('');
      await model.getByLabel('Cap of share, content model').fill('50');
      expect(await model.locator('#content-share-cap').getAttribute('aria-invalid')).toBeNull();

      await model.getByLabel('Points of share, content model').fill('0');
      expect(await model.locator('#content-share-points-was').textContent()).toBe('was 25');
      expect(await model.locator('#apply-edits li').allTextContents()).toEqual([
        'content model: share points 25 → 0',
      ]);
      // The edits outlast a redraw of the view, another period for one.
      await model.getByLabel('Period').selectOption('7');
      await model.locator('main[aria-busy="false"] #content-model-editor').waitFor();
      expect(await model.getByLabel('Points of share, content model').inputValue()).toBe('0');
      await model.getByLabel('Period').selectOption('30');
      await model.locator('main[aria-busy="false"] #content-model-editor').waitFor();
      // A slow preview (a large site's takes seconds): busy, announced, and the rest of the page usable meanwhile.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await model.route('**/v1/sites/demo/models/preview', async (route) => {
        await held;
        await route.continue();
      });
      await model.getByRole('button', { name: 'Preview' }).click();
      await model.locator('#preview-output[aria-busy="true"]').waitFor({ state: 'attached' });
      expect(await model.locator('#preview-button').getAttribute('aria-disabled')).toBe('true');
      expect(await model.locator('#preview .task-status').textContent()).toMatch(
        /^Scoring the site’s history/,
      );
      await model.getByLabel('Admin key').fill('typing meanwhile');
      await model.getByLabel('Admin key').fill('');
      release();
      await model.locator('#preview-output[aria-busy="false"] #preview-ranks').waitFor();
      await model.unroute('**/v1/sites/demo/models/preview');
      expect(await model.locator('#preview-button').getAttribute('aria-disabled')).toBeNull();
      expect(await model.getByRole('status').filter({ hasText: 'Preview ready' }).count()).toBe(1);

      const edited = structuredClone(defaults.model);
      edited.signals.share!.points = 0;
      const { body: expected } = await send<{
        candidate: { model: string };
        contents: { content: string; rank: number; candidate_rank: number }[];
      }>('POST', '/models/preview', { model: edited, from: isoDay(-29), to: isoDay(0) });
      const quiz = expected.contents.find((item) => item.content === SHARED)!;
      expect(quiz.candidate_rank).toBeGreaterThan(quiz.rank);
      const row = model.locator(`#preview-ranks tr[data-content="${SHARED}"]`);
      expect(await row.locator('th').textContent()).toBe(SHARED_TITLE);
      expect(await row.locator('.rank-now').textContent()).toBe(String(quiz.rank));
      expect(await row.locator('.rank-edited').textContent()).toBe(String(quiz.candidate_rank));
      expect(await row.locator('.move').textContent()).toBe(`▼ down ${quiz.candidate_rank - quiz.rank}`);
      // The movers' table has it too, and every row of the top 20 is as the API ranks it.
      expect(await model.locator(`#preview-movers tr[data-content="${SHARED}"]`).count()).toBe(1);
      expect(await model.locator('#preview-ranks tbody tr .rank-edited').allTextContents()).toEqual(
        expected.contents.map((item) => String(item.candidate_rank)),
      );
      expect(await model.locator('#preview-candidate-model').textContent()).toBe(expected.candidate.model);
      for (const id of ['#preview-pair-bands', '#preview-reader-bands']) {
        const box = await model.locator(`${id} svg`).boundingBox();
        expect(box?.width).toBeGreaterThan(200);
        expect(await model.locator(`${id} rect`).count()).toBeGreaterThanOrEqual(6);
      }
      expect(await model.locator('#preview-stale').isHidden()).toBe(true);
      expect(await seriousViolations(model, 'model, preview')).toEqual([]);
      await model.screenshot({ path: `${SHOTS}dashboard-model-preview.png`, fullPage: true });
      // A later edit: the preview says it is older than the edits.
      await model.getByLabel('Points of view, content model').fill('11');
      expect(await model.locator('#preview-stale').isVisible()).toBe(true);
      expect(await model.locator('#apply-edits li').count()).toBe(2);
      await model.getByLabel('Points of view, content model').fill('10');
      expect(await model.locator('#apply-edits li').allTextContents()).toEqual([
        'content model: share points 25 → 0',
      ]);
    });

    it('refuses to apply with a key that is not the admin key, and changes nothing', async () => {
      const apply = model.getByRole('button', { name: 'Apply edited models' });
      const error = model.locator('#apply .form-error');
      await model.getByLabel('Admin key').fill(READ_KEY);
      await apply.click();
      await expect.poll(() => error.textContent()).toMatch(/^This key may read the site but not change it/);
      expect(await model.getByLabel('Admin key').inputValue()).toBe('');
      await model.getByLabel('Admin key').fill('not-an-admin-key');
      await apply.click();
      await expect.poll(() => error.textContent()).toBe('This admin key is not valid. Nothing was changed.');
      expect(await model.getByLabel('Admin key').inputValue()).toBe('');
      expect((await activeModels()).version).toBe(defaults.version);
      expect(await model.locator('#content-model-version').textContent()).toBe(defaults.version);
      // The edit is still there, to apply with the right key.
      expect(await model.getByLabel('Points of share, content model').inputValue()).toBe('0');
    });

    it('applies with the admin key: the new version is shown, served and active in the history', async () => {
      await model.getByLabel('Admin key').fill(ADMIN_KEY);
      await model.getByRole('button', { name: 'Apply edited models' }).click();
      await expect
        .poll(() => model.locator('#apply-done').textContent(), { timeout: 15_000 })
        .toMatch(/^Applied: /);
      const applied = await activeModels();
      expect(applied.version).not.toBe(defaults.version);
      expect(applied.model.signals.share!.points).toBe(0);
      expect(applied.reader.version).toBe(defaults.reader.version);
      expect(await model.locator('#content-model-version').textContent()).toBe(applied.version);
      expect(await model.getByLabel('Points of share, content model').inputValue()).toBe('0');
      expect(await model.locator('#content-share-points-was').textContent()).toBe('');
      expect(await model.locator('#apply-edits').textContent()).toBe('No edits yet.');
      const newest = model.locator('#model-history tbody tr').first();
      expect(await newest.locator('th').textContent()).toBe(applied.version);
      expect(await newest.locator('td').allTextContents()).toEqual([
        'Content',
        expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/),
        'Applied here',
        'Active',
      ]);
      const old = model.locator(`#model-history tbody tr[data-kind="content"][data-active="false"]`);
      expect(await old.locator('th').textContent()).toBe(defaults.version);
      // The admin key went once, to the collector: not into the page's storage.
      const stored = await model.evaluate(
        () => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }),
      );
      expect(stored).not.toContain(ADMIN_KEY);
      expect(await model.evaluate(() => localStorage.length)).toBe(0);
      expect(await seriousViolations(model, 'model, applied')).toEqual([]);
      await model.screenshot({ path: `${SHOTS}dashboard-model-applied.png`, fullPage: true });
      await model.setViewportSize(PHONE);
      await model.screenshot({ path: `${SHOTS}dashboard-model-phone.png`, fullPage: true });

      // The default model back, for whatever runs after.
      const restored = await send<{ version: string }>('PUT', '/model', { model: defaults.model }, ADMIN_KEY);
      expect(restored.status).toBe(200);
      expect((await activeModels()).version).toBe(defaults.version);
      expect(problems).toEqual([]);
      await model.close();
    });
  });
});

/** As the dashboard writes a day: `22 Nov 2026`. */
function formatDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function isoDay(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}
