/**
 * Everything the SDK keeps, as one record under one IndexedDB key: a change
 * is one read-modify-write transaction, so the tabs of a site that change it
 * at once (the queue, the session, the states) never lose each other's writes.
 * Where IndexedDB is unavailable (some private modes refuse to open it) the
 * record lives in memory for the page's lifetime instead.
 */
import type { EngagementState, Model, ReaderState } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';

/** A model with its version, as `GET /v1/sites/:site/model` serves it. */
export interface SiteModel {
  version: string;
  model: Model;
  /** The site's reader model, served beside its content model. */
  reader?: SiteModel;
}

export interface Session {
  id: string;
  /** Time of the last activity, ms since the epoch. */
  last: number;
}

export interface Stored {
  visitor?: string;
  session?: Session;
  /** Undelivered events, oldest first. */
  queue: WireEvent[];
  /** Events dropped to keep the queue's bound and not yet reported. */
  dropped: number;
  /** This visitor's engagement state by content. */
  states: Record<string, EngagementState>;
  /**
   * This visitor's reader state by UTC day (days since the epoch): apart from
   * `states`, so that the bound on contents never changes the reader score,
   * and by day, so that the window moves a day at a time as on the collector.
   * Absent in records written before it existed.
   */
  readers?: Record<number, ReaderState>;
  /** The site's models (content, and reader beside it) as last fetched. */
  model?: SiteModel;
  /** Ids of the most recently recorded events, so that recording one twice changes nothing. */
  recent?: string[];
  /** Set by `optOut()`: the only thing kept then. */
  optOut?: boolean;
}

const KEY = 'dwell';
const STORE = 'kv';
/** Whether IndexedDB is to be used: from `openStore()` until it first fails. */
let usable = false;
/** The open database; forgotten when the browser closes it (Safari does), to be opened again. */
let database: Promise<IDBDatabase> | undefined;
let memory: Stored | undefined;

export const blank = (): Stored => ({ queue: [], dropped: 0, states: {} });

/** A request's result, or a transaction's completion, as a promise. */
function done<T>(request: IDBRequest<T> | IDBTransaction): Promise<T> {
  return new Promise((resolve, reject) => {
    const pending = request as IDBRequest<T> & IDBTransaction;
    pending.oncomplete = pending.onsuccess = () => resolve(pending.result);
    pending.onabort = pending.onerror = () => reject(pending.error);
  });
}

/** The database, opened on first use, and again after the browser closed it. */
function open(): Promise<IDBDatabase> {
  if (!database) {
    const request = indexedDB.open('dwell');
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    database = done(request);
    database.then(
      (db) => (db.onclose = () => (database = undefined)),
      () => (database = undefined),
    );
  }
  return database;
}

/** Lets the store use IndexedDB; it is opened on first use. */
export function openStore(): void {
  usable = true;
}

/**
 * Changes the record in one readwrite transaction, in place or by returning a
 * new one, and resolves with the record written; without a change, reads it
 * in a readonly transaction, which never waits for nor holds up another
 * tab's write.
 */
export async function write(change?: (stored: Stored) => Stored | void): Promise<Stored> {
  // The record IndexedDB hands over is a fresh structured clone: changing it in place is safe.
  const apply = (stored = blank()): Stored => change?.(stored) || stored;
  if (usable) {
    try {
      const transaction = (await open()).transaction(STORE, change ? 'readwrite' : 'readonly');
      const store = transaction.objectStore(STORE);
      // This resumes in the microtask checkpoint of the request's success event, while the
      // transaction is still active (as the `idb` library relies on): the put joins it.
      const stored = apply(await done(store.get(KEY)));
      if (change) store.put(stored, KEY);
      await done(transaction);
      return stored;
    } catch {
      usable = false;
    }
  }
  return (memory = apply(memory));
}

/** The record as stored now, read without writing (reads come at start, and once per batch sent). */
export const read = (): Promise<Stored> => write();
