/**
 * The README's quick start, followed as written (issue #17): the pages it
 * opens, the article it reads in Chromium, the badge, the dashboard with the
 * demo key, the console snippet for the visitor id, and its curl commands run
 * by a shell, all against the built collector (what `npm start` runs) on a
 * free port instead of 8787.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../apps/collector/src/config.js';
import { CONTEXT_OPTIONS, launchChromium } from './browser.js';
import { READ_KEY, startCollectorProcess, type RunningCollector } from './collector-process.js';
import { codeBlocks, prose, readmeSection, shellCommands } from './readme.js';
import { flush, localScore, queuedEvents, read, visitorOf, waitForView } from './scenario-kit.js';

/** Where the README says the collector is. */
const README_ORIGIN = 'http://localhost:8787';

/** The commands a test cannot run: they install, start and test the repository itself. */
const ATTENDED = ['npm install && npm start', 'npm test'];

const section = readmeSection('Quick start');
const blocks = codeBlocks(section);
const commands = blocks.filter((block) => block.lang === 'sh').flatMap((block) => shellCommands(block.code));
const text = prose(section);

let browser: Browser;
let collector: RunningCollector;

/** A README URL or command, pointed at this test's collector. */
const here = (readme: string) => readme.replaceAll(new URL(README_ORIGIN).host, new URL(collector.url).host);

/** Runs one README command in a shell, after the lines the reader pasted; its output parsed as JSON. */
async function shell(pasted: string, command: string): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)('sh', ['-c', `${pasted}\n${here(command)}`]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

beforeAll(async () => {
  [browser, collector] = await Promise.all([launchChromium(), startCollectorProcess()]);
});
afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

describe('the README quick start', () => {
  it('starts what `npm start` starts, where the README says', () => {
    expect(commands.filter((command) => command.startsWith('npm '))).toEqual(ATTENDED);
    const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    // The process this test starts is the one `npm start` runs after building, as `npm test` has built it.
    expect(packageJson.scripts.start).toMatch(/&& node apps\/collector\/dist\/main\.js$/);
    expect(`http://localhost:${loadConfig({}).port}`).toBe(README_ORIGIN);
  });

  it('serves every page it opens', async () => {
    const urls = [...new Set(text.match(/http:\/\/localhost:8787[^\s)>]*/g))];
    expect(urls).toEqual(expect.arrayContaining([`${README_ORIGIN}/demo/`, `${README_ORIGIN}/dashboard`]));
    for (const url of urls) expect((await fetch(here(url))).status, url).toBe(200);
  });

  it('reads an article, watches the badge, finds it on the dashboard and gets the same score from the API', async () => {
    const [, title = '', article = ''] =
      /\[([^\]]+)\]\((http:\/\/localhost:8787\/demo\/[^)]+)\)/.exec(text) ?? [];
    const context = await browser.newContext(CONTEXT_OPTIONS);
    await context.clock.install();
    const page = await context.newPage();
    await page.goto(here(`${README_ORIGIN}/demo/`));
    await page.getByRole('link', { name: title }).click();
    await page.waitForURL(here(article), { timeout: 5_000 });
    await waitForView(page);

    await read(page, 31_000);
    // What leaving the page does: settle the engaged time and send everything.
    await flush(page);
    await expect.poll(() => queuedEvents(page)).toBe(0);
    const local = await localScore(page);
    await expect.poll(() => page.locator('#dwell-score').textContent()).toContain(`${local.score} / 100`);
    expect(text).toContain(`${local.score} after 30 s`);

    const snippet = blocks.find((block) => block.lang === 'js');
    const printed = new Promise<string>((resolve) =>
      page.on('console', (message) => message.text().startsWith('VISITOR=') && resolve(message.text())),
    );
    await page.evaluate(snippet?.code ?? 'missing the console snippet');
    const pasted = await printed;
    const visitor = await visitorOf(page);
    expect(pasted).toBe(`VISITOR=${visitor}`);

    const unattended = commands.filter((command) => !ATTENDED.includes(command));
    const answers = await Promise.all(unattended.map((command) => shell(pasted, command)));
    unattended.forEach((command, i) => expect(answers[i], command).not.toHaveProperty('error'));
    expect(answers.find((answer) => 'visitor' in answer)).toMatchObject({
      site: 'demo',
      visitor,
      content: local.content,
      score: local.score,
      raw: local.raw,
      band: local.band,
      signals: local.signals,
    });
    const ranked = answers.find((answer) => 'items' in answer) as { items: { title: string }[] } | undefined;
    expect(ranked?.items.map((item) => item.title)).toContain(title);
    await context.close();

    expect(text).toContain(`\`${READ_KEY}\``);
    const editor = await browser.newPage(CONTEXT_OPTIONS);
    await editor.goto(here(`${README_ORIGIN}/dashboard`));
    await editor.getByLabel('Read key').fill(READ_KEY);
    await editor.getByRole('button', { name: 'Sign in' }).click();
    await editor.locator('main[aria-busy="false"] #ranked').waitFor({ timeout: 10_000 });
    expect(await editor.locator('#ranked tbody tr .title').allTextContents()).toContain(title);
    await editor.close();
  });
});
