// The collector as the benchmarks run it: the built app on @hono/node-server,
// configured from the environment like `main.js` (PostgreSQL when
// DWELL_DATABASE_URL is set, behind JetStream with DWELL_NATS_URL, else SQLite), plus one no-op endpoint on
// the same app and server (`POST /bench/noop`: reads and parses the body,
// answers 202) to measure what ingest costs beyond HTTP. With BENCH_UNSTORED,
// ingest runs every check and stores nothing. Reports its port over IPC, its
// CPU time, the views' lag, and how long the views take to catch up, when asked.
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { serve } from '@hono/node-server';
import {
  createApp,
  createLogger,
  loadConfig,
  ModelChanges,
  PostgresStore,
  Sites,
  SqliteStore,
} from '../../apps/collector/dist/index.js';

const config = loadConfig(process.env);
const sites = new Sites(config.sites);
const logger = createLogger();
const models = new Map(sites.all().map((site) => [site.id, site.model]));
const { lagBound } = config;
const store = config.databaseUrl
  ? await PostgresStore.open({
      url: config.databaseUrl,
      logger,
      models,
      lagBound,
      ...(config.stream && { stream: config.stream }),
    })
  : new SqliteStore(config.dataDir, { models, lagBound });
// The active models, as a collector's start takes them (and refreshes the views).
const modelChanges = new ModelChanges(sites, store, logger);
await modelChanges.start(Date.now());
if (process.env.BENCH_UNSTORED) {
  // Every check of ingest, nothing stored: what HTTP and the checks cost alone.
  store.ingest = async (batch) => ({ accepted: batch.events.length, duplicates: 0 });
}
const app = createApp({ sites, store, logger, models: modelChanges });
const ACCEPTED = JSON.stringify({ accepted: 20, duplicates: 0, rejected: [] });
app.post('/bench/noop', async function noop(c) {
  JSON.parse(await c.req.text());
  return c.body(ACCEPTED, 202, { 'content-type': 'application/json' });
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  process.send?.({ port: info.port }),
);
process.on('message', async (message) => {
  // The process's CPU time so far, all threads (the SQLite writer's too), µs.
  if (message === 'cpu') return process.send?.({ cpu: process.cpuUsage() });
  if (message === 'lag') return process.send?.({ lag: await store.lag(Date.now()) });
  if (message === 'drain') {
    const started = performance.now();
    await store.caughtUp();
    return process.send?.({ drainMs: performance.now() - started });
  }
  if (message !== 'stop') return;
  server.close();
  await store.close();
  logger.flush();
  process.exit(0);
});
