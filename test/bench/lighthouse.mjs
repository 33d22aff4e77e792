// The page cost of the script, measured with Lighthouse (pinned to 12.2.3, the
// last release that runs on Node 20) in Debian's Chromium: a demo article
// loaded with dwell.js and with dwell.js blocked, alternately, the medians of
// each. Desktop, unthrottled ("provided"): what the page's own main thread did.
import process from 'node:process';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Runs of each page, alternating: Lighthouse's figures vary run to run, the median of three less. */
const RUNS = 3;
const ARTICLE = '/demo/articles/deep-sea-vents.html';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function figures(lhr) {
  const breakdown = lhr.audits['mainthread-work-breakdown'].details?.items ?? [];
  const scriptMs = breakdown.find((item) => item.group === 'scriptEvaluation')?.duration ?? 0;
  const bootup = lhr.audits['bootup-time'].details?.items ?? [];
  const sdk = bootup.find((item) => String(item.url).endsWith('/dwell.js'));
  return {
    tbtMs: lhr.audits['total-blocking-time'].numericValue,
    scriptMs,
    sdkScriptMs: sdk ? sdk.scripting + (sdk.scriptParseCompile ?? 0) : 0,
  };
}

export async function sdkPageCost(baseUrl) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const run = async (blocked) => {
      const result = await lighthouse(
        `${baseUrl}${ARTICLE}`,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] },
        {
          extends: 'lighthouse:default',
          settings: {
            formFactor: 'desktop',
            screenEmulation: {
              mobile: false,
              width: 1350,
              height: 940,
              deviceScaleFactor: 1,
              disabled: false,
            },
            throttlingMethod: 'provided',
            blockedUrlPatterns: blocked ? ['*/dwell.js'] : [],
          },
          // bootup-time lists only scripts past 50 ms by default: list dwell.js however little it takes.
          audits: [{ path: 'bootup-time', options: { thresholdInMs: 0 } }],
        },
      );
      return figures(result.lhr);
    };
    const withSdk = [];
    const without = [];
    for (let index = 0; index < RUNS; index++) {
      withSdk.push(await run(false));
      without.push(await run(true));
    }
    const of = (list, key) => median(list.map((entry) => entry[key]));
    return {
      runs: RUNS,
      withSdk: {
        tbtMs: of(withSdk, 'tbtMs'),
        scriptMs: of(withSdk, 'scriptMs'),
        sdkScriptMs: of(withSdk, 'sdkScriptMs'),
      },
      without: { tbtMs: of(without, 'tbtMs'), scriptMs: of(without, 'scriptMs') },
    };
  } finally {
    await chrome.kill();
  }
}
