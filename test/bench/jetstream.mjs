// The JetStream mode: collectors that validate and publish to a stream of
// a private nats-server (on its own port and data directory), against the
// no-op endpoint of the same server in the same run, with one and with two
// collectors; then one materializer folding the whole stream into
// PostgreSQL from a standing start. CPU per event of each tier: the
// collectors' and the materializer's from their own process, nats-server's
// and PostgreSQL's from /proc.
import { fork, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers/promises';
import { once } from 'node:events';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { benchIngest, benchIngestSpread } from './ingest.mjs';

const MATERIALIZER = fileURLToPath(new URL('./materializer.mjs', import.meta.url));
/** Clock ticks per second of /proc's CPU times (Linux's USER_HZ). */
const TICKS_PER_SECOND = 100;
/** How often the fold's progress is read, ms. */
const POLL_MS = 100;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** CPU time of the processes whose command is `name`, µs, from /proc (utime + stime). */
export function processCpu(name) {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== name) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return (ticks / TICKS_PER_SECOND) * 1e6;
}

/** A single JetStream node of the benchmark's own; never the machine's shared one. */
export async function startNats(dir) {
  mkdirSync(dir, { recursive: true });
  const [port, monitor] = [await freePort(), await freePort()];
  const binary = process.env.NATS_SERVER_PATH ?? '/usr/sbin/nats-server';
  const args = ['-a', '127.0.0.1', '-p', String(port), '-m', String(monitor), '-js', '-sd', dir];
  const child = spawn(binary, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Server is ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`nats-server exited (${code}): ${output}`)));
  });
  return {
    url: `nats://127.0.0.1:${port}`,
    /** The stream's messages and bytes, from the monitoring endpoint. */
    async state(stream) {
      const response = await globalThis.fetch(`http://127.0.0.1:${monitor}/jsz?streams=true`);
      const jsz = await response.json();
      const streams = jsz.account_details?.flatMap((account) => account.stream_detail ?? []) ?? [];
      return streams.find((detail) => detail.name === stream)?.state ?? { messages: 0, bytes: 0 };
    },
    async stop() {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** nats-server's own CPU time, µs. */
function natsCpu() {
  return processCpu('nats-server');
}

async function startMaterializer(env) {
  const child = fork(MATERIALIZER, [], {
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await once(child, 'message');
  return {
    async stats() {
      child.send('stats');
      const [{ stats, cpu }] = await once(child, 'message');
      return { ...stats, cpu: cpu.user + cpu.system };
    },
    async stop() {
      child.send('stop');
      await once(child, 'exit');
    },
  };
}

/**
 * Ingest with one collector (and the no-op of the same server), then two
 * sharing the load, each on its own stream; the materializer then folds
 * the first stream. `startServer(dir, databaseUrl, env)` is run.mjs's.
 */
export async function benchJetStream({ startServer, root, database, seconds }) {
  const nats = await startNats(join(root, 'nats'));
  try {
    const env = (stream) => ({ DWELL_NATS_URL: nats.url, DWELL_NATS_STREAM: stream });
    const one = await startServer(join(root, 'js1'), database.url, env('bench1'));
    const natsBefore = natsCpu();
    const ingest = await benchIngest(one.url, seconds, one.cpu);
    // Every request published one message of 20 events, the warm-up's too.
    const stream = await nats.state('bench1');
    const published = stream.messages * 20;
    const natsPerEvent = (natsCpu() - natsBefore) / published;
    await one.stop();
    const servers = [];
    for (const index of [0, 1])
      servers.push(await startServer(join(root, `js2-${index}`), database.url, env('bench2')));
    const spread = await benchIngestSpread(
      servers.map((server) => server.url),
      seconds,
    );
    await Promise.all(servers.map((server) => server.stop()));

    // The fold from a standing start: the first stream, whole, by one materializer.
    const postgresBefore = processCpu('postgres');
    const started = performance.now();
    const materializer = await startMaterializer({ DWELL_DATABASE_URL: database.url, ...env('bench1') });
    let stats = await materializer.stats();
    while (stats.events + stats.duplicates < published) {
      await setTimeout(POLL_MS);
      stats = await materializer.stats();
    }
    const foldSeconds = (performance.now() - started) / 1000;
    const postgresPerEvent = (processCpu('postgres') - postgresBefore) / stats.events;
    await materializer.stop();
    return {
      noop: ingest.noop,
      one: ingest.ingest,
      ratio: ingest.ratio,
      two: spread,
      twoRatio: spread.requestsPerSecond / ingest.noop.requestsPerSecond,
      collectorCpuPerEvent: ingest.ingest.cpuPerRequest / 20,
      natsCpuPerEvent: natsPerEvent,
      streamBytesPerEvent: stream.bytes / published,
      fold: {
        events: stats.events,
        perSecond: stats.events / foldSeconds,
        cpuPerEvent: stats.cpu / stats.events,
        perCore: stats.events / (stats.cpu / 1e6),
        postgresCpuPerEvent: postgresPerEvent,
      },
    };
  } finally {
    await nats.stop();
  }
}
