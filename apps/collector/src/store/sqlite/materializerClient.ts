/**
 * The main thread's side of the materializer thread (`materializer.ts`):
 * tells it that the log grew, learns how far the views have folded, and
 * lets a read wait until the views hold what it must see. A visitor's read
 * waits for the last seq appended for that visitor in this process, or, for
 * visitors not seen since start, for the log's end at start.
 */
import type { Worker } from 'node:worker_threads';
import type { Model } from '@dwell/score';
import { keyOf } from '../engine/keys.js';
import { StoreBusyError, type ViewLag } from '../store.js';
import { closeThread, startThread } from './thread.js';

export type MaterializerRequest =
  | { type: 'models'; models: [string, Model][]; readers: [string, Model][]; serial: number }
  | { type: 'advance' }
  | { type: 'rebuild'; generation: number }
  | { type: 'close' };

export type MaterializerReply =
  | {
      type: 'position';
      position: number;
      folded: number;
      generation: number;
      /** The serial of the models the views are scored with now. */
      models: number;
    }
  | { type: 'error'; message: string };

/** How long a thread that died is left down before the next one starts, ms. */
export const RESTART_DELAY_MS = 100;

/** What the thread opens, and the models it starts with. */
export interface MaterializerFiles {
  logFile: string;
  viewsFile: string;
  models: [string, Model][];
  /** Each site's reader model. */
  readers: [string, Model][];
  /** The rebuilds so far: the thread's replies carry it. */
  generation?: number;
  /** A rebuild the thread must do first (its generation): asked of a thread that died before doing it. */
  rebuild?: number;
  /** The serial of `models` and `readers`: the thread says when the views are scored with them. */
  modelsSerial?: number;
}

interface Waiter {
  seq: number;
  resolve(): void;
}

export class SqliteMaterializer {
  readonly #files: MaterializerFiles;
  #worker: Worker | null = null;
  #models: [string, Model][];
  #readers: [string, Model][];
  #closed = false;
  /** The views' position, as the thread last said. */
  #position: number;
  /** The log's last seq: at start, then after each append. */
  #logEnd: number;
  readonly #startedAt: number;
  /** The log's last seq when the store opened: visitors not seen since wait for it. */
  readonly #endAtStart: number;
  /** The seq each visitor must wait for, while the views are behind it. */
  readonly #visitorSeqs = new Map<string, number>();
  /** Appends not folded yet, oldest first from `#head` on: their last seq, visitor key and time. */
  #unfolded: [seq: number, key: string, at: number][] = [];
  #head = 0;
  #waiters: Waiter[] = [];
  #announced = false;
  #lastError: string | null = null;
  /** Counts rebuilds: a position the thread sent before the latest one is stale. */
  #generation = 0;
  /** A rebuild was asked for, and the thread has not said it emptied the views yet. */
  #rebuilding = false;
  /** Counts the models sent; `#scoredWith` is the serial the thread last said the views are scored with. */
  #modelsSerial = 0;
  #scoredWith = 0;
  #modelWaiters: Waiter[] = [];

  constructor(files: MaterializerFiles, position: number, logEnd: number) {
    this.#files = files;
    this.#models = files.models;
    this.#readers = files.readers;
    this.#position = position;
    this.#logEnd = logEnd;
    this.#endAtStart = logEnd;
    this.#startedAt = Date.now();
    this.#start();
  }

  /** Every site's model, from now on. */
  useModels(models: ReadonlyMap<string, Model>): void {
    this.#models = [...models];
    this.#postModels();
  }

  /** Every site's reader model, from now on. */
  useReaderModels(readers: ReadonlyMap<string, Model>): void {
    this.#readers = [...readers];
    this.#postModels();
  }

  /**
   * Resolves once the views are scored with the models given so far (the
   * reader rows re-scored after a reader model changed); rejects with
   * `StoreBusyError` after `timeoutMs`.
   */
  modelsApplied(timeoutMs: number): Promise<void> {
    const serial = this.#modelsSerial;
    if (serial <= this.#scoredWith) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#modelWaiters = this.#modelWaiters.filter((waiter) => waiter.resolve !== done);
        reject(new StoreBusyError(`the views were not scored with the new models in ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#modelWaiters.push({ seq: serial, resolve: done });
      this.#worker?.ref();
    });
  }

  #postModels(): void {
    this.#post({
      type: 'models',
      models: this.#models,
      readers: this.#readers,
      serial: ++this.#modelsSerial,
    });
  }

  /** A batch of `visitor` is in the log up to `seq`. */
  appended(site: string, visitor: string, seq: number, now: number): void {
    if (seq <= this.#position) return;
    const key = keyOf(site, visitor);
    this.#logEnd = Math.max(this.#logEnd, seq);
    this.#visitorSeqs.set(key, seq);
    this.#unfolded.push([seq, key, now]);
    this.#worker?.ref();
    if (this.#announced) return;
    this.#announced = true;
    // One message per turn, however many batches the turn acknowledged.
    setImmediate(() => {
      this.#announced = false;
      this.#post({ type: 'advance' });
    });
  }

  /** Resolves once the views hold every event of `visitor` appended before the call. */
  waitForVisitor(site: string, visitor: string, timeoutMs: number): Promise<void> {
    const seq = this.#visitorSeqs.get(keyOf(site, visitor)) ?? this.#endAtStart;
    return this.waitFor(seq, timeoutMs);
  }

  /** Resolves once the views have folded the log up to `seq`; rejects with `StoreBusyError` after `timeoutMs`. */
  waitFor(seq: number, timeoutMs: number): Promise<void> {
    if (seq <= this.#position) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((waiter) => waiter.resolve !== done);
        reject(new StoreBusyError(`the views did not reach the log position ${seq} in ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#waiters.push({ seq, resolve: done });
      this.#worker?.ref();
    });
  }

  /** Resolves once the views have folded the log up to `logEnd` (the log's last seq, read by the caller). */
  caughtUp(logEnd: number, timeoutMs: number): Promise<void> {
    // Another process (a rebuild, a second store in a test) may have appended what this one never saw.
    this.#logEnd = Math.max(this.#logEnd, logEnd);
    return this.waitFor(logEnd, timeoutMs);
  }

  /** How far the views are behind the log. */
  lag(now: number): ViewLag {
    const events = Math.max(0, this.#logEnd - this.#position);
    const oldest = this.#unfolded[this.#head]?.[2] ?? (events ? this.#startedAt : now);
    return {
      events,
      ms: events ? Math.max(0, now - oldest) : 0,
      position: this.#position,
      error: this.#lastError,
    };
  }

  /** Empties the views and folds them again from the whole log; resolves when done. */
  async rebuild(logEnd: number, timeoutMs: number): Promise<void> {
    const end = Math.max(this.#logEnd, logEnd);
    this.#logEnd = end;
    this.#position = 0;
    this.#visitorSeqs.clear();
    this.#unfolded = [];
    this.#head = 0;
    this.#rebuilding = true;
    this.#post({ type: 'rebuild', generation: ++this.#generation });
    await this.waitFor(end, timeoutMs);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#worker) await closeThread(this.#worker, { type: 'close' } satisfies MaterializerRequest);
  }

  #post(message: MaterializerRequest): void {
    this.#worker?.postMessage(message);
  }

  #start(): void {
    const worker = startThread('materializer', {
      ...this.#files,
      models: this.#models,
      readers: this.#readers,
      modelsSerial: this.#modelsSerial,
      ...(this.#rebuilding
        ? { generation: this.#generation - 1, rebuild: this.#generation }
        : { generation: this.#generation }),
    });
    worker.on('message', (reply: MaterializerReply) => this.#receive(reply));
    worker.on('error', (error) => (this.#lastError = error.message));
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = null;
      if (this.#closed) return;
      // The views are consistent at any point: a new thread goes on from their position.
      setTimeout(() => {
        if (this.#closed) return;
        this.#start();
      }, RESTART_DELAY_MS).unref();
    });
    this.#worker = worker;
    if (this.#position >= this.#logEnd) worker.unref();
  }

  #receive(reply: MaterializerReply): void {
    if (reply.type === 'error') {
      this.#lastError = reply.message;
      return;
    }
    this.#modelsScored(reply.models);
    if (reply.generation !== this.#generation) return;
    this.#rebuilding = false;
    this.#lastError = null;
    this.#position = reply.position;
    const unfolded = this.#unfolded;
    for (let next = unfolded[this.#head]; next && next[0] <= reply.position; next = unfolded[++this.#head]) {
      if (this.#visitorSeqs.get(next[1]) === next[0]) this.#visitorSeqs.delete(next[1]);
    }
    // Drop the folded entries now and then, not at every message: slicing is linear in what is left.
    if (this.#head > 1024 && this.#head * 2 > unfolded.length) {
      this.#unfolded = unfolded.slice(this.#head);
      this.#head = 0;
    }
    const ready = this.#waiters.filter((waiter) => waiter.seq <= reply.position);
    if (ready.length) {
      this.#waiters = this.#waiters.filter((waiter) => waiter.seq > reply.position);
      for (const waiter of ready) waiter.resolve();
    }
    // Caught up, the thread does not keep the process alive; closing, it does until it has exited.
    if (
      this.#position >= this.#logEnd &&
      !this.#waiters.length &&
      !this.#modelWaiters.length &&
      !this.#closed
    )
      this.#worker?.unref();
  }

  #modelsScored(serial: number): void {
    this.#scoredWith = Math.max(this.#scoredWith, serial);
    const ready = this.#modelWaiters.filter((waiter) => waiter.seq <= serial);
    if (!ready.length) return;
    this.#modelWaiters = this.#modelWaiters.filter((waiter) => waiter.seq > serial);
    for (const waiter of ready) waiter.resolve();
  }
}
