/**
 * The PostgreSQL store against the real local server (see ../../testing/postgres.ts):
 * the shared storage suite, then what only PostgreSQL has — migrations when
 * collectors start together, monthly partitions and their retention.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../log.js';
import { NOW, wireEvent } from '../../testing.js';
import { freshSchema, queryRows } from '../../testing/postgres.js';
import { batch, storeSuite } from '../testing/store.suite.js';
import type { LagBound } from '../store.js';
import { dumpTables, holdWith } from '../testing/views.js';
import { VIEW_TABLES } from '../engine/viewTables.js';
import { MIGRATIONS } from './migrations.js';
import { monthOf, partitionName } from './partitions.js';
import { PostgresStore } from './postgresStore.js';

const open = (url: string, retentionMonths = 0, lagBound?: LagBound) =>
  PostgresStore.open({
    url,
    logger: silentLogger,
    retentionMonths,
    poolSize: 4,
    ...(lagBound && { lagBound }),
  });

storeSuite({
  name: 'PostgresStore',
  async fresh(lagBound) {
    const url = await freshSchema();
    return {
      open: () => open(url, 0, lagBound),
      // A fold that writes the aggregates waits for this lock, its claimed events still pending.
      holdViews: () => holdWith(url, 'LOCK TABLE content_days IN EXCLUSIVE MODE'),
      views: () => dumpTables(VIEW_TABLES, (table) => queryRows(url, `SELECT * FROM ${table}`)),
    };
  },
});

const partitions = async (url: string) =>
  (
    await queryRows<{ name: string }>(
      url,
      "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass ORDER BY 1",
    )
  ).map((row) => row.name);

describe('PostgresStore schema', () => {
  it('migrates once when several collectors start at the same moment', async () => {
    const url = await freshSchema();
    const stores = await Promise.all([open(url), open(url), open(url)]);
    expect(await queryRows(url, 'SELECT version FROM schema_migrations ORDER BY version')).toEqual(
      MIGRATIONS.map((_, index) => ({ version: index + 1 })),
    );
    await Promise.all(stores.map((store) => store.close()));
  });

  it('keeps raw events, never an address, in monthly partitions created ahead and on demand', async () => {
    const url = await freshSchema();
    const store = await open(url);
    const now = Date.now();
    expect(await partitions(url)).toEqual(
      [-1, 0, 1, 2].map((offset) => partitionName(monthOf(now) + offset)).sort(),
    );
    // NOW (2026-11-22) is months away from today: its partition is created when an event needs it.
    await store.ingest(batch([wireEvent('view', { title: 'T', url: 'https://n.example/a/1' })]));
    expect(await partitions(url)).toContain(partitionName(monthOf(NOW)));
    expect(await queryRows(url, 'SELECT type, ts, data FROM events')).toEqual([
      { type: 'view', ts: String(NOW), data: { title: 'T', url: 'https://n.example/a/1' } },
    ]);
    await store.close();
  });

  it('drops the partitions and the event ids past the retention', async () => {
    const url = await freshSchema();
    const store = await open(url, 2);
    const old = Date.UTC(2020, 0, 15);
    await store.ingest(batch([wireEvent('view', { ts: old })], { receivedAt: old }));
    expect(await partitions(url)).toContain('events_2020_01');
    await store.maintain(Date.now());
    expect(await partitions(url)).not.toContain('events_2020_01');
    expect(await queryRows(url, 'SELECT count(*)::int AS n FROM event_ids')).toEqual([{ n: 0 }]);
    await store.close();
  });
});
