// @vitest-environment happy-dom
/**
 * The tracker in happy-dom, where IndexedDB is missing: the SDK must work
 * from memory then. The real browser and real IndexedDB are tested against
 * the built bundle in test/e2e.
 */
import {
  DEFAULT_MODEL,
  DEFAULT_MODEL_VERSION,
  DEFAULT_READER_MODEL,
  DEFAULT_READER_MODEL_VERSION,
} from '@dwell/score';
import type { Envelope, WireEvent } from '@dwell/contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Dwell from './index.js';
import type { DwellOptions } from './tracker.js';

/**
 * Batches sent by the tracker under test. Trackers of earlier tests keep
 * their listeners on the shared window, so each test runs under a site id of
 * its own and sees only its batches.
 */
const all: { url: string; envelope: Envelope; status: number }[] = [];
let site = '';
let sites = 0;
let status = 202;
/** What `GET /v1/sites/:site/model` answers; 404 while unset. */
let model: unknown;
function batches(): typeof all {
  return all.filter((batch) => batch.envelope.site === site);
}

function events(type?: WireEvent['type']): WireEvent[] {
  return batches()
    .flatMap((batch) => batch.envelope.events)
    .filter((event) => !type || event.type === type);
}

async function start(options: Partial<DwellOptions> = {}): Promise<typeof Dwell> {
  vi.resetModules();
  // The ESM package: its init starts with the default models, then the collector's.
  const dwell = await import('./index.js');
  const { init } = dwell;
  site = `site-${++sites}`;
  init({ site, endpoint: 'http://collector.test', ...options });
  // Let it read the store and record the first view.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return dwell;
}

beforeEach(() => {
  status = 202;
  model = undefined;
  history.replaceState(null, '', '/a/1');
  document.title = 'First story';
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        all.push({ url, envelope: JSON.parse(String(init.body)) as Envelope, status });
        return new Response('{}', { status, headers: { 'retry-after': '1' } });
      }
      if (String(url).endsWith('/model') && model)
        return new Response(JSON.stringify(model), { status: 200 });
      return new Response('{}', { status: 404 });
    }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the tracker', () => {
  it('sends a view of the page with its metadata and a visitor id', async () => {
    const dwell = await start();
    await dwell.flush();
    expect(events('view')).toEqual([
      expect.objectContaining({ type: 'view', content: '/a/1', title: 'First story', url: location.href }),
    ]);
    expect(batches()[0]?.url).toBe('http://collector.test/v1/events');
    expect(batches()[0]?.envelope).toMatchObject({ site, visitor: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('counts one view per route: pushState, a path-changing replaceState, popstate; none for a same-path replace', async () => {
    const dwell = await start();
    history.pushState(null, '', '/a/2');
    history.replaceState({ scroll: 10 }, '', '/a/2');
    history.pushState(null, '', '/a/3');
    history.replaceState(null, '', '/a/4');
    history.back();
    await vi.waitFor(() => expect(location.pathname).toBe('/a/2'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    history.pushState(null, '', '/a/2#comments');
    await dwell.flush();
    expect(events('view').map((event) => event.content)).toEqual(['/a/1', '/a/2', '/a/3', '/a/4', '/a/2']);
  });

  it('follows hash routes only when opted in', async () => {
    history.replaceState(null, '', '/app#/inbox');
    const dwell = await start({ hash: true });
    location.hash = '#/sent';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await dwell.flush();
    expect(events('view').map((event) => event.content)).toEqual(['/app#/inbox', '/app#/sent']);
  });

  it('scores a content whose last event has left the window as empty, as the collector does', async () => {
    const dwell = await start();
    dwell.track('share', { channel: 'x' });
    await dwell.flush();
    expect(dwell.score().raw).toBe(35);
    const [share] = events('share');
    const windowMs = DEFAULT_MODEL.windowDays * 86_400_000;
    vi.spyOn(Date, 'now').mockReturnValue(share!.ts + windowMs);
    expect(dwell.score().raw).toBe(35);
    vi.spyOn(Date, 'now').mockReturnValue(share!.ts + windowMs + 1);
    expect(dwell.score()).toMatchObject({ raw: 0, content: '/a/1', signals: { view: 0, share: 0 } });
  });

  it('keeps the score local and synchronous, and tells listeners and the page when it changes', async () => {
    const dwell = await start();
    const heard: number[] = [];
    const unsubscribe = dwell.on('score', (score) => heard.push(score.raw));
    const dispatched = vi.fn();
    window.addEventListener('dwell:score', dispatched);
    dwell.track('share', { channel: 'x' });
    await dwell.flush();
    expect(dwell.score()).toMatchObject({
      raw: 35,
      band: 'low',
      content: '/a/1',
      signals: { view: 10, share: 25 },
    });
    expect(heard.at(-1)).toBe(35);
    expect(dispatched).toHaveBeenCalled();
    unsubscribe();
    dwell.track('share', { channel: 'x' });
    await dwell.flush();
    expect(heard.at(-1)).toBe(35);
  });

  it('records custom events and warns, without throwing, about a bad name', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dwell = await start();
    dwell.track('comment', { length: 120 });
    dwell.track(42 as unknown as string);
    dwell.track('two words');
    dwell.track('constructor');
    await dwell.flush();
    expect(events('custom')).toEqual([expect.objectContaining({ name: 'comment', props: { length: 120 } })]);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(warn).toHaveBeenCalledWith('dwell: W6', 'two words');
  });

  it('keeps events through 503s and sends them once the collector recovers', async () => {
    status = 503;
    const dwell = await start();
    await dwell.flush();
    const attempts = batches().length;
    expect(attempts).toBeGreaterThan(0);
    status = 202;
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(batches().length).toBeGreaterThan(attempts));
    await dwell.flush();
    const ids = (wanted: number): string[] =>
      batches()
        .filter((batch) => batch.status === wanted)
        .flatMap((batch) => batch.envelope.events.map((event) => event.id));
    expect(ids(503).length).toBeGreaterThan(0);
    expect(new Set(ids(202))).toEqual(new Set(ids(503)));
    expect(ids(202)).toHaveLength(new Set(ids(202)).size);
  });

  it('drops a batch the collector refuses with a 400, warning once', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    status = 400;
    const dwell = await start();
    await dwell.flush();
    dwell.track('a');
    await dwell.flush();
    dwell.track('b');
    await dwell.flush();
    expect(batches()).toHaveLength(3);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('dwell: W10', 400);
  });

  it('sends nothing and keeps no visitor under Global Privacy Control', async () => {
    vi.stubGlobal('navigator', Object.create(navigator, { globalPrivacyControl: { value: true } }));
    const dwell = await start();
    dwell.track('comment');
    await dwell.flush();
    expect(batches()).toEqual([]);
    expect(dwell.score()).toMatchObject({ raw: 0, content: '/a/1' });
  });

  it('sends nothing under Do Not Track', async () => {
    vi.stubGlobal('navigator', Object.create(navigator, { doNotTrack: { value: '1' } }));
    const dwell = await start();
    await dwell.flush();
    expect(batches()).toEqual([]);
  });

  it('stops on optOut() and resumes with a new visitor id on optIn()', async () => {
    const dwell = await start();
    await dwell.flush();
    const before = batches()[0]!.envelope.visitor;
    dwell.track('in-flight');
    await dwell.optOut();
    dwell.track('ignored');
    await dwell.flush();
    expect(events('custom').map((event) => (event.type === 'custom' ? event.name : ''))).not.toContain(
      'ignored',
    );
    expect(dwell.score().raw).toBe(0);
    await dwell.optIn();
    await dwell.flush();
    expect(batches().at(-1)!.envelope.visitor).not.toBe(before);
    expect(events('view')).toHaveLength(2);
  });

  it('scores with the site model the collector serves', async () => {
    model = {
      version: 'shares-only',
      model: { ...DEFAULT_MODEL, signals: { share: { measure: 'shares', points: 50, cap: 100 } } },
    };
    const dwell = await start();
    dwell.track('share', { channel: 'x' });
    await dwell.flush();
    await vi.waitFor(() => expect(dwell.score()).toMatchObject({ raw: 50, model: 'shares-only' }));
  });

  it('warns about and ignores a model that fails validation', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    model = { version: 'broken', model: { max: 'lots' } };
    const dwell = await start();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('dwell: W9'));
    expect(dwell.score().model).toBe(DEFAULT_MODEL_VERSION);
  });

  it('spills an event whose write is not done when the page is hidden, and records it on the next page', async () => {
    const dwell = await start();
    await dwell.flush();
    const beacons: string[] = [];
    vi.spyOn(navigator, 'sendBeacon').mockImplementation((_url, body) => beacons.push(String(body)) > 0);
    dwell.track('share', { channel: 'x' });
    window.dispatchEvent(new Event('pagehide'));
    expect(beacons.join()).toContain('"share"');
    const spilled = JSON.parse(localStorage.getItem('dwell:spilled') ?? '[]') as WireEvent[];
    expect(spilled.map((event) => event.type)).toContain('share');
    const next = await start();
    await next.flush();
    expect(localStorage.getItem('dwell:spilled')).toBeNull();
    expect(next.score().signals.share).toBe(25);
  });
});

describe('the reader score and feedback', () => {
  it('scores this visitor as a reader, synchronously, and tells listeners and the page when it changes', async () => {
    const dwell = await start();
    const heard: number[] = [];
    const unsubscribe = dwell.on('reader', (reader) => heard.push(reader.raw));
    const dispatched = vi.fn();
    window.addEventListener('dwell:reader', dispatched);
    history.pushState(null, '', '/a/2');
    await dwell.flush();
    // One active day (monthly +10) and two contents (breadth +20).
    expect(dwell.reader()).toMatchObject({
      raw: 30,
      score: 20,
      band: 'low',
      model: DEFAULT_READER_MODEL_VERSION,
      signals: { monthly: 10, breadth: 20, promoter: 0, detractor: 0 },
    });
    expect(heard.at(-1)).toBe(30);
    expect(dispatched).toHaveBeenCalledWith(expect.objectContaining({ detail: dwell.reader() }));
    unsubscribe();
    history.pushState(null, '', '/a/3');
    await dwell.flush();
    expect(dwell.reader().raw).toBe(40);
    expect(heard.at(-1)).toBe(30);
  });

  it('sends a rating of the current content, counted in both scores', async () => {
    const dwell = await start();
    dwell.feedback(5);
    // Ratings in the same millisecond tie, and the higher wins (@dwell/score's laterRating).
    await new Promise((resolve) => setTimeout(resolve, 5));
    dwell.feedback(2);
    await dwell.flush();
    expect(events('feedback')).toEqual([
      expect.objectContaining({ type: 'feedback', content: '/a/1', rating: 5 }),
      expect.objectContaining({ type: 'feedback', content: '/a/1', rating: 2 }),
    ]);
    // The later rating replaces the earlier one: a mean of 2 is a detractor's.
    expect(dwell.reader().signals).toMatchObject({ promoter: 0, detractor: -25 });
  });

  it('warns once about each rating that is not an integer 1 to 5, and sends none of them', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dwell = await start();
    for (const rating of [0, 6, 4.5, NaN, '5', null, undefined]) dwell.feedback(rating as number);
    await dwell.flush();
    expect(events('feedback')).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(7);
    expect(warn).toHaveBeenCalledWith('dwell: W8', 4.5);
  });

  it('sends no feedback and keeps no reader state under Global Privacy Control', async () => {
    vi.stubGlobal('navigator', Object.create(navigator, { globalPrivacyControl: { value: true } }));
    const dwell = await start();
    dwell.feedback(5);
    await dwell.flush();
    expect(batches()).toEqual([]);
    expect(dwell.reader()).toMatchObject({ raw: 0, signals: { monthly: 0, breadth: 0 } });
  });

  it('forgets the reader state on optOut(), and starts a new one on optIn()', async () => {
    const dwell = await start();
    dwell.feedback(4);
    await dwell.flush();
    expect(dwell.reader().raw).toBeGreaterThan(0);
    const heard: number[] = [];
    dwell.on('reader', (reader) => heard.push(reader.raw));
    await dwell.optOut();
    expect(dwell.reader().raw).toBe(0);
    expect(heard).toEqual([0]);
    dwell.feedback(5);
    await dwell.flush();
    expect(dwell.reader().raw).toBe(0);
    await dwell.optIn();
    await dwell.flush();
    // A fresh reader: one day, one content, no rating.
    expect(dwell.reader().signals).toMatchObject({ monthly: 10, breadth: 10, promoter: 0 });
  });

  it('scores with the reader model the collector serves, and keeps it when a later answer has none', async () => {
    model = {
      version: 'content',
      model: DEFAULT_MODEL,
      reader: {
        version: 'views-only',
        model: { ...DEFAULT_READER_MODEL, signals: { views: { measure: 'views', points: 7 } } },
      },
    };
    const dwell = await start();
    await vi.waitFor(() => expect(dwell.reader()).toMatchObject({ raw: 7, model: 'views-only' }));
    // optIn() fetches the models again; this answer has no reader model.
    model = { version: 'content-2', model: DEFAULT_MODEL };
    await dwell.optOut();
    await dwell.optIn();
    await vi.waitFor(() => expect(dwell.score().model).toBe('content-2'));
    expect(dwell.reader()).toMatchObject({ raw: 7, model: 'views-only' });
  });

  it('warns about and ignores an answer whose reader model fails validation', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    model = { version: 'v', model: DEFAULT_MODEL, reader: { version: 'broken', model: { max: 0 } } };
    const dwell = await start();
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('dwell: W9'));
    expect(dwell.reader().model).toBe(DEFAULT_READER_MODEL_VERSION);
    expect(dwell.score().model).toBe(DEFAULT_MODEL_VERSION);
  });

  it('warns about a listener for anything but score or reader', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dwell = await start();
    (dwell.on as (type: string, fn: unknown) => () => void)('toString', () => {});
    (dwell.on as (type: string, fn: unknown) => () => void)('reader', 'not a function');
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
