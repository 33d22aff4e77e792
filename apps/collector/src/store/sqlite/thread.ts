/**
 * Starting one of the SQLite store's worker threads (`writer.js`,
 * `materializer.js`) from its built module, the same way under `npm start`
 * and under tests.
 */
import process from 'node:process';
import { Worker } from 'node:worker_threads';

/**
 * The thread's entry: beside this module in `dist/`, also when tests run the
 * TypeScript sources (`npm test` builds before it runs them).
 */
function threadModule(name: string): URL {
  const here = import.meta.url;
  const built = here.endsWith('.ts')
    ? here.replace(/\/src\/store\/sqlite\/[^/]+$/, '/dist/store/sqlite/')
    : here;
  return new URL(`./${name}.js`, built);
}

/**
 * The thread's Node options: the process's, without a `source` condition. A
 * test runner that resolves the workspaces to their TypeScript sources
 * (vitest) passes one, and the thread, which runs built JavaScript, would
 * then import `.ts` files that Node cannot run.
 */
function threadExecArgv(): string[] {
  const kept: string[] = [];
  const args = process.execArgv;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if ((arg === '--conditions' || arg === '-C') && args[index + 1] === 'source') index++;
    else if (arg !== '--conditions=source') kept.push(arg);
  }
  return kept;
}

export function startThread(name: 'writer' | 'materializer', workerData: unknown): Worker {
  return new Worker(threadModule(name), { workerData, execArgv: threadExecArgv() });
}

/**
 * Asks the thread to close (it finishes its work, closes its database and
 * its port) and resolves once it has exited. Referenced meanwhile: an idle
 * thread is unreferenced, and would let the process end before it closed.
 */
export async function closeThread(worker: Worker, message: { type: 'close' }): Promise<void> {
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.ref();
  worker.postMessage(message);
  await exited;
}
