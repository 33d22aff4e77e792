// `npm run bench`: the SDK's size and scroll cost in Chromium, the ingest
// benchmark over loopback HTTP (SQLite, then PostgreSQL with one and with two
// collector processes) and the ranked query benchmark over 1,000,000
// visitor-content states, then one summary table. All run the built
// collector (`npm run bench` builds first) in child processes, on a
// temporary data directory or a temporary PostgreSQL database, and bound
// their own load.
import console from 'node:console';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import Database from 'better-sqlite3';
import {
  benchIngest,
  benchIngestOnly,
  benchStages,
  benchSustained,
  benchSustainedSpread,
} from './ingest.mjs';
import { benchJetStream } from './jetstream.mjs';
import { temporaryDatabase } from './postgres.mjs';
import { benchQuery, benchReaders, seedStates } from './query.mjs';
import { benchReview } from './review.mjs';
import { PEERS, sdkScrollCost, sdkSize } from './sdk.mjs';
import { sdkPageCost } from './lighthouse.mjs';

const SERVER = fileURLToPath(new URL('./server.mjs', import.meta.url));
// Smaller or partial runs while profiling: BENCH_SECONDS, BENCH_STATES, BENCH_ONLY=sdk,ingest,postgres,jetstream,query (any of them).
// PostgreSQL: BENCH_POSTGRES_URL (default the local server, trust auth), where a database is created and dropped.
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
// Sustained ingest, then the drain of the views: BENCH_SUSTAINED_SECONDS (default 60).
const sustainedSeconds = Number(process.env.BENCH_SUSTAINED_SECONDS ?? 60);
const states = Number(process.env.BENCH_STATES ?? 1_000_000);
const only = process.env.BENCH_ONLY?.split(',');
/** A server whose ingest never refuses for lag: for the run that holds its materializer back. */
const UNBOUNDED_LAG = { DWELL_MAX_LAG_EVENTS: '1000000000', DWELL_MAX_LAG_MS: '3600000' };

async function startServer(dataDir, databaseUrl = '', extraEnv = {}) {
  mkdirSync(dataDir, { recursive: true });
  const log = openSync(join(dataDir, 'requests.log'), 'w');
  const child = fork(SERVER, [], {
    // The development site demo; a rate limit every check still runs, but that the load never reaches.
    env: {
      ...process.env,
      DWELL_CONFIG: '',
      DWELL_DATABASE_URL: databaseUrl,
      DWELL_DATA_DIR: dataDir,
      DWELL_RATE_LIMIT: '100000000',
      ...extraEnv,
    },
    stdio: ['ignore', log, 'inherit', 'ipc'],
    execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
  });
  const [{ port }] = await once(child, 'message');
  return {
    url: `http://127.0.0.1:${port}`,
    /** The server's CPU time so far, µs, all its threads. */
    async cpu() {
      child.send('cpu');
      const [{ cpu }] = await once(child, 'message');
      return cpu.user + cpu.system;
    },
    /** The views' lag now. */
    async lag() {
      child.send('lag');
      const [{ lag }] = await once(child, 'message');
      return lag;
    },
    /** Waits until the views hold every acknowledged event; resolves with the wait, ms. */
    async drain() {
      child.send('drain');
      const [{ drainMs }] = await once(child, 'message');
      return drainMs;
    },
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

  const summary = [];
  if (!only || only.includes('sdk')) summary.push(...(await sdkBench()));
  if (!only || only.includes('ingest')) summary.push(...(await ingestBench()));
  if (!only || only.includes('postgres')) summary.push(...(await postgresBench()));
  if (!only || only.includes('jetstream')) summary.push(...(await jetstreamBench()));
  if (!only || only.includes('query')) summary.push(...(await queryBench()));
  printSummary(summary);
} finally {
  rmSync(root, { recursive: true, force: true });
}

function number(value) {
  return Math.round(value).toLocaleString('en');
}

/** Rows of `[figure, value]`, printed as one Markdown table at the end. */
function printSummary(rows) {
  const width = Math.max(...rows.map(([figure]) => figure.length), 6);
  console.info(`\nsummary\n| ${'figure'.padEnd(width)} | value |\n|${'-'.repeat(width + 2)}|---|`);
  for (const [figure, value] of rows) console.info(`| ${figure.padEnd(width)} | ${value} |`);
}

async function sdkBench() {
  const size = sdkSize();
  const scroll = await sdkScrollCost();
  const pageServer = await startServer(join(root, 'lighthouse'));
  const page = await sdkPageCost(pageServer.url);
  await pageServer.stop();
  const peers = Object.entries(PEERS)
    .map(([name, bytes]) => `${name} ${number(bytes)} B`)
    .join(', ');
  console.info(
    `sdk: dwell.js ${size.gzip} B gzip -9, ${size.brotli} B brotli; served with the default models ${size.servedGzip} B gzip -9; peers (gzip): ${peers}`,
  );
  console.info(
    `  main thread per 1,000 scroll events: ${scroll.withSdkMs.toFixed(1)} ms with the SDK, ${scroll.withoutSdkMs.toFixed(1)} ms without`,
  );
  console.info(
    `  Lighthouse, a demo article (desktop, unthrottled, median of ${page.runs}): total blocking time ${page.withSdk.tbtMs.toFixed(0)} ms with, ${page.without.tbtMs.toFixed(0)} ms without; main-thread script evaluation ${page.withSdk.scriptMs.toFixed(1)} ms with, ${page.without.scriptMs.toFixed(1)} ms without; dwell.js itself ${page.withSdk.sdkScriptMs.toFixed(1)} ms`,
  );
  return [
    ['dwell.js gzip -9 / brotli', `${number(size.gzip)} B / ${number(size.brotli)} B (${peers} gzip)`],
    ['dwell.js as served, with the default models', `${number(size.servedGzip)} B gzip -9`],
    [
      'Lighthouse: total blocking time',
      `${page.withSdk.tbtMs.toFixed(0)} ms with dwell.js, ${page.without.tbtMs.toFixed(0)} ms without`,
    ],
    [
      'Lighthouse: main-thread script evaluation',
      `${page.withSdk.scriptMs.toFixed(1)} ms with, ${page.without.scriptMs.toFixed(1)} ms without (dwell.js ${page.withSdk.sdkScriptMs.toFixed(1)} ms)`,
    ],
    [
      'SDK main thread, 1,000 scroll events',
      `${scroll.sdkMs.toFixed(1)} ms (${scroll.withSdkMs.toFixed(1)} ms with, ${scroll.withoutSdkMs.toFixed(1)} ms without)`,
    ],
  ];
}

/** Holds the write lock of a SQLite store's views, so its materializer folds nothing until released. */
async function holdSqliteViews(dataDir) {
  const db = new Database(join(dataDir, 'views.db'));
  db.prepare('BEGIN IMMEDIATE').run();
  return async () => {
    db.prepare('COMMIT').run();
    db.close();
  };
}

function micros(value) {
  return value === undefined ? '?' : `${value.toFixed(1)} µs`;
}

async function ingestBench() {
  const ingestDir = join(root, 'ingest');
  const server = await startServer(ingestDir);
  const ingest = await benchIngest(server.url, seconds, server.cpu);
  const sustained = await benchSustained(server, sustainedSeconds);
  await server.stop();
  const stagesDir = join(root, 'stages');
  const stagesServer = await startServer(stagesDir, '', UNBOUNDED_LAG);
  const stages = await benchStages(stagesServer, seconds, () => holdSqliteViews(stagesDir));
  await stagesServer.stop();
  // The same checks with the store taken out: how far from the no-op ingest would be if storing were free.
  const unstoredServer = await startServer(join(root, 'unstored'), '', { BENCH_UNSTORED: '1' });
  const unstored = await benchIngestOnly(unstoredServer.url, seconds, unstoredServer.cpu);
  await unstoredServer.stop();
  const noop = ingest.noop.eventsPerSecond;
  const sustainedRatio = sustained.materializedPerSecond / noop;
  const unstoredRatio = unstored.requestsPerSecond / ingest.noop.requestsPerSecond;
  const checksCpu = unstored.cpuPerRequest / 20;
  console.info(`ingest, SQLite (batches of 20; ${seconds} s runs, ${sustainedSeconds} s sustained):`);
  printIngest('no-op', ingest.noop);
  printIngest('acks', ingest.ingest);
  printIngest('checks', unstored);
  printIngest('sustain', sustained);
  console.info(
    `          lag at the end ${number(sustained.lagEvents)} events / ${number(sustained.lagMs)} ms, drained in ${number(sustained.drainMs)} ms: ${number(sustained.materializedPerSecond)} events/s materialized, ${sustainedRatio.toFixed(2)} of the no-op rate`,
  );
  console.info(
    `  stages  server CPU per event: checks ${micros(checksCpu)}, append ${micros(stages.appendCpuPerEvent - checksCpu)}, fold ${micros(stages.foldCpuPerEvent)}; the materializer alone folds ${number(stages.foldPerSecond)} events/s`,
  );
  return [
    [
      `ingest, SQLite, ${sustainedSeconds} s sustained`,
      `${number(sustained.materializedPerSecond)} events/s materialized (ratio ${sustainedRatio.toFixed(2)}), p50 ${sustained.p50} ms, p99 ${sustained.p99} ms, lag at end ${number(sustained.lagEvents)} events / ${number(sustained.lagMs)} ms, drain ${number(sustained.drainMs)} ms`,
    ],
    ['no-op Hono endpoint, same load', `${number(noop)} events/s`],
    [
      `ingest acknowledged, SQLite, ${seconds} s`,
      `${number(ingest.ingest.eventsPerSecond)} events/s (ratio ${ingest.ratio.toFixed(2)})`,
    ],
    [
      'ingest with nothing stored (every check)',
      `${number(unstored.eventsPerSecond)} events/s (ratio ${unstoredRatio.toFixed(2)})`,
    ],
    [
      'server CPU per event: checks / append / fold',
      `${micros(checksCpu)} / ${micros(stages.appendCpuPerEvent - checksCpu)} / ${micros(stages.foldCpuPerEvent)}`,
    ],
    ['SQLite materializer alone', `${number(stages.foldPerSecond)} events/s`],
  ];
}

function printIngest(name, figures) {
  console.info(
    `  ${name.padEnd(7)} ${figures.eventsPerSecond.toLocaleString('en')} events/s (${Math.round(figures.requestsPerSecond).toLocaleString('en')} req/s), p50 ${figures.p50} ms, p99 ${figures.p99} ms, non-2xx ${figures.non2xx}, errors ${figures.errors}${figures.cpuPerRequest ? `, server CPU ${Math.round(figures.cpuPerRequest)} µs/request` : ''}`,
  );
}

/** Ingest against PostgreSQL, sustained: one collector, then two sharing the load, each on a fresh database. */
async function postgresBench() {
  console.info(`ingest, PostgreSQL (batches of 20, ${sustainedSeconds} s sustained):`);
  const rows = [];
  for (const count of [1, 2]) {
    const database = await temporaryDatabase();
    try {
      const servers = [];
      for (let index = 0; index < count; index++) {
        servers.push(await startServer(join(root, `pg${count}-${index}`), database.url));
      }
      const figures = await benchSustainedSpread(servers, sustainedSeconds);
      await Promise.all(servers.map((server) => server.stop()));
      const stored = await database.count('events');
      printIngest(`${count} coll.`, figures);
      console.info(
        `          ${stored.toLocaleString('en')} events stored; lag at the end ${number(figures.lagEvents)} events / ${number(figures.lagMs)} ms, drained in ${number(figures.drainMs)} ms: ${number(figures.materializedPerSecond)} events/s materialized`,
      );
      rows.push([
        `ingest, PostgreSQL, ${count} collector${count > 1 ? 's' : ''}, sustained`,
        `${number(figures.materializedPerSecond)} events/s materialized, p50 ${figures.p50} ms, p99 ${figures.p99} ms, lag at end ${number(figures.lagEvents)} events, drain ${number(figures.drainMs)} ms`,
      ]);
    } finally {
      await database.drop();
    }
  }
  return rows;
}

/** Collectors publishing to JetStream (one, then two) against the no-op, and one materializer's fold. */
async function jetstreamBench() {
  console.info(
    `ingest, JetStream (batches of 20, ${seconds} s runs; the materializer from a standing start):`,
  );
  const database = await temporaryDatabase();
  try {
    const figures = await benchJetStream({ startServer, root: join(root, 'jetstream'), database, seconds });
    printIngest('no-op', figures.noop);
    printIngest('1 coll.', figures.one);
    printIngest('2 coll.', figures.two);
    const { fold } = figures;
    console.info(
      `          ratio to the no-op ${figures.ratio.toFixed(2)} (one), ${figures.twoRatio.toFixed(2)} (two); CPU per event: collector ${micros(figures.collectorCpuPerEvent)}, nats-server ${micros(figures.natsCpuPerEvent)}; ${number(figures.streamBytesPerEvent)} bytes per event in the stream`,
    );
    console.info(
      `  fold    ${number(fold.events)} events in ${number(fold.events / fold.perSecond)} s: ${number(fold.perSecond)} events/s, materializer CPU ${micros(fold.cpuPerEvent)} per event (${number(fold.perCore)} events/s per core), PostgreSQL CPU ${micros(fold.postgresCpuPerEvent)} per event`,
    );
    return [
      [
        `ingest, JetStream, 1 collector, ${seconds} s`,
        `${number(figures.one.eventsPerSecond)} events/s (ratio ${figures.ratio.toFixed(2)}), p50 ${figures.one.p50} ms, p99 ${figures.one.p99} ms`,
      ],
      [
        `ingest, JetStream, 2 collectors, ${seconds} s`,
        `${number(figures.two.eventsPerSecond)} events/s (ratio ${figures.twoRatio.toFixed(2)}), p50 ${figures.two.p50} ms, p99 ${figures.two.p99} ms`,
      ],
      [
        'JetStream materializer fold into PostgreSQL',
        `${number(fold.perSecond)} events/s, ${number(fold.perCore)} events/s per materializer core`,
      ],
      [
        'CPU per event: collector / nats-server / materializer / PostgreSQL',
        `${micros(figures.collectorCpuPerEvent)} / ${micros(figures.natsCpuPerEvent)} / ${micros(fold.cpuPerEvent)} / ${micros(fold.postgresCpuPerEvent)}`,
      ],
    ];
  } finally {
    await database.drop();
  }
}

async function queryBench() {
  const queryDir = join(root, 'query');
  const seeded = await seedStates(queryDir, states);
  console.info(
    `query: seeded ${seeded.pairs.toLocaleString('en')} visitor-content states (${seeded.events.toLocaleString('en')} events, ${seeded.contents.toLocaleString('en')} contents) in ${seeded.seconds.toFixed(1)} s`,
  );
  const queryServer = await startServer(queryDir);
  const query = await benchQuery(queryServer.url);
  const readers = await benchReaders(queryServer.url);
  const review = await benchReview(queryServer.url);
  await queryServer.stop();
  console.info(
    `  ranked content list (limit 50, ${query.runs} runs): p50 ${query.p50.toFixed(1)} ms, p95 ${query.p95.toFixed(1)} ms, max ${query.max.toFixed(1)} ms`,
  );
  console.info(
    `  reader segments (${number(readers.readers)} readers, ${readers.runs} runs): p50 ${readers.p50.toFixed(1)} ms, p95 ${readers.p95.toFixed(1)} ms, max ${readers.max.toFixed(1)} ms`,
  );
  console.info(
    `  review: preview ${(review.previewMs / 1000).toFixed(1)} s (${number(review.contents)} contents), calibrate ${(review.calibrateMs / 1000).toFixed(1)} s (${number(review.examples)} examples, held-out AUC ${review.auc.current.toFixed(3)} current, ${review.auc.suggested.toFixed(3)} suggested), apply with re-scoring ${(review.applyMs / 1000).toFixed(1)} s`,
  );
  return [
    [`ranked list, ${number(seeded.pairs)} states`, `p95 ${query.p95.toFixed(1)} ms`],
    [`GET /readers, ${number(readers.readers)} readers`, `p95 ${readers.p95.toFixed(1)} ms`],
    [`POST /models/preview, ${number(seeded.pairs)} states`, `${(review.previewMs / 1000).toFixed(1)} s`],
    [
      `POST /models/calibrate, ${number(review.examples)} examples`,
      `${(review.calibrateMs / 1000).toFixed(1)} s`,
    ],
    [`PUT /model, ${number(seeded.pairs)} states re-scored`, `${(review.applyMs / 1000).toFixed(1)} s`],
  ];
}
