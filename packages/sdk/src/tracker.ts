/**
 * The tracker: turns what happens on the page into events, keeps the local
 * score, and hands events to delivery. One per page, so its state is the
 * module's (as in web-vitals), which also keeps the script-tag build small.
 */
import { emptyState, readerWindow, scoreAs, utcDay } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { BATCH_SIZE, beaconUnsent, configureDelivery, flushQueue, forgetUnsent, queued } from './delivery.js';
import { watchActivity } from './activity.js';
import { watchAttention } from './attention.js';
import { peekEngaged, takeEngaged } from './engaged.js';
import { failed, guard, listen } from './guard.js';
import { watchNavigation } from './navigation.js';
import { pageContent, pageMeta } from './page.js';
import { isCurrent, recordEvent, touchSession } from './record.js';
import { announce, type LocalScore, type ReaderScore } from './scores.js';
import { contentElement, depthStep, scrollDepth } from './scroll.js';
import { watchShares } from './shares.js';
import { SPILL_KEY, takeSpilled } from './spill.js';
import { blank, openStore, read, write, type SiteModel, type Stored } from './store.js';
import { eventId, uuid } from './uuid.js';

export interface DwellOptions {
  /** Site id known to the collector (`data-site`). */
  site: string;
  /** Collector base URL (`data-endpoint`). */
  endpoint: string;
  /** Content id of the page the script loads on (`data-content`). */
  content?: string;
  /** Count hash changes as navigation (`data-hash="true"`). */
  hash?: boolean;
}

/**
 * Where the models the local scores use come from: given with the script
 * (the script tag's build, `script.ts`), or the defaults until the site's are
 * fetched (the ESM package, `init.ts`, through `refresh` and `useModels`).
 */
export interface ModelSource {
  /** The models to start with; their `reader` is the reader model. */
  models: SiteModel;
  /** Called once the store is read, with the models an earlier page kept there. */
  refresh?: (kept: SiteModel | undefined) => void;
}

/** An `engage` event goes out for each this many engaged ms (issue #3). */
export const HEARTBEAT_MS = 15_000;

/** How often the engaged clock is looked at. */
export const TICK_MS = 1_000;

/** Before `start`, a model that scores nothing: there is no site yet. */
const NO_MODEL: SiteModel = {
  version: '',
  model: { signals: {}, max: 1, bands: {}, windowDays: 30, sessionTimeoutMinutes: 30 },
};

let options: DwellOptions | undefined;
let modelSource: ModelSource = { models: NO_MODEL };
let site = NO_MODEL;
let readerSite = NO_MODEL;
/** The record as last read or written; unset while tracking is off. */
let stored: Stored | undefined;
/** Events whose write to the store is not done yet. */
const writing = new Map<string, WireEvent>();
/** Calls made before the store is read; dropped if tracking turns out to be off. */
let early: (() => void)[] | undefined = [];
let route = '';
let content = '';
let depth = 0;
let sentDepth = 0;

/**
 * The local score of the current content, synchronously, from the states as
 * last written: an event counts once its write (a few milliseconds) is done.
 */
export function score(): LocalScore {
  const state = stored?.states[content];
  // A state whose last event has left the window scores as the collector's does: empty (see `isCurrent`).
  const current = isCurrent(state, Date.now(), site.model) ? state : emptyState();
  return { ...scoreAs(current, site.model, site.version), content };
}

/**
 * This visitor's reader score, synchronously, from the daily reader states as
 * last written, over the reader model's window of whole UTC days up to today.
 */
export function reader(): ReaderScore {
  const days = Object.entries(stored?.readers ?? {}).map(([day, state]) => ({ day: +day, state }));
  const { model, version } = readerSite;
  return scoreAs(readerWindow(days, utcDay(Date.now()), model.windowDays), model, version);
}

/** Tells the listeners and the page about each score that changed. */
function notify(): void {
  announce('score', score());
  announce('reader', reader());
}

/** Records an event of the current content, once the store is read (until then, it waits). */
export function emit(fields: Partial<WireEvent> & Pick<WireEvent, 'type'>, ts = Date.now()): void {
  if (!stored?.visitor) return void early?.push(() => emit(fields, ts));
  const event = {
    id: eventId(ts),
    content,
    // Provisional until the store's transaction names the session the tabs share.
    session: touchSession(stored.session, ts, site.model).id,
    ts,
    ...fields,
  } as WireEvent;
  queued(event);
  record(event);
}

/** Records an event in the store; until that is done, a page being hidden spills it (see `hidden`). */
function record(event: WireEvent): void {
  writing.set(event.id, event);
  void write((current) => recordEvent(current, event, site.model, readerSite.model)).then((written) => {
    writing.delete(event.id);
    // Unless tracking stopped (optOut) while this write was under way.
    if (stored) stored = written;
    notify();
    if (written.queue.length >= BATCH_SIZE) void flushQueue();
  }, failed);
}

function view(): void {
  emit({ type: 'view', ...pageMeta(document) });
  measureDepth();
}

/** Sends what the current content has accrued: engaged time and a deeper scroll. */
function settle(): void {
  const ms = takeEngaged();
  if (ms) emit({ type: 'engage', ms });
  if (depth > sentDepth) emit({ type: 'scroll', depth: (sentDepth = depth) });
}

function measureDepth(): void {
  const reached = Math.round(scrollDepth(contentElement(document), innerHeight) * 100) / 100;
  if (reached <= depth) return;
  depth = reached;
  if (depthStep(depth) > depthStep(sentDepth)) emit({ type: 'scroll', depth: (sentDepth = depth) });
}

const routeOf = (): string => location.pathname + (options?.hash ? location.hash : '');

/** After any history change: a new route is a new view, a same-path `replaceState` nothing. */
function navigated(): void {
  if (routeOf() === route) return;
  settle();
  route = routeOf();
  content = pageContent(document, !!options?.hash);
  depth = sentDepth = 0;
  view();
}

function hidden(): void {
  settle();
  beaconUnsent();
  // Events whose write may not commit before the page is gone: spilled (see `spill.ts`).
  if (writing.size) {
    try {
      localStorage.setItem(SPILL_KEY, JSON.stringify([...writing.values()]));
    } catch {
      // No localStorage: the next page cannot know about them.
    }
  }
}

/** Records a share on the given channel. */
export function share(channel: string): void {
  emit({ type: 'share', channel: channel.slice(0, 64) });
}

function watchPage(): void {
  watchActivity(measureDepth);
  watchShares(share);
  // A page restored from the back/forward cache is a new view of it.
  listen(window, 'pageshow', (event) => (event as PageTransitionEvent).persisted && view());
  listen(window, 'online', () => flushQueue(true));
  watchAttention(hidden);
  watchNavigation(navigated, !!options?.hash);
  setInterval(
    guard(() => peekEngaged() >= HEARTBEAT_MS && emit({ type: 'engage', ms: takeEngaged() })),
    TICK_MS,
  );
}

/**
 * Scores with these models from now on; tells the listeners and keeps the
 * models in the store for the next page, unless they came from there
 * (`kept`) or tracking is off.
 */
export function useModels(models: SiteModel, kept = false): void {
  models.reader ??= readerSite;
  site = models;
  readerSite = models.reader;
  // Tracking is off (privacy settings, opt-out) when neither starting nor started: nothing is stored then.
  if (kept || (!stored && !early)) return;
  notify();
  void write((record) => void (record.model = models));
}

/** Reads the store and starts tracking, unless privacy settings or an opt-out say no. */
async function begin(): Promise<void> {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  // Global Privacy Control and Do Not Track: no visitor id, nothing stored, nothing sent.
  if (nav.globalPrivacyControl || nav.doNotTrack === '1') return void (early = undefined);
  openStore();
  const existing = await read();
  if (existing.optOut) return void (early = undefined);
  modelSource.refresh?.(existing.model);
  stored = await write((r) => void (r.visitor ??= uuid()));
  takeSpilled().forEach(record);
  early?.forEach((call) => call());
  early = undefined;
  if ((document as Document & { prerendering?: boolean }).prerendering) {
    await new Promise((shown) => document.addEventListener('prerenderingchange', shown, { once: true }));
  }
  view();
  void flushQueue();
}

/** Starts Dwell on this page, scoring with the models of `source`; once. */
export function start(config: DwellOptions, source: ModelSource): void {
  if (options) return;
  options = config;
  modelSource = source;
  site = source.models;
  readerSite = site.reader ?? NO_MODEL;
  route = routeOf();
  content = config.content || pageContent(document, !!config.hash);
  configureDelivery(config.endpoint, (events, dropped) => ({
    site: config.site,
    visitor: stored?.visitor ?? '',
    sent_at: Date.now(),
    events,
    // Undefined is left out of the JSON: `dropped` goes only when some were.
    dropped: dropped || undefined,
  }));
  watchPage();
  begin().catch(failed);
}

/** Settles when queued events are delivered or persisted. */
export function flush(): Promise<void> {
  settle();
  return flushQueue();
}

/** Stops tracking and persistence for this browser, and forgets its visitor id and data. */
export async function optOut(): Promise<void> {
  stored = undefined;
  forgetUnsent();
  writing.clear();
  takeSpilled();
  await write(() => ({ ...blank(), optOut: true }));
  notify();
}

/** Resumes tracking after `optOut()`, with a new visitor id. */
export async function optIn(): Promise<void> {
  if (stored) return;
  await write((record) => void delete record.optOut);
  early = [];
  await begin();
}
