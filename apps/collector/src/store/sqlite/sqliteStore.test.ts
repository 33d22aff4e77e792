import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, wireEvent } from '../../testing.js';
import { batch, storeSuite } from '../store.suite.js';
import { DATABASE_FILE, SqliteStore } from './sqliteStore.js';

storeSuite({
  name: 'SqliteStore',
  async fresh() {
    const dataDir = tempDir();
    return async () => new SqliteStore(dataDir);
  },
});

describe('SqliteStore file', () => {
  it('keeps raw events and never an address, in WAL mode, at schema version 1', async () => {
    const dataDir = tempDir();
    const store = new SqliteStore(dataDir);
    await store.ingest(batch([wireEvent('view', { title: 'T', url: 'https://n.example/a/1' })]));
    await store.close();
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT type, data FROM events').all()).toEqual([
      { type: 'view', data: '{"title":"T","url":"https://n.example/a/1"}' },
    ]);
    db.close();
  });
});
