/**
 * The store's transactions against a stand-in for IndexedDB that behaves as
 * it does where it matters here: requests succeed asynchronously, a readonly
 * transaction refuses a put, a transaction completes after its requests.
 * Real IndexedDB is tested through the built bundle in test/e2e.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as IdbKeyval from 'idb-keyval';
import type * as Store from './store.js';

/** What the stand-in holds, and the mode of every transaction opened on it. */
const held = new Map<string, unknown>();
const modes: string[] = [];
let broken = false;

function request<T>(result: () => T): IDBRequest<T> {
  const pending = {} as { result: T; onsuccess?: () => void; onerror?: () => void; error?: unknown };
  setTimeout(() => {
    if (broken) return ((pending.error = new Error('broken')), pending.onerror?.());
    pending.result = result();
    pending.onsuccess?.();
  });
  return pending as unknown as IDBRequest<T>;
}

vi.mock('idb-keyval', async (original) => ({
  ...(await original<typeof IdbKeyval>()),
  createStore: () => (mode: IDBTransactionMode, callback: (store: IDBObjectStore) => unknown) => {
    modes.push(mode);
    const transaction = {} as { oncomplete?: () => void };
    setTimeout(() => setTimeout(() => transaction.oncomplete?.()));
    return callback({
      transaction,
      get: (key: string) => request(() => structuredClone(held.get(key))),
      put: (value: unknown, key: string) => {
        if (mode === 'readonly') throw new DOMException('read only', 'ReadOnlyError');
        held.set(key, structuredClone(value));
      },
    } as unknown as IDBObjectStore);
  },
}));

async function open(): Promise<typeof Store> {
  vi.resetModules();
  const store = await import('./store.js');
  store.openStore();
  return store;
}

beforeEach(() => {
  held.clear();
  modes.length = 0;
  broken = false;
});
afterEach(() => vi.restoreAllMocks());

describe('the store', () => {
  it('reads a blank record from an empty store, in a readonly transaction that writes nothing', async () => {
    const { read } = await open();
    expect(await read()).toEqual({ queue: [], dropped: 0, states: {} });
    expect(modes).toEqual(['readonly']);
    expect(held.size).toBe(0);
  });

  it('changes the record in place or by a new one, in readwrite transactions, and reads it back', async () => {
    const { read, write } = await open();
    expect(await write((stored) => void (stored.visitor = 'v1'))).toMatchObject({ visitor: 'v1' });
    await write((stored) => ({ ...stored, dropped: 3 }));
    expect(await read()).toMatchObject({ visitor: 'v1', dropped: 3 });
    expect(modes).toEqual(['readwrite', 'readwrite', 'readonly']);
  });

  it('keeps the record in memory once IndexedDB fails', async () => {
    const { read, write } = await open();
    broken = true;
    await write((stored) => void (stored.visitor = 'v2'));
    broken = false;
    expect(await read()).toMatchObject({ visitor: 'v2' });
    expect(held.size).toBe(0);
  });
});
