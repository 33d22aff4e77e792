/**
 * The real collector as a child process (`node apps/collector/dist/main.js`,
 * built by `npm test` first; `buildCollector()` makes a lone `vitest run`
 * test the current sources too), on the development site, without rate limit.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSER } from '../testing.js';

export const ROOT = resolve(fileURLToPath(import.meta.url), '../../../../..');
export const MAIN = join(ROOT, 'apps/collector/dist/main.js');
export const MATERIALIZE = join(ROOT, 'apps/collector/dist/materialize.js');

export interface Running {
  child: ChildProcess;
  /** The collector's address (empty for a materializer). */
  url: string;
  output: () => string;
  /** SIGKILL, if it still runs. */
  kill(): void;
}

export function buildCollector(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'apps/collector'], {
    cwd: ROOT,
  });
}

/** The development site, whatever the developer's environment says. */
const CLEAN_ENV = {
  DWELL_CONFIG: '',
  DWELL_DATABASE_URL: '',
  DWELL_RETENTION_MONTHS: '',
  DWELL_NATS_URL: '',
  NODE_ENV: 'test',
  PORT: '0',
  DWELL_RATE_LIMIT: '0',
};

/** Runs `main` with these variables; resolves once its output matches `ready`, with the match's first group. */
async function startProcess(
  main: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<Running & { ready: string }> {
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, ...CLEAN_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const matched = await new Promise<string>((done, fail) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) done(match[1] ?? match[0]);
    });
    child.once('exit', (code) => fail(new Error(`${main} exited (${code}): ${output}`)));
  });
  return {
    child,
    url: '',
    ready: matched,
    output: () => output,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Starts a collector with these variables (PostgreSQL with `DWELL_DATABASE_URL`, else SQLite in `DWELL_DATA_DIR`). */
export async function startCollectorProcess(env: Record<string, string>): Promise<Running> {
  const running = await startProcess(MAIN, env, /listening on http:\/\/localhost:(\d+)/);
  return { ...running, url: `http://127.0.0.1:${running.ready}` };
}

/** Starts a JetStream materializer (`npm run materialize`) with these variables. */
export function startMaterializerProcess(env: Record<string, string>): Promise<Running> {
  return startProcess(MATERIALIZE, env, /dwell materializer folding/);
}

/** POSTs a batch as the SDK's beacon would. */
export function postBatch(url: string, body: object): Promise<Response> {
  return fetch(`${url}/v1/events`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'text/plain', 'user-agent': BROWSER },
  });
}

/** GETs a read endpoint of the development site with its read key, whatever it answers. */
export function getRead(url: string, path: string): Promise<Response> {
  return fetch(`${url}${path}`, { headers: { authorization: 'Bearer demo-read-key' } });
}

/** GETs a read endpoint of the development site; throws unless it answers 200. */
export async function readJson(url: string, path: string): Promise<unknown> {
  const response = await getRead(url, path);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}
