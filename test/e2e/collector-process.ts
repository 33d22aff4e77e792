/**
 * The real collector as a child process (`node apps/collector/dist/main.js`,
 * built by `npm test`) on a free port with a fresh data directory: what the
 * end-to-end tests run against.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const COLLECTOR_MAIN = fileURLToPath(new URL('../../apps/collector/dist/main.js', import.meta.url));
export const READ_KEY = 'demo-read-key';

export interface RunningCollector {
  url: string;
  /** GET a read endpoint with the demo read key; the parsed JSON body. */
  read<T>(path: string): Promise<T>;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface CollectorProcessOptions {
  /** Listen here rather than on a free port: a restarted collector keeps its pages' origin. */
  port?: number;
  /** Keep the data here (and leave it on stop) rather than in a fresh directory removed on stop. */
  dataDir?: string;
  /** Node options of the process, e.g. `--import` of `server-clock.mjs`. */
  execArgv?: string[];
  /** The read key of `read()`; default the development key. */
  readKey?: string;
}

export async function startCollectorProcess(
  env: Record<string, string> = {},
  options: CollectorProcessOptions = {},
): Promise<RunningCollector> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dwell-e2e-'));
  const readKey = options.readKey ?? READ_KEY;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [...(options.execArgv ?? []), COLLECTOR_MAIN], {
    env: { ...process.env, PORT: String(port), DWELL_DATA_DIR: dataDir, DWELL_RATE_LIMIT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the collector did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async read<T>(path: string): Promise<T> {
      const response = await fetch(url + path, { headers: { authorization: `Bearer ${readKey}` } });
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
