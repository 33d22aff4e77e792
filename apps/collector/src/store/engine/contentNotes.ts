/**
 * Content metadata (title, url, section, author) from the views. The latest
 * view's values win, since titles change after publication. A row is written
 * only when a group of requests brings something the stored row lacks: most
 * views repeat what is known, and skipping them spares a write per article.
 * Store-agnostic: the store upserts the rows `changes()` returns.
 */
import { keyOf } from './keys.js';
import type { StoredEvent } from '../store.js';

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

/** One row to upsert: null fields keep the stored value, `first` keeps the earlier one. */
export interface ContentRow {
  site: string;
  content: string;
  title: string | null;
  url: string | null;
  section: string | null;
  author: string | null;
  first: number;
}

/** What the store holds, as far as this process knows: shared by the transactions of one store. */
export class KnownContents {
  map = new Map<string, Metadata>();
}

/** One transaction's notes (PostgreSQL runs several at once); `known` is the store's. */
export class ContentNotes {
  readonly #known: KnownContents;
  #touched = new Map<string, Touched>();
  #written: [string, Metadata][] = [];

  constructor(known = new KnownContents()) {
    this.#known = known;
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

  /** The contents whose stored row lacks something noted, sorted by key, to write in the transaction. */
  changes(): ContentRow[] {
    const rows: ContentRow[] = [];
    for (const [key, { site, content, meta, first }] of this.#touched) {
      const before = this.#known.map.get(key);
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
      const [title = null, url = null, section = null, author = null] = meta;
      rows.push({ site, content, title, url, section, author, first });
      this.#written.push([key, after]);
    }
    return rows.sort((a, b) => {
      const [x, y] = [keyOf(a.site, a.content), keyOf(b.site, b.content)];
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }

  /**
   * The transaction committed: remember what is stored now. Another process
   * writing the same contents may make a title lag here, never a count.
   */
  committed(): void {
    const known = this.#known;
    if (known.map.size + this.#written.length > KNOWN_CONTENTS) known.map = new Map();
    for (const [key, metadata] of this.#written) known.map.set(key, metadata);
  }
}
