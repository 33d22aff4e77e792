/**
 * Helpers for the collector's tests (not part of the build): real SQLite
 * stores in temporary directories, an app on a fixed clock, and wire events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { DEFAULT_MODEL, type Model } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { createApp, type AppOptions } from './app.js';
import { silentLogger } from './log.js';
import { DEVELOPMENT_ORIGINS } from './origins.js';
import { ModelChanges } from './review/modelChanges.js';
import { Sites, type SiteOptions } from './sites.js';
import { SqliteStore } from './store/sqlite/sqliteStore.js';

/** The tests' "now": 2026-11-22 12:00 UTC. */
export const NOW = Date.UTC(2026, 10, 22, 12);
export const DAY = 86_400_000;
export const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
export const READ_KEY = 'demo-read-key';
export const ADMIN_KEY = 'demo-admin-key';

const directories: string[] = [];
/** The stores `testApp` opened: closed before their directories go, or their threads still write there (ENOTEMPTY). */
const openStores: SqliteStore[] = [];
afterAll(async () => {
  await Promise.allSettled(openStores.map((store) => store.close()));
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test file. */
export function tempDir(): string {
  const directory = mkdtempSync(join(tmpdir(), 'dwell-test-'));
  directories.push(directory);
  return directory;
}

/** A candidate model of the review tests: shares count for nothing. */
export const NO_SHARES: Model = {
  ...DEFAULT_MODEL,
  signals: { ...DEFAULT_MODEL.signals, share: { ...DEFAULT_MODEL.signals.share!, points: 0 } },
};

export function demoSite(overrides: Partial<SiteOptions> = {}): SiteOptions {
  return {
    id: 'demo',
    origins: DEVELOPMENT_ORIGINS,
    readKeys: [READ_KEY],
    adminKeys: [ADMIN_KEY],
    model: DEFAULT_MODEL,
    rateLimit: { perMinute: 0, burst: 1 },
    ...overrides,
  };
}

/** A second site with its own key and origin. */
export const OTHER_SITE: SiteOptions = {
  id: 'other',
  origins: ['https://other.example'],
  readKeys: ['other-site-read-key-0001'],
  adminKeys: ['other-site-admin-key-0001'],
  model: DEFAULT_MODEL,
  rateLimit: { perMinute: 0, burst: 1 },
};

export interface TestApp {
  app: ReturnType<typeof createApp>;
  store: SqliteStore;
  sites: Sites;
  /** The sites' active models: `start()` them to record the first ones, as a collector's start does. */
  models: ModelChanges;
  /** Sets the server clock. */
  clock: { now: number };
  dataDir: string;
}

/** The app over a real SQLite store in a temporary directory, on a settable clock (default `NOW`). */
export function testApp(
  sites: SiteOptions[] = [demoSite(), OTHER_SITE],
  options: Partial<AppOptions> = {},
  /** An existing store's directory: the app of a restarted collector. */
  dataDir = tempDir(),
): TestApp {
  const store = new SqliteStore(dataDir);
  openStores.push(store);
  const clock = { now: NOW };
  const siteList = new Sites(sites);
  store.useReaderModels(new Map(siteList.all().map((site) => [site.id, site.readerModel])));
  const models = new ModelChanges(siteList, store, silentLogger);
  const app = createApp({ sites: siteList, store, now: () => clock.now, demoDir: null, models, ...options });
  storesOfApps.set(app, store);
  return { app, store, sites: siteList, models, clock, dataDir };
}

/** The store of each test app, so that `read` can wait for its views. */
const storesOfApps = new WeakMap<TestApp['app'], SqliteStore>();

let sequence = 0;

/** A wire event with a fresh id, at `NOW` in session `s1` of content `/a/1` unless told otherwise. */
export function wireEvent(type: WireEvent['type'], extra: Record<string, unknown> = {}): WireEvent {
  const fields: Record<string, unknown> = {
    view: {},
    engage: { ms: 15_000 },
    scroll: { depth: 0.5 },
    share: { channel: 'copy' },
    custom: { name: 'comment' },
    feedback: { rating: 5 },
  }[type];
  return {
    id: `e-${++sequence}`,
    type,
    content: '/a/1',
    session: 's1',
    ts: NOW,
    ...fields,
    ...extra,
  } as WireEvent;
}

/** An envelope for `demo`, visitor `v1`, sent at `NOW`. */
export function envelope(events: unknown[], extra: Record<string, unknown> = {}) {
  return { site: 'demo', visitor: 'v1', sent_at: NOW, events, ...extra };
}

/** POSTs a body to `/v1/events` as a browser would, JSON unless headers say otherwise. */
export async function postEvents(
  app: TestApp['app'],
  body: unknown,
  headers: Record<string, string> = {},
  env?: object,
): Promise<Response> {
  return app.request(
    '/v1/events',
    {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'user-agent': BROWSER, ...headers },
    },
    env,
  );
}

/**
 * GETs a read endpoint with the demo read key, once the views hold every
 * event acknowledged before: lists may lag the log by design, and a test
 * asserts what they show once caught up.
 */
export async function read(app: TestApp['app'], path: string, key = READ_KEY): Promise<Response> {
  await storesOfApps.get(app)?.caughtUp();
  return app.request(path, { headers: { authorization: `Bearer ${key}` } });
}
