import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, wireEvent } from '../../testing.js';
import { batch } from '../testing/store.suite.js';
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
    // One group, one commit: every batch learns the log's end after it.
    expect(results).toEqual([
      { counts: { accepted: 2, duplicates: 0 }, lastSeq: 2 },
      { counts: { accepted: 0, duplicates: 1 }, lastSeq: 2 },
      { counts: { accepted: 0, duplicates: 0 }, lastSeq: 2 },
    ]);
    // Acknowledged means committed: another connection sees the events before the writer closes.
    expect(storedIds(file)).toEqual(['w-1', 'w-2']);
    await writer.close();
  });

  it('commits what it holds before closing', async () => {
    const file = await migratedFile();
    const writer = new SqliteWriter(file);
    const pending = writer.submit(batch([wireEvent('view', { id: 'w-3' })]));
    await writer.close();
    await expect(pending).resolves.toEqual({ counts: { accepted: 1, duplicates: 0 }, lastSeq: 1 });
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
    await expect(writer.submit(batch([]))).resolves.toEqual({
      counts: { accepted: 0, duplicates: 0 },
      lastSeq: 0,
    });
    await writer.close();
  });

  it('closes at once when it never started', async () => {
    await new SqliteWriter(join(tempDir(), DATABASE_FILE)).close();
  });
});
