import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, type Model } from '@dwell/score';
import { DAY, NOW, tempDir, wireEvent } from '../../testing.js';
import { batch, readersQuery, storeSuite } from '../testing/store.suite.js';
import { dumpTables, holdSqliteViews } from '../testing/views.js';
import { VIEW_TABLES } from '../engine/viewTables.js';
import { LOG_MIGRATIONS, VIEW_MIGRATIONS } from './migrations.js';
import { DATABASE_FILE, SqliteStore, VIEWS_FILE } from './sqliteStore.js';

storeSuite({
  name: 'SqliteStore',
  async fresh(lagBound) {
    const dataDir = tempDir();
    const viewsFile = join(dataDir, VIEWS_FILE);
    return {
      open: async () => new SqliteStore(dataDir, lagBound && { lagBound }),
      holdViews: async () => holdSqliteViews(dataDir),
      async views() {
        const db = new Database(viewsFile, { readonly: true });
        try {
          return await dumpTables(VIEW_TABLES, (table) => db.prepare(`SELECT * FROM ${table}`).all());
        } finally {
          db.close();
        }
      },
    };
  },
});

describe('SqliteStore files', () => {
  it('keeps raw events and never an address in the log, in WAL mode, at the schema versions', async () => {
    const dataDir = tempDir();
    const store = new SqliteStore(dataDir);
    await store.ingest(batch([wireEvent('view', { title: 'T', url: 'https://n.example/a/1' })]));
    await store.close();
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LOG_MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT type, data FROM events').all()).toEqual([
      { type: 'view', data: '{"title":"T","url":"https://n.example/a/1"}' },
    ]);
    db.close();
    const views = new Database(join(dataDir, VIEWS_FILE), { readonly: true });
    expect(views.pragma('user_version', { simple: true })).toBe(VIEW_MIGRATIONS.length);
    expect(views.pragma('journal_mode', { simple: true })).toBe('wal');
    views.close();
  });

  it('folds each site with its own model, a changed one from the change on', async () => {
    const generous: Model = {
      ...DEFAULT_MODEL,
      signals: { view: { measure: 'views', points: 150, cap: 150 } },
    };
    const dataDir = tempDir();
    const store = new SqliteStore(dataDir, { models: new Map([['generous', generous]]) });
    const view = () => [wireEvent('view')];
    await store.ingest(batch(view(), { site: 'demo', visitor: 'v-default' }));
    await store.ingest(batch(view(), { site: 'generous', visitor: 'v-generous', model: generous }));
    await store.caughtUp();
    await store.ingest(batch(view(), { site: 'demo', visitor: 'v-later', model: generous }));
    await store.caughtUp();
    await store.close();
    const views = new Database(join(dataDir, VIEWS_FILE), { readonly: true });
    const readers = views.prepare('SELECT site, visitor, score_x10 FROM readers ORDER BY visitor').all();
    views.close();
    // A lone view is a bounce under the default model (10 − 10 = 0), 150 of 150 points under the generous one.
    expect(readers).toEqual([
      { site: 'demo', visitor: 'v-default', score_x10: 0 },
      { site: 'generous', visitor: 'v-generous', score_x10: 1000 },
      { site: 'demo', visitor: 'v-later', score_x10: 1000 },
    ]);
  });

  it('answers the default reader comparison while the views stay busy, pairing the periods, and makes the view on the next read', async () => {
    const dataDir = tempDir();
    const store = new SqliteStore(dataDir);
    await store.ingest(batch([wireEvent('view', { ts: NOW - 40 * DAY }), wireEvent('view')]));
    await store.caughtUp();
    const query = readersQuery();
    const periodRows = () => {
      const views = new Database(join(dataDir, VIEWS_FILE), { readonly: true });
      const count = views.prepare('SELECT count(*) FROM reader_periods').pluck().get();
      views.close();
      return count;
    };
    const release = holdSqliteViews(dataDir);
    // The view cannot be made within the busy timeout: the read pairs the periods instead of failing.
    const paired = await store.readerSegments(query);
    expect(paired.moves).toEqual([{ previous: 'low', current: 'low', readers: 1 }]);
    expect(periodRows()).toBe(0);
    await release();
    expect(await store.readerSegments(query)).toEqual(paired);
    expect(periodRows()).toBe(1);
    await store.close();
  }, 20_000);
});
