/**
 * Content metadata (title, url, section, author) from the views. The latest
 * view's values win, since titles change after publication. A row is written
 * only when a group of requests brings something the stored row lacks: most
 * views repeat what is known, and skipping them spares a write per article.
 */
import type Database from 'better-sqlite3';
import type { StoredEvent } from '../store.js';
import { keyOf } from './keys.js';

/** Contents whose stored metadata is remembered; bounded. */
export const KNOWN_CONTENTS = 50_000;

interface Metadata {
  /** title, url, section, author. */
  meta: (string | null)[];
  /** First event time. */
  first: number;
}

interface Touched extends Metadata {
  site: string;
  content: string;
  /** Time of the latest view that set `meta`. */
  seen: number;
}

export class ContentWriter {
  readonly #upsert: Database.Statement;
  #known = new Map<string, Metadata>();
  #touched = new Map<string, Touched>();
  #written: [string, Metadata][] = [];

  constructor(db: Database.Database) {
    this.#upsert = db.prepare(`
      INSERT INTO contents (site, content, title, url, section, author, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (site, content) DO UPDATE SET
        title = coalesce(excluded.title, title),
        url = coalesce(excluded.url, url),
        section = coalesce(excluded.section, section),
        author = coalesce(excluded.author, author),
        first_seen = min(first_seen, excluded.first_seen)`);
  }

  /** Starts a transaction: forgets what a failed one collected. */
  begin(): void {
    this.#touched.clear();
    this.#written = [];
  }

  /** Takes note of an accepted event. */
  note(site: string, event: StoredEvent): void {
    const key = keyOf(site, event.content);
    let entry = this.#touched.get(key);
    if (!entry) {
      entry = {
        site,
        content: event.content,
        meta: [null, null, null, null],
        first: event.ts,
        seen: -Infinity,
      };
      this.#touched.set(key, entry);
    }
    if (event.type === 'view' && event.ts >= entry.seen) {
      const { meta } = entry;
      entry.meta = [event.title, event.url, event.section, event.author].map(
        (value, index) => value ?? meta[index] ?? null,
      );
      entry.seen = event.ts;
    }
    entry.first = Math.min(entry.first, event.ts);
  }

  /** Writes the contents whose stored row lacks something noted, inside the transaction. */
  write(): void {
    for (const [key, { site, content, meta, first }] of this.#touched) {
      const before = this.#known.get(key);
      const after = {
        meta: meta.map((value, index) => value ?? before?.meta[index] ?? null),
        first: Math.min(first, before?.first ?? first),
      };
      if (
        before &&
        after.first === before.first &&
        after.meta.every((value, index) => value === before.meta[index])
      )
        continue;
      this.#upsert.run(site, content, ...meta, first);
      this.#written.push([key, after]);
    }
  }

  /**
   * The transaction committed: remember what is stored now. Another process
   * writing the same contents may make a title lag here, never a count.
   */
  committed(): void {
    if (this.#known.size + this.#written.length > KNOWN_CONTENTS) this.#known = new Map();
    for (const [key, metadata] of this.#written) this.#known.set(key, metadata);
  }
}
