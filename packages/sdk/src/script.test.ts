// @vitest-environment happy-dom
/** The script-tag entry: attributes read, bad ones warned about, the snippet's queue replayed. */
import { DEFAULT_MODEL, DEFAULT_READER_MODEL } from '@dwell/score';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SiteModel } from './store.js';

type Api = ((...args: unknown[]) => unknown) & {
  q?: unknown[][];
  m?: Record<string, SiteModel>;
  score?: () => { content: string; model: string };
};

/** What the collector serves before the bundle (its `sdkBundle.ts`): the snippet, carrying the site's models. */
function served(extra: Partial<Api> = {}): void {
  const models: SiteModel = {
    version: 'served-1',
    model: DEFAULT_MODEL,
    reader: { version: 'served-reader-1', model: DEFAULT_READER_MODEL },
  };
  (window as unknown as { dwell: Api }).dwell = Object.assign(() => {}, { m: { demo: models }, ...extra });
}

async function load(attributes: Record<string, string>): Promise<Api | undefined> {
  vi.resetModules();
  const script = document.createElement('script');
  script.src = 'https://collector.example/dwell.js';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  Object.defineProperty(document, 'currentScript', { value: script, configurable: true });
  await import('./script.js');
  return (window as unknown as { dwell?: Api }).dwell;
}

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  delete (window as { dwell?: unknown }).dwell;
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('{}', { status: 404 })),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the script tag', () => {
  it('warns and does nothing without data-site', async () => {
    expect(await load({})).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('dwell: W1');
  });

  it('warns about an unreadable data-endpoint instead of throwing', async () => {
    expect(await load({ 'data-site': 'demo', 'data-endpoint': 'http://[not a host' })).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('dwell: W3', 'http://[not a host');
  });

  it('warns and does nothing without models served for its site', async () => {
    served();
    expect(await load({ 'data-site': 'other' })).not.toHaveProperty('score');
    expect(warn).toHaveBeenCalledWith('dwell: W12', 'other');
  });

  it('scores with the models served with it, and fetches none', async () => {
    served();
    const dwell = await load({ 'data-site': 'demo' });
    expect(dwell?.score?.().model).toBe('served-1');
    expect(fetch).not.toHaveBeenCalledWith(expect.stringContaining('/model'));
  });

  it('warns about a data-hash that is not true or false, and starts', async () => {
    served();
    const dwell = await load({ 'data-site': 'demo', 'data-hash': 'yes', 'data-content': '/story' });
    expect(warn).toHaveBeenCalledWith('dwell: W2', 'yes');
    expect(dwell?.score?.().content).toBe('/story');
  });

  it('replays the snippet queue and warns about an unknown call', async () => {
    served({ q: [['nonsense'], ['on', 'score', () => {}]] });
    const dwell = await load({ 'data-site': 'demo' });
    expect(typeof dwell?.score).toBe('function');
    expect(warn).toHaveBeenCalledWith('dwell: W4', 'nonsense');
  });
});
