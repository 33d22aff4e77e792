/**
 * Internet scale on one machine: a three-node JetStream cluster (a stream of
 * three replicas), three collector processes and two materializer processes
 * on one PostgreSQL database, and one SQLite collector as the reference.
 * The same event stream, split and duplicated across the collectors, is sent
 * in three waves: undisturbed; while one NATS node is killed with -9 and
 * started again; while a materializer is killed with -9. Afterwards every
 * event is stored once, every visitor's content and reader score and the
 * ranked list equal the SQLite collector's, and the views equal a rebuild
 * from the raw events.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireEvent } from '@dwell/contract';
import { tempDir } from '../../testing.js';
import { startNats, type NatsServers } from '../../testing/natsServers.js';
import { freshSchema, queryRows } from '../../testing/postgres.js';
import {
  buildCollector,
  getRead,
  postBatch,
  readJson,
  ROOT,
  startCollectorProcess,
  startMaterializerProcess,
  type Running,
} from '../../testing/process.js';
import { random } from '../../testing/random.js';
import { VIEW_TABLES } from '../engine/viewTables.js';
import { dumpTables } from '../testing/views.js';

const DAY = 86_400_000;
const VISITORS = 30;
const CONTENTS = ['/a/1', '/a/2', '/a/3'];
/** How often a sender tries a request the collector answered 503 (the SDK retries too), and how long between. */
const SEND_TRIES = 80;
const RETRY_MS = 250;
/** How often a score is asked while the collector answers 503 (`readScore`). */
const READ_TRIES = 3;

/** A score's answer; a reader's says when it was last seen. */
type Answer = Record<string, unknown> & { last_seen?: string };

interface Batch {
  site: string;
  visitor: string;
  sent_at: number;
  events: WireEvent[];
}

/** Each visitor's events over the last days in `batches` requests: views, engaged time, shares, ratings. */
function wave(now: number, name: string, seed: number, batches = 2): Batch[] {
  const next = random(seed);
  const out: Batch[] = [];
  for (let v = 0; v < VISITORS; v++) {
    for (let b = 0; b < batches; b++) {
      const events: WireEvent[] = [];
      for (let n = 0; n < 10; n++) {
        const content = CONTENTS[Math.floor(next() * CONTENTS.length)] as string;
        const base = {
          id: `${name}-${v}-${b}-${n}`,
          content,
          session: `s-${v}-${Math.floor(next() * 3)}`,
          ts: now - Math.floor(next() * 5 * DAY),
        };
        const kind = next();
        if (kind < 0.3) events.push({ ...base, type: 'view' });
        else if (kind < 0.8) events.push({ ...base, type: 'engage', ms: Math.floor(next() * 20_000) });
        else if (kind < 0.9) events.push({ ...base, type: 'share', channel: 'copy' });
        else events.push({ ...base, type: 'feedback', rating: 1 + Math.floor(next() * 5) });
      }
      out.push({ site: 'demo', visitor: `v${v}`, sent_at: now, events });
    }
  }
  return out;
}

/** Posts until the collector takes it, as the SDK's queue would: `sent_at` is each attempt's. */
async function deliver(url: string, body: Batch): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const response = await postBatch(url, { ...body, sent_at: Date.now() }).catch(() => null);
    if (response?.status === 202) return;
    if (response && response.status !== 503) throw new Error(`${response.status}: ${await response.text()}`);
    if (attempt >= SEND_TRIES) throw new Error(`not accepted after ${SEND_TRIES} tries`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

let nats: NatsServers;
let databaseUrl: string;
let collectors: Running[] = [];
let materializers: Running[] = [];
let sqlite: Running;
const sent: Batch[] = [];

function streamEnv(): Record<string, string> {
  return {
    DWELL_DATABASE_URL: databaseUrl,
    DWELL_NATS_URL: nats.urls.join(','),
    DWELL_NATS_STREAM: 'scale',
    DWELL_NATS_REPLICAS: '3',
    DWELL_NATS_PARTITIONS: '8',
  };
}

beforeAll(async () => {
  buildCollector();
  [nats, databaseUrl] = await Promise.all([startNats({ nodes: 3 }), freshSchema()]);
  // The first collector migrates and makes the stream; the rest start together.
  collectors = [await startCollectorProcess(streamEnv())];
  collectors.push(...(await Promise.all([1, 2].map(() => startCollectorProcess(streamEnv())))));
  materializers = await Promise.all([0, 1].map(() => startMaterializerProcess(streamEnv())));
  sqlite = await startCollectorProcess({ DWELL_DATA_DIR: tempDir() });
}, 90_000);

afterAll(async () => {
  for (const running of [...collectors, ...materializers, sqlite]) running?.kill();
  await nats?.destroy();
});

/** Sends each batch whole to two collectors and in halves to two, and once to SQLite; `during` runs meanwhile. */
async function send(batches: Batch[], seed: number, during?: () => Promise<void>): Promise<void> {
  const next = random(seed);
  const sends: Promise<void>[] = [];
  const disturbance = during?.();
  for (const [index, batch] of batches.entries()) {
    const [a, b, c] = [0, 1, 2].sort(() => next() - 0.5).map((at) => collectors[at]) as [
      Running,
      Running,
      Running,
    ];
    const half = Math.floor(batch.events.length / 2);
    sends.push(deliver(a.url, batch), deliver(b.url, batch));
    sends.push(deliver(c.url, { ...batch, events: batch.events.slice(0, half) }));
    sends.push(deliver(a.url, { ...batch, events: batch.events.slice(half) }));
    sends.push(deliver(sqlite.url, batch));
    // Spread over time, so the disturbance lands in the middle of the wave.
    if (index % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await Promise.all([...sends, disturbance]);
  sent.push(...batches);
}

/** Resolves once a collector's `/healthz` says the views hold the whole stream. */
async function noLag(): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    const health = (await readJson(collectors[0]!.url, '/healthz')) as { lag: { events: number } };
    if (health.lag.events === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const positions = await queryRows(databaseUrl, 'SELECT partition, seq FROM stream_positions ORDER BY 1');
  throw new Error(`the materializers did not catch up in 20 s: positions ${JSON.stringify(positions)}`);
}

/** Where the partitions are and what the materializers said: when a read waited too long, a CI log is all there is. */
async function diagnosis(): Promise<string> {
  const positions = await queryRows(databaseUrl, 'SELECT partition, seq FROM stream_positions ORDER BY 1');
  const health = await readJson(collectors[0]!.url, '/healthz').catch(String);
  const said = materializers.map(
    (running, index) => `materializer ${index}:\n${running.output().slice(-4_000)}`,
  );
  return [`positions ${JSON.stringify(positions)}`, `healthz ${JSON.stringify(health)}`, ...said].join('\n');
}

/**
 * A collector's score, asked again as `Retry-After` says while it answers
 * 503 (its materializers had not folded the visitor's events within the
 * read's bound: the API's "ask again"), at most `READ_TRIES` times; each
 * 503 prints the diagnosis, so a slow takeover shows in the log even when
 * a later try succeeds.
 */
async function readScore(url: string, path: string): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    const response = await getRead(url, path);
    if (response.status === 200) return (await response.json()) as Answer;
    const failure = `${path}: ${response.status} ${await response.text()} (try ${attempt})\n${await diagnosis()}`;
    if (response.status !== 503 || attempt >= READ_TRIES) throw new Error(failure);
    console.warn(failure);
    await new Promise((resolve) =>
      setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1_000),
    );
  }
}

describe('collectors on a three-node JetStream cluster, materializers into PostgreSQL', () => {
  it('take the stream undisturbed', async () => {
    await send(wave(Date.now(), 'w1', 1), 11);
  }, 60_000);

  it('take it while a NATS node is killed with -9 and started again', async () => {
    const node = nats.nodes[1]!;
    await send(wave(Date.now(), 'w2', 2, 4), 12, async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await node.kill();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await node.start();
    });
  }, 90_000);

  it('take it while a materializer is killed with -9; the other takes its partitions over', async () => {
    await send(wave(Date.now(), 'w3', 3, 4), 13, async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      materializers[0]!.kill();
    });
  }, 90_000);

  it('store every event once and score every visitor, reader and content as one SQLite collector does', async () => {
    const unique = new Set(sent.flatMap((batch) => batch.events.map((event) => event.id))).size;
    for (let v = 0; v < VISITORS; v++) {
      // The reads wait for the visitor's partition: no waiting for the whole stream first.
      const paths = [
        `/v1/sites/demo/visitors/v${v}/score`,
        ...CONTENTS.map(
          (content) => `/v1/sites/demo/visitors/v${v}/score?content=${encodeURIComponent(content)}`,
        ),
      ];
      for (const path of paths) {
        const { last_seen: sqliteSeen, ...fromSqlite } = (await readJson(sqlite.url, path)) as Answer;
        const { last_seen: seen, ...answer } = await readScore((collectors[v % 3] as Running).url, path);
        expect(answer).toEqual(fromSqlite);
        // Each collector moved the events onto its own clock when it received them: milliseconds apart.
        if (sqliteSeen) expect(Math.abs(Date.parse(seen ?? '') - Date.parse(sqliteSeen))).toBeLessThan(5_000);
      }
    }
    expect(await queryRows(databaseUrl, 'SELECT count(*)::int AS n FROM events')).toEqual([{ n: unique }]);
    // The list may lag by the materializers' lag: once it is none, it is the same.
    await noLag();
    const list = '/v1/sites/demo/content?limit=1000';
    const [fromSqlite, ...fromStream] = await Promise.all(
      [sqlite, ...collectors].map((running) => readJson(running.url, list)),
    );
    for (const answer of fromStream) expect(answer).toEqual(fromSqlite);
    const readers = '/v1/sites/demo/readers';
    expect(await readJson(collectors[1]!.url, readers)).toEqual(await readJson(sqlite.url, readers));
  }, 60_000);

  it('keeps views equal to a rebuild from the raw events (npm run rebuild)', async () => {
    const views = () => dumpTables(VIEW_TABLES, (table) => queryRows(databaseUrl, `SELECT * FROM ${table}`));
    await noLag();
    const before = await views();
    execFileSync(process.execPath, [join(ROOT, 'apps/collector/dist/rebuild.js')], {
      env: { ...process.env, DWELL_CONFIG: '', NODE_ENV: 'test', ...streamEnv() },
    });
    expect(await views()).toEqual(before);
  }, 60_000);
});
