import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, type Model } from '@dwell/score';
import { tempDir, wireEvent } from '../../testing.js';
import { batch } from '../store.suite.js';
import { DATABASE_FILE, SqliteStore } from './sqliteStore.js';
import { MAX_PENDING_BATCHES, SqliteWriter } from './writerClient.js';

/** A migrated database file, as `SqliteStore` leaves it for its writer. */
async function migratedFile(): Promise<string> {
  const dataDir = tempDir();
  await new SqliteStore(dataDir).close();
  return join(dataDir, DATABASE_FILE);
}

function storedIds(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], string>('SELECT id FROM events ORDER BY id').pluck().all();
  } finally {
    db.close();
  }
}

describe('SqliteWriter', () => {
  it('settles each batch of a group with its own counts, once committed', async () => {
    const file = await migratedFile();
    const writer = new SqliteWriter(file);
    const first = wireEvent('view', { id: 'w-1' });
    const results = await Promise.all([
      writer.submit(batch([first, wireEvent('engage', { id: 'w-2' })])),
      writer.submit(batch([first])),
      writer.submit(batch([])),
    ]);
    expect(results).toEqual([
      { accepted: 2, duplicates: 0 },
      { accepted: 0, duplicates: 1 },
      { accepted: 0, duplicates: 0 },
    ]);
    // Acknowledged means committed: another connection sees the events before the writer closes.
    expect(storedIds(file)).toEqual(['w-1', 'w-2']);
    await writer.close();
  });

  it('scores each batch with its own site model, when the model changes between two batches of a group', async () => {
    const file = await migratedFile();
    const writer = new SqliteWriter(file);
    const generous: Model = {
      ...DEFAULT_MODEL,
      signals: { view: { measure: 'views', points: 150, cap: 150 } },
    };
    await Promise.all([
      writer.submit(batch([wireEvent('view')], { visitor: 'v-default' })),
      writer.submit(batch([wireEvent('view')], { visitor: 'v-generous', model: generous })),
      writer.submit(batch([wireEvent('view')], { visitor: 'v-default-again' })),
    ]);
    await writer.close();
    const db = new Database(file, { readonly: true });
    const readers = db.prepare('SELECT visitor, score_x10 FROM readers ORDER BY visitor').all();
    db.close();
    // A lone view is a bounce under the default model (10 − 10 = 0), 150 of 150 points under the generous one.
    expect(readers).toEqual([
      { visitor: 'v-default', score_x10: 0 },
      { visitor: 'v-default-again', score_x10: 0 },
      { visitor: 'v-generous', score_x10: 1000 },
    ]);
  });

  it('commits what it holds before closing', async () => {
    const file = await migratedFile();
    const writer = new SqliteWriter(file);
    const pending = writer.submit(batch([wireEvent('view', { id: 'w-3' })]));
    await writer.close();
    await expect(pending).resolves.toEqual({ accepted: 1, duplicates: 0 });
    expect(storedIds(file)).toEqual(['w-3']);
  });

  it('refuses the batches of a thread that dies, naming why, and starts another for the next', async () => {
    const missing = join(tempDir(), 'no', 'such', 'dir', DATABASE_FILE);
    const writer = new SqliteWriter(missing);
    await expect(writer.submit(batch([wireEvent('view')]))).rejects.toThrow(
      /the SQLite writer thread stopped \(exit code 1\): Cannot open database because the directory does not exist/,
    );
    await expect(writer.submit(batch([wireEvent('view')]))).rejects.toThrow(/writer thread stopped/);
    await writer.close();
  });

  it(`refuses batches beyond ${MAX_PENDING_BATCHES} waiting, and takes them again once it caught up`, async () => {
    const writer = new SqliteWriter(await migratedFile());
    const waiting = Array.from({ length: MAX_PENDING_BATCHES }, (_, index) =>
      writer.submit(batch([], { visitor: `v${index}` })),
    );
    await expect(writer.submit(batch([]))).rejects.toThrow(
      `the SQLite writer is ${MAX_PENDING_BATCHES} batches behind`,
    );
    await Promise.all(waiting);
    await expect(writer.submit(batch([]))).resolves.toEqual({ accepted: 0, duplicates: 0 });
    await writer.close();
  });

  it('closes at once when it never started', async () => {
    await new SqliteWriter(join(tempDir(), DATABASE_FILE)).close();
  });
});
