/**
 * The writer thread: appends to the log run here, on a connection of their
 * own, so the inserts and the fsync of each commit never hold the event loop
 * that reads, checks and answers requests. Nothing else writes the log; the
 * views are folded from it on the materializer thread (`materializer.ts`).
 *
 * Messages: `WriterRequest` in, `WriterReply` out (`writerClient.ts`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { groupCommit } from '../engine/groupCommit.js';
import { prepareAppend } from './append.js';
import { openDatabase } from './connection.js';
import type { WriterReply, WriterRequest, WriterResult } from './writerClient.js';

if (!parentPort) throw new Error('writer.js runs as a worker thread of the SQLite store');
const port = parentPort;
const { file } = workerData as { file: string };

const db = openDatabase(file, 'log');
// Messages that arrive in the same turn are committed as one group: one fsync for all of them.
const commits = groupCommit(prepareAppend(db));

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
  if (message.type === 'append') {
    for (const { id, batch } of message.items) {
      commits.submit(batch).then(
        (appended) => settled({ id, ...appended }),
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
