/**
 * The main thread's side of the writer thread (`writer.ts`). Batches
 * submitted in the same turn of the event loop go over in one message, the
 * writer commits what it has received as one group, and each batch's promise
 * settles with its own result once that group is durably committed.
 *
 * The thread starts with the first batch; if it dies, the batches it held are
 * refused (the route answers 503 and the SDK sends them again) and the next
 * batch starts a new one.
 */
import type { Worker } from 'node:worker_threads';
import { StoreBusyError, type LogBatch } from '../store.js';
import type { AppendResult } from './append.js';
import { closeThread, startThread } from './thread.js';

export type WriterRequest = { type: 'append'; items: { id: number; batch: LogBatch }[] } | { type: 'close' };

export type WriterResult = ({ id: number } & AppendResult) | { id: number; error: string };

export interface WriterReply {
  type: 'results';
  results: WriterResult[];
}

/**
 * Batches waiting for the writer at most. The event loop now outruns the
 * disk when traffic exceeds what it can commit; beyond this, ingest answers
 * 503 with Retry-After (the SDK backs off and sends again) instead of
 * buffering without bound and answering ever later.
 */
export const MAX_PENDING_BATCHES = 10_000;

interface Pending {
  resolve(appended: AppendResult): void;
  reject(error: Error): void;
}

export class SqliteWriter {
  readonly #file: string;
  #worker: Worker | null = null;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();
  #outbox: { id: number; batch: LogBatch }[] = [];
  #closing = false;

  /** `file`: the database, already created and migrated. */
  constructor(file: string) {
    this.#file = file;
  }

  /** Appends the batch; resolves once it is durably in the log. */
  submit(batch: LogBatch): Promise<AppendResult> {
    if (this.#pending.size >= MAX_PENDING_BATCHES) {
      return Promise.reject(new StoreBusyError(`the SQLite writer is ${this.#pending.size} batches behind`));
    }
    return new Promise<AppendResult>((resolve, reject) => {
      const id = ++this.#nextId;
      this.#pending.set(id, { resolve, reject });
      this.#outbox.push({ id, batch });
      // setImmediate runs after this turn's I/O callbacks: the requests parsed in it travel together.
      if (this.#outbox.length === 1) setImmediate(() => this.#send());
    });
  }

  /** Lets the writer commit what it holds, then stops it. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#send();
    if (this.#worker) await closeThread(this.#worker, { type: 'close' } satisfies WriterRequest);
  }

  #send(): void {
    if (!this.#outbox.length) return;
    const outbox = this.#outbox;
    this.#outbox = [];
    const worker = this.#worker ?? this.#start();
    worker.ref();
    worker.postMessage({ type: 'append', items: outbox } satisfies WriterRequest);
  }

  #start(): Worker {
    const worker = startThread('writer', { file: this.#file });
    worker.on('message', (reply: WriterReply) => this.#settle(reply.results));
    // An exception in the thread is followed by its exit, which refuses what it held.
    let cause = '';
    worker.on('error', (error) => (cause = `: ${error.message}`));
    worker.on('exit', (code) => {
      if (this.#worker === worker) this.#worker = null;
      this.#refuseSent(new Error(`the SQLite writer thread stopped (exit code ${code})${cause}`));
    });
    this.#worker = worker;
    return worker;
  }

  #settle(results: WriterResult[]): void {
    for (const result of results) {
      const pending = this.#pending.get(result.id);
      if (!pending) continue;
      this.#pending.delete(result.id);
      if ('counts' in result) pending.resolve({ counts: result.counts, lastSeq: result.lastSeq });
      else pending.reject(new Error(result.error));
    }
    // An idle writer does not keep the process alive; a closing one does, until it has exited.
    if (!this.#pending.size && !this.#closing) this.#worker?.unref();
  }

  /** Refuses the batches sent to a thread that died; those still in the outbox go to the next one. */
  #refuseSent(error: Error): void {
    const unsent = new Set(this.#outbox.map((item) => item.id));
    for (const [id, { reject }] of this.#pending) {
      if (unsent.has(id)) continue;
      this.#pending.delete(id);
      reject(error);
    }
  }
}
