/**
 * The script-tag build (`dwell.js`): reads the tag's attributes, starts
 * tracking, installs `window.dwell` and replays the calls the snippet
 * `window.dwell=window.dwell||function(){(dwell.q=dwell.q||[]).push(arguments)}`
 * queued before the script loaded. The collector serves the site's models
 * with it, set on that same snippet (`dwell.m`, by site id; see the
 * collector's `sdkBundle.ts`), so this build carries no default models and
 * fetches none.
 */
import { warn } from './guard.js';
import type { SiteModel } from './store.js';
import { feedback, track } from './calls.js';
import { on } from './scores.js';
import { flush, optIn, optOut, reader, score, start } from './tracker.js';

type Snippet = ((...args: unknown[]) => unknown) & {
  /** The snippet's calls: its `arguments` objects, which spread as arrays do. */
  q?: Iterable<unknown>[];
  score?: unknown;
  /** The models the collector served with the script, by site id. */
  m?: Record<string, SiteModel>;
};

const methods: Record<string, (...args: never[]) => unknown> = {
  score,
  reader,
  on,
  track,
  feedback,
  flush,
  optOut,
  optIn,
};
const host = window as Window & { dwell?: Snippet };
const script = document.currentScript as HTMLScriptElement | null;
const { site, endpoint, content, hash } = script?.dataset ?? {};

/** The collector's base URL: `data-endpoint` (relative to the page), else the script's origin. */
function collectorUrl(): string | undefined {
  try {
    return (endpoint ? new URL(endpoint, location.href).href : new URL(script!.src).origin).replace(
      /\/+$/,
      '',
    );
  } catch {
    warn(3, endpoint);
  }
}

const collector = site && collectorUrl();
const models = site && host.dwell?.m?.[site];
if (hash && hash !== 'true' && hash !== 'false') warn(2, hash);
if (!site) {
  warn(1);
} else if (!models) {
  warn(12, site);
} else if (collector && !host.dwell?.score) {
  start({ site, endpoint: collector, content, hash: hash === 'true' }, { models });
  const queued = host.dwell?.q ?? [];
  const api = Object.assign(
    (method: string, ...args: never[]) =>
      Object.hasOwn(methods, method) ? methods[method]!(...args) : warn(4, method),
    methods,
  );
  host.dwell = api as unknown as Snippet;
  for (const args of queued) api(...(args as [string]));
}
