/**
 * Real headless Chromium for tests, driven by playwright-core (never a
 * downloaded browser): the one test/setup/prerequisites.mjs made sure of,
 * which `CHROMIUM_PATH` names, else Debian's `/usr/bin/chromium`. The flags
 * keep Chromium off the network it cannot reach here and out of the sandbox
 * root cannot use.
 */
import { chromium, type Browser, type BrowserContextOptions } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * A desktop Chrome user agent: the default one says "HeadlessChrome", which
 * the collector rightly treats as a bot and does not count.
 */
export const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

export const CONTEXT_OPTIONS: BrowserContextOptions = { userAgent: DESKTOP_USER_AGENT };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Playwright turns the back/forward cache off by default; the SDK's handling of a restore is under test.
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
