/**
 * The PostgreSQL store behind a JetStream log, against a real nats-server
 * of the test's own and the local PostgreSQL: the shared storage suite,
 * each store opened with a materializer beside it as a collector process
 * and a materializer process would run, then what only the stream has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../log.js';
import { wireEvent } from '../../testing.js';
import { startNats, type NatsServers } from '../../testing/natsServers.js';
import { freshSchema, queryRows } from '../../testing/postgres.js';
import { VIEW_TABLES } from '../engine/viewTables.js';
import { PostgresStore } from '../postgres/postgresStore.js';
import type { Store } from '../store.js';
import { batch, storeSuite } from '../testing/store.suite.js';
import { dumpTables, holdWith } from '../testing/views.js';
import { StreamMaterializer } from './streamMaterializer.js';
import type { StreamOptions } from './streamOptions.js';

let nats: NatsServers;
let streams = 0;

beforeAll(async () => {
  nats = await startNats();
}, 30_000);

afterAll(async () => {
  await nats?.destroy();
});

function streamOptions(): StreamOptions {
  return {
    servers: nats.urls,
    stream: `t${++streams}`,
    partitions: 4,
    replicas: 1,
    maxAgeMs: 3_600_000,
    maxBytes: -1,
    duplicateWindowMs: 120_000,
    publishTimeoutMs: 5_000,
  };
}

async function startMaterializer(url: string, stream: StreamOptions): Promise<StreamMaterializer> {
  const materializer = new StreamMaterializer({
    stream,
    databaseUrl: url,
    logger: silentLogger,
    poolSize: 4,
  });
  await materializer.start();
  return materializer;
}

/** A collector's store and a materializer of its stream, closed together. */
async function openBoth(url: string, stream: StreamOptions): Promise<Store> {
  const store = await PostgresStore.open({ url, logger: silentLogger, poolSize: 4, stream });
  const materializer = await startMaterializer(url, stream);
  const closeStore = store.close.bind(store);
  return Object.assign(store, {
    async close() {
      await closeStore();
      await materializer.close();
    },
  });
}

storeSuite({
  name: 'PostgresStore behind JetStream',
  countsPerEvent: false,
  boundsLag: false,
  async fresh() {
    const url = await freshSchema();
    const stream = streamOptions();
    return {
      open: () => openBoth(url, stream),
      // A fold that writes the aggregates waits for this lock, its messages unacknowledged.
      holdViews: () => holdWith(url, 'LOCK TABLE content_days IN EXCLUSIVE MODE'),
      views: () => dumpTables(VIEW_TABLES, (table) => queryRows(url, `SELECT * FROM ${table}`)),
    };
  },
});

describe('PostgresStore behind JetStream', () => {
  it('answers ingest without the database, and folds once it is back', async () => {
    const url = await freshSchema();
    const stream = streamOptions();
    const store = await PostgresStore.open({ url, logger: silentLogger, poolSize: 4, stream });
    // No materializer yet: the stream holds the events, the views have none.
    const events = [wireEvent('view', { title: 'T' }), wireEvent('engage', { ms: 30_000 })];
    expect(await store.ingest(batch(events))).toEqual({ accepted: 2, duplicates: 0 });
    const lag = await store.lag();
    expect(lag.stream?.messages).toBe(1);
    expect(await queryRows(url, 'SELECT count(*)::int AS n FROM events')).toEqual([{ n: 0 }]);
    const materializer = await startMaterializer(url, stream);
    await store.caughtUp();
    expect(await queryRows(url, 'SELECT count(*)::int AS n FROM events')).toEqual([{ n: 2 }]);
    expect(materializer.stats()).toMatchObject({ messages: 1, events: 2, duplicates: 0 });
    await store.close();
    await materializer.close();
  }, 30_000);

  it('shares the partitions between materializers, and a second takes over the first one’s', async () => {
    const url = await freshSchema();
    const stream = streamOptions();
    const first = new StreamMaterializer({ stream, databaseUrl: url, logger: silentLogger, poolSize: 2 });
    await first.start();
    expect(first.stats().partitions).toEqual([0, 1, 2, 3]);
    const second = new StreamMaterializer({ stream, databaseUrl: url, logger: silentLogger, poolSize: 2 });
    await second.start();
    const waitFor = async (check: () => boolean) => {
      for (let tries = 0; !check() && tries < 100; tries++)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(check()).toBe(true);
    };
    await waitFor(() => first.stats().partitions.length === 2 && second.stats().partitions.length === 2);
    await first.close();
    await waitFor(() => second.stats().partitions.length === 4);
    await second.close();
  }, 30_000);
});
