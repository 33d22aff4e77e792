/**
 * The store's transactions against a stand-in for IndexedDB that behaves as
 * it does where it matters here: requests succeed asynchronously, a readonly
 * transaction refuses a put, a transaction completes after its requests.
 * Real IndexedDB is tested through the built bundle in test/e2e.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Store from './store.js';

/** What the stand-in holds, and the mode of every transaction opened on it. */
const held = new Map<string, unknown>();
const modes: string[] = [];
let broken = false;

type Pending<T> = { result: T; error?: unknown; onsuccess?: () => void; onerror?: () => void };

function request<T>(result: () => T): IDBRequest<T> {
  const pending = {} as Pending<T>;
  setTimeout(() => {
    if (broken) return ((pending.error = new Error('broken')), pending.onerror?.());
    pending.result = result();
    pending.onsuccess?.();
  });
  return pending as unknown as IDBRequest<T>;
}

/** A transaction that completes after its requests, as IndexedDB's do. */
function transaction(mode: IDBTransactionMode): IDBTransaction {
  modes.push(mode);
  const opened = {} as { oncomplete?: () => void };
  setTimeout(() => setTimeout(() => opened.oncomplete?.()));
  const store = {
    get: (key: string) => request(() => structuredClone(held.get(key))),
    put: (value: unknown, key: string) => {
      if (mode === 'readonly') throw new DOMException('read only', 'ReadOnlyError');
      held.set(key, structuredClone(value));
    },
  };
  return Object.assign(opened, { objectStore: () => store }) as unknown as IDBTransaction;
}

/** The connections opened, the latest last. */
const connections: { onclose?: () => void }[] = [];

function connect(): IDBDatabase {
  const connection: {
    onclose?: () => void;
    transaction: (name: string, mode: IDBTransactionMode) => IDBTransaction;
  } = {
    transaction: (_name, mode) => transaction(mode),
  };
  connections.push(connection);
  return connection as unknown as IDBDatabase;
}

async function open(): Promise<typeof Store> {
  vi.resetModules();
  const store = await import('./store.js');
  store.openStore();
  return store;
}

beforeEach(() => {
  vi.stubGlobal('indexedDB', { open: () => request(connect) });
  held.clear();
  connections.length = 0;
  modes.length = 0;
  broken = false;
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

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

  it('opens the database once, and again after the browser closed it', async () => {
    const { read, write } = await open();
    await write((stored) => void (stored.visitor = 'v3'));
    await read();
    expect(connections).toHaveLength(1);
    connections[0]!.onclose?.();
    expect(await read()).toMatchObject({ visitor: 'v3' });
    expect(connections).toHaveLength(2);
  });
});
