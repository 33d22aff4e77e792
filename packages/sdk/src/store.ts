/**
 * Everything the SDK keeps, as one record under one idb-keyval key: a change
 * is one read-modify-write transaction, so the tabs of a site that change it
 * at once (the queue, the session, the states) never lose each other's writes.
 * Where IndexedDB is unavailable (some private modes refuse to open it) the
 * record lives in memory for the page's lifetime instead.
 */
import type { EngagementState, Model, ReaderState } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

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
let idb: UseStore | undefined;
let memory: Stored | undefined;

export const blank = (): Stored => ({ queue: [], dropped: 0, states: {} });

/** Opens the store; idb-keyval touches IndexedDB only on first use. */
export function openStore(): void {
  try {
    idb = createStore('dwell', 'kv');
  } catch {
    idb = undefined;
  }
}

/**
 * Changes the record in one readwrite transaction, in place or by returning a
 * new one, and resolves with the record written; without a change, reads it
 * in a readonly transaction, which never waits for nor holds up another
 * tab's write. idb-keyval's `update` and `get` do the same, but each carries
 * its own copy of this and of the default store it is never asked for.
 */
export async function write(change?: (stored: Stored) => Stored | void): Promise<Stored> {
  let written!: Stored;
  // The record IndexedDB hands over is a fresh structured clone: changing it in place is safe.
  const apply = (stored = blank()): Stored => (written = change?.(stored) || stored);
  if (idb) {
    try {
      await idb(
        change ? 'readwrite' : 'readonly',
        (store) =>
          new Promise((resolve, reject) => {
            const request = store.get(KEY);
            request.onsuccess = () => {
              try {
                const stored = apply(request.result);
                if (change) store.put(stored, KEY);
                resolve(promisifyRequest(store.transaction));
              } catch (error) {
                reject(error);
              }
            };
            request.onerror = () => reject(request.error);
          }),
      );
      return written;
    } catch {
      idb = undefined;
    }
  }
  return (memory = apply(memory));
}

/** The record as stored now, read without writing (reads come at start, and once per batch sent). */
export const read = (): Promise<Stored> => write();
