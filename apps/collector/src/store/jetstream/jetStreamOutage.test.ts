/**
 * Outages around the JetStream log, with real processes and servers:
 * the database stops while ingest goes on (the stream holds the events, the
 * materializer folds them once it is back, and every score equals a SQLite
 * collector's); and two of three NATS nodes die (no quorum: ingest answers
 * 503 with Retry-After in time, and takes the same batch once they are back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { WireEvent } from '@dwell/contract';
import { tempDir } from '../../testing.js';
import { startNats, type NatsServers } from '../../testing/natsServers.js';
import { freshSchema, queryRows } from '../../testing/postgres.js';
import { startPrivatePostgres } from '../../testing/privatePostgres.js';
import {
  buildCollector,
  postBatch,
  readJson,
  startCollectorProcess,
  startMaterializerProcess,
} from '../../testing/process.js';
import { partitionLags } from './partitionLag.js';
import { streamOptionsOf } from './streamOptions.js';

const DAY_MS = 86_400_000;
const VISITORS = 6;
const CONTENTS = ['/o/1', '/o/2'];
/** Short, so a publish without quorum is answered 503 quickly. */
const PUBLISH_TIMEOUT_MS = 1_500;
/** How much later than the publish timeout a 503 may come (the HTTP round trip, a reconnect). */
const ANSWER_SLACK_MS = 1_500;
const CATCH_UP_MS = 30_000;
const RECOVERY_MS = 30_000;
const POLL_MS = 200;

type Batch = { site: string; visitor: string; sent_at: number; events: WireEvent[] };
type Health = { lag: { events: number }; stream: { partitions: { messages: number | null }[] } };
type Answer = Record<string, unknown> & { last_seen?: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Every process and server started, stopped in afterAll whatever happened. */
const stops: (() => unknown)[] = [];
beforeAll(buildCollector, 60_000);
afterAll(() => Promise.allSettled(stops.map(async (stop) => stop())), 30_000);

async function tracked<T>(starting: Promise<T>, stop: (started: T) => unknown): Promise<T> {
  const started = await starting;
  stops.push(() => stop(started));
  return started;
}
const collector = (env: Record<string, string>) => tracked(startCollectorProcess(env), (r) => r.kill());
const materializer = (env: Record<string, string>) => tracked(startMaterializerProcess(env), (r) => r.kill());
const nats = (nodes: 1 | 3) => tracked(startNats({ nodes }), (servers) => servers.destroy());

function streamEnv(databaseUrl: string, servers: NatsServers, replicas: number): Record<string, string> {
  return {
    DWELL_DATABASE_URL: databaseUrl,
    DWELL_NATS_URL: servers.urls.join(','),
    DWELL_NATS_STREAM: 'outage',
    DWELL_NATS_REPLICAS: String(replicas),
    DWELL_NATS_PARTITIONS: '8',
    DWELL_NATS_PUBLISH_TIMEOUT_MS: String(PUBLISH_TIMEOUT_MS),
  };
}

/** Ten events of one visitor: views, engaged time, shares, ratings, over the last days. */
function batchOf(name: string, index: number): Batch {
  const now = Date.now();
  const events = Array.from({ length: 10 }, (_, n): WireEvent => {
    const base = {
      id: `${name}-${index}-${n}`,
      content: CONTENTS[(index + n) % CONTENTS.length] as string,
      session: `s-${index % 3}`,
      // Minutes apart across batches: a visitor's ratings of a content never tie to the collectors' clock shift.
      ts: now - ((index * 7 + n) % 4) * DAY_MS - index * 60_000 - n * 1_000,
    };
    if (n % 5 === 0) return { ...base, type: 'view' };
    if (n === 7) return { ...base, type: 'share', channel: 'copy' };
    if (n === 9) return { ...base, type: 'feedback', rating: 1 + (index % 5) };
    return { ...base, type: 'engage', ms: 1_000 + ((index * 13 + n) % 9) * 2_000 };
  });
  return { site: 'demo', visitor: `v${index % VISITORS}`, sent_at: now, events };
}

async function status(url: string, batch: Batch): Promise<number> {
  const response = await postBatch(url, { ...batch, sent_at: Date.now() });
  await response.body?.cancel();
  return response.status;
}

/** The views' lag behind the stream, from NATS itself: /healthz cannot say it while the database is away. */
async function streamLag(env: Record<string, string>): Promise<number> {
  const options = streamOptionsOf(env);
  if (!options.ok || !options.options) throw new Error('no stream options');
  const connection = await connect({ servers: options.options.servers });
  try {
    const lags = await partitionLags(await jetstreamManager(connection), options.options, [], null);
    return lags.reduce((sum, lag) => sum + (lag.messages ?? 0), 0);
  } finally {
    await connection.close();
  }
}

/** Waits until /healthz says the views hold the whole stream. */
async function caughtUp(url: string): Promise<void> {
  let last = 'no answer';
  for (const deadline = Date.now() + CATCH_UP_MS; Date.now() < deadline; await sleep(POLL_MS)) {
    const response = await fetch(`${url}/healthz`);
    last = `${response.status} ${await response.text()}`;
    if (response.status !== 200) continue;
    const health = JSON.parse(last.slice(4)) as Health;
    if (health.lag.events === 0) return;
  }
  throw new Error(`the materializer did not catch up in ${CATCH_UP_MS} ms: ${last}`);
}

const READ_KEY = { authorization: 'Bearer demo-read-key' };

const distinctIds = (batches: Batch[]) => new Set(batches.flatMap((b) => b.events.map((e) => e.id))).size;

describe('JetStream mode through outages', () => {
  it('takes events while the database is stopped, and folds them once it is back', async () => {
    const [postgres, servers] = await Promise.all([
      tracked(startPrivatePostgres(), (server) => server.destroy()),
      nats(1),
    ]);
    const env = streamEnv(postgres.url, servers, 1);
    const ingest = await collector(env);
    const folder = await materializer(env);
    const sqlite = await collector({ DWELL_DATA_DIR: tempDir() });
    const sent: Batch[] = [];
    async function send(batch: Batch): Promise<void> {
      expect(await status(ingest.url, batch)).toBe(202);
      expect(await status(sqlite.url, batch)).toBe(202);
      sent.push(batch);
    }

    const batches = Array.from({ length: 20 }, (_, i) => batchOf('db', i));
    for (const batch of batches.slice(0, 8)) await send(batch);
    // Every partition's consumer made and folded: the outage starts from no lag.
    await caughtUp(ingest.url);
    postgres.crash();
    for (const batch of batches.slice(8, 14)) await send(batch);
    const lagMidway = await streamLag(env);
    // A retried request (one message) and half of a batch again in another request (duplicate events).
    await send(batches[3]!);
    await send({ ...batches[5]!, events: batches[5]!.events.slice(5) });
    for (const batch of batches.slice(14)) await send(batch);
    expect(lagMidway).toBeGreaterThanOrEqual(6);
    expect(await streamLag(env)).toBeGreaterThanOrEqual(lagMidway + 7);
    // /healthz is ingest's: 200 while it takes events, saying the database is away; reads are 503s to retry.
    const health = await fetch(`${ingest.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      stream: { writable: true, database: expect.not.stringMatching(/^ok$/) },
    });
    const read = await fetch(`${ingest.url}/v1/sites/demo/visitors/v1/score`, { headers: READ_KEY });
    expect([read.status, read.headers.get('retry-after')]).toEqual([503, '1']);
    await read.body?.cancel();

    postgres.start();
    await caughtUp(ingest.url);
    for (const running of [ingest, folder]) expect(running.child.exitCode).toBeNull();
    for (let v = 0; v < VISITORS; v++) {
      const scores = `/v1/sites/demo/visitors/v${v}/score`;
      for (const path of [scores, ...CONTENTS.map((c) => `${scores}?content=${encodeURIComponent(c)}`)]) {
        const { last_seen: sqliteSeen, ...expected } = (await readJson(sqlite.url, path)) as Answer;
        const { last_seen: seen, ...answer } = (await readJson(ingest.url, path)) as Answer;
        expect(answer).toEqual(expected);
        // Each collector put the events on its own clock when it received them: milliseconds apart.
        if (sqliteSeen) expect(Math.abs(Date.parse(seen ?? '') - Date.parse(sqliteSeen))).toBeLessThan(5_000);
      }
    }
    const stored = await queryRows(postgres.url, 'SELECT count(*)::int AS n FROM events');
    expect(stored).toEqual([{ n: distinctIds(sent) }]);
  }, 120_000);

  it('answers 503 without quorum, and takes the same batch once the nodes are back', async () => {
    const [servers, databaseUrl] = await Promise.all([nats(3), freshSchema()]);
    const env = streamEnv(databaseUrl, servers, 3);
    const ingest = await collector(env);
    const [first, retried] = [batchOf('quorum', 0), batchOf('quorum', 1)];
    expect(await status(ingest.url, first)).toBe(202);

    await Promise.all(servers.nodes.slice(1).map((node) => node.kill()));
    const started = Date.now();
    const refused = await postBatch(ingest.url, retried);
    expect(Date.now() - started).toBeLessThan(PUBLISH_TIMEOUT_MS + ANSWER_SLACK_MS);
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([503, '1']);
    await refused.body?.cancel();
    // What a load balancer asks: this collector cannot take events now.
    expect((await fetch(`${ingest.url}/healthz`)).status).toBe(503);
    await sleep(PUBLISH_TIMEOUT_MS);
    expect(ingest.child.exitCode).toBeNull();

    await Promise.all(servers.nodes.slice(1).map((node) => node.start()));
    const statuses: number[] = [];
    for (const deadline = Date.now() + RECOVERY_MS; statuses.at(-1) !== 202; await sleep(POLL_MS)) {
      if (Date.now() > deadline) throw new Error(`no 202 in ${RECOVERY_MS} ms: ${statuses.join(',')}`);
      statuses.push(await status(ingest.url, retried));
    }
    // Refused while the stream elects its leaders again, never failed otherwise.
    expect(statuses.filter((code) => code !== 503)).toEqual([202]);
    await materializer(env);
    await caughtUp(ingest.url);
    const stored = await queryRows(databaseUrl, 'SELECT count(*)::int AS n FROM events');
    expect(stored).toEqual([{ n: distinctIds([first, retried]) }]);
    expect(ingest.child.exitCode).toBeNull();
  }, 120_000);
});
