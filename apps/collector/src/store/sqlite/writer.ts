/**
 * The writer thread: ingest's transactions run here, on a connection of
 * their own, so the inserts, the score updates and the fsync of each commit
 * never hold the event loop that reads, checks and answers requests. The
 * main thread keeps its connection for reads and the rare writes of a
 * refresh; every write transaction begins IMMEDIATE, so the two take turns
 * (see `connection.ts`).
 *
 * Messages: `WriterRequest` in, `WriterReply` out (`writerClient.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Model } from '@dwell/score';
import { AggregateDeltas } from '../aggregateDeltas.js';
import { groupCommit } from '../groupCommit.js';
import { openDatabase } from './connection.js';
import { prepareIngest } from './ingest.js';
import { prepareLive } from './live.js';
import { preparePairs } from './pairs.js';
import { prepareEventsBySeq } from './rawEvents.js';
import type { WriterReply, WriterRequest, WriterResult } from './writerClient.js';

if (!parentPort) throw new Error('writer.js runs as a worker thread of the SQLite store');
const port = parentPort;
const { file } = workerData as { file: string };

const db = openDatabase(file, false);
const deltas = new AggregateDeltas();
const updatePair = preparePairs(db, deltas, prepareEventsBySeq(db));
// Messages that arrive in the same turn are committed as one group: one fsync for all of them.
const commits = groupCommit(prepareIngest(db, deltas, updatePair, prepareLive(db)));

/** Each site's model, as the main thread last sent it. */
const models = new Map<string, Model>();
let results: WriterResult[] = [];
let closed = false;

function sendResults(): void {
  if (!results.length || closed) return;
  port.postMessage({ type: 'results', results } satisfies WriterReply);
  results = [];
}

function settled(result: WriterResult): void {
  results.push(result);
  if (results.length === 1) setImmediate(sendResults);
}

port.on('message', (message: WriterRequest) => {
  if (message.type === 'ingest') {
    for (const { id, batch, model } of message.items) {
      if (model) models.set(batch.site, model);
      commits.submit({ ...batch, model: models.get(batch.site) as Model }).then(
        (counts) => settled({ id, counts }),
        (error: unknown) => settled({ id, error: error instanceof Error ? error.message : String(error) }),
      );
    }
    return;
  }
  void commits.drain().then(() => {
    sendResults();
    closed = true;
    db.close();
    port.close();
  });
});
