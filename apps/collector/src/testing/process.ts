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

export interface Running {
  child: ChildProcess;
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

/** Starts a collector with these variables (PostgreSQL with `DWELL_DATABASE_URL`, else SQLite in `DWELL_DATA_DIR`). */
export async function startCollectorProcess(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      // The development site, whatever the developer's environment says.
      ...{ DWELL_CONFIG: '', DWELL_DATABASE_URL: '', DWELL_RETENTION_MONTHS: '', NODE_ENV: 'test' },
      ...{ PORT: '0', DWELL_RATE_LIMIT: '0' },
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((done, fail) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1];
      if (port) done(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => fail(new Error(`the collector exited (${code}): ${output}`)));
  });
  return {
    child,
    url,
    output: () => output,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** POSTs a batch as the SDK's beacon would. */
export function postBatch(url: string, body: object): Promise<Response> {
  return fetch(`${url}/v1/events`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'text/plain', 'user-agent': BROWSER },
  });
}

/** GETs a read endpoint of the development site. */
export async function readJson(url: string, path: string): Promise<unknown> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: 'Bearer demo-read-key' } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}
