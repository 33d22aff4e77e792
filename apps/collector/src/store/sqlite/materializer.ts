/**
 * The materializer thread: folds the log (`dwell.db`) into the views
 * (`views.db`) behind the appends, in transactions of up to
 * `MAX_FOLD_EVENTS` events that also move the views' position in the log
 * (`fold.ts`). It holds no state that the views do not: killed at any point,
 * the next thread goes on from the position the views committed.
 *
 * Messages: `MaterializerRequest` in, `MaterializerReply` out (`materializerClient.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_MODEL, DEFAULT_READER_MODEL, type Model } from '@dwell/score';
import type { FoldModels } from '../engine/foldPlan.js';
import { openDatabase } from './connection.js';
import { prepareFold } from './fold.js';
import type { MaterializerFiles, MaterializerReply, MaterializerRequest } from './materializerClient.js';

/**
 * Events folded per transaction at most. Larger folds share more of their
 * upserts (a pair or a content-day touched twice is written once) but hold
 * the views' write lock longer against the refresh; at about 20 µs an event
 * this is a transaction of about 0.1 s.
 */
export const MAX_FOLD_EVENTS = 5_000;

/** How long the thread waits before it tries again after a failed fold, ms. */
export const RETRY_DELAY_MS = 100;

/** How often an idle thread looks at the log anyway, ms: appends are announced, this is the safety net. */
export const IDLE_POLL_MS = 250;

if (!parentPort) throw new Error('materializer.js runs as a worker thread of the SQLite store');
const port = parentPort;
const files = workerData as MaterializerFiles;

const views = openDatabase(files.viewsFile, 'views');
const log = openDatabase(files.logFile, 'read');
const fold = prepareFold(views, log);

/** Each site's model and reader model, as the store last sent them. */
let models = new Map<string, Model>(files.models);
let readers = new Map<string, Model>(files.readers);
let generation = files.generation ?? 0;
/** The serial of the models last sent, and of those the views were last folded and checked with. */
let modelsSerial = files.modelsSerial ?? 0;
let scoredWith = 0;
/** A rebuild asked for and not done yet: its generation. */
let pendingRebuild: number | null = files.rebuild ?? null;
let scheduled = false;
let closed = false;

/** A site that is no longer configured is still folded, so the position can pass its events. */
const foldModels: FoldModels = {
  content: (site) => models.get(site) ?? DEFAULT_MODEL,
  reader: (site) => readers.get(site) ?? DEFAULT_READER_MODEL,
  sites: () => readers.keys(),
};

function reply(message: MaterializerReply): void {
  if (!closed) port.postMessage(message);
}

function schedule(delayMs = 0): void {
  if (scheduled || closed) return;
  scheduled = true;
  setTimeout(step, delayMs);
}

function step(): void {
  scheduled = false;
  if (closed) return;
  try {
    if (pendingRebuild !== null) {
      fold.emptyViews();
      generation = pendingRebuild;
      pendingRebuild = null;
      reply({ type: 'position', position: 0, folded: 0, generation, models: scoredWith });
    }
    const serial = modelsSerial;
    const report = fold.foldNext(MAX_FOLD_EVENTS, foldModels);
    scoredWith = serial;
    reply({ type: 'position', ...report, generation, models: scoredWith });
    if (report.folded === MAX_FOLD_EVENTS) schedule();
  } catch (error) {
    // Busy (a refresh or another process holds the views) or a failing disk: the position did not move.
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    schedule(RETRY_DELAY_MS);
  }
}

setInterval(() => schedule(), IDLE_POLL_MS).unref();
schedule();

port.on('message', (message: MaterializerRequest) => {
  switch (message.type) {
    case 'models':
      models = new Map(message.models);
      readers = new Map(message.readers);
      modelsSerial = message.serial;
      fold.readerModelsChanged();
      schedule();
      return;
    case 'advance':
      schedule();
      return;
    case 'rebuild':
      // Done in the next step, where a busy views file is retried like a fold.
      pendingRebuild = message.generation;
      schedule();
      return;
    case 'close':
      closed = true;
      views.close();
      log.close();
      port.close();
  }
});
