// `npm run bench`: the ingest benchmark over loopback HTTP and the ranked
// query benchmark over 1,000,000 visitor-content states. Both run the built
// collector (`npm run bench` builds first) in a child process, on a
// temporary data directory, and bound their own load.
import console from 'node:console';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { benchIngest } from './ingest.mjs';
import { benchQuery, seedStates } from './query.mjs';

const SERVER = fileURLToPath(new URL('./server.mjs', import.meta.url));
// Smaller or partial runs while profiling: BENCH_SECONDS, BENCH_STATES, BENCH_ONLY=ingest|query.
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const states = Number(process.env.BENCH_STATES ?? 1_000_000);
const only = process.env.BENCH_ONLY;

async function startServer(dataDir) {
  mkdirSync(dataDir, { recursive: true });
  const log = openSync(join(dataDir, 'requests.log'), 'w');
  const child = fork(SERVER, [], {
    // The development site demo; a rate limit every check still runs, but that the load never reaches.
    env: {
      ...process.env,
      DWELL_CONFIG: '',
      DWELL_DATABASE_URL: '',
      DWELL_DATA_DIR: dataDir,
      DWELL_RATE_LIMIT: '100000000',
    },
    stdio: ['ignore', log, 'inherit', 'ipc'],
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
  });
  const [{ port }] = await once(child, 'message');
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.send('stop');
      await once(child, 'exit');
    },
  };
}

const root = mkdtempSync(join(tmpdir(), 'dwell-bench-'));
try {
  console.info(
    `dwell bench: ${new Date().toISOString()}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
  );

  if (only !== 'query') await ingestBench();
  if (only !== 'ingest') await queryBench();
} finally {
  rmSync(root, { recursive: true, force: true });
}

async function ingestBench() {
  const ingestDir = join(root, 'ingest');
  const server = await startServer(ingestDir);
  const ingest = await benchIngest(server.url, seconds);
  await server.stop();
  console.info(`ingest (batches of 20, ${seconds} s each):`);
  for (const [name, figures] of [
    ['no-op', ingest.noop],
    ['ingest', ingest.ingest],
  ]) {
    console.info(
      `  ${name.padEnd(7)} ${figures.eventsPerSecond.toLocaleString('en')} events/s (${Math.round(figures.requestsPerSecond).toLocaleString('en')} req/s), p50 ${figures.p50} ms, p99 ${figures.p99} ms, non-2xx ${figures.non2xx}, errors ${figures.errors}`,
    );
  }
  console.info(`  ratio   ${ingest.ratio.toFixed(2)} of the no-op rate`);
}

async function queryBench() {
  const queryDir = join(root, 'query');
  const seeded = await seedStates(queryDir, states);
  console.info(
    `query: seeded ${seeded.pairs.toLocaleString('en')} visitor-content states (${seeded.events.toLocaleString('en')} events, ${seeded.contents.toLocaleString('en')} contents) in ${seeded.seconds.toFixed(1)} s`,
  );
  const queryServer = await startServer(queryDir);
  const query = await benchQuery(queryServer.url);
  await queryServer.stop();
  console.info(
    `  ranked content list (limit 50, ${query.runs} runs): p50 ${query.p50.toFixed(1)} ms, p95 ${query.p95.toFixed(1)} ms, max ${query.max.toFixed(1)} ms`,
  );
}
