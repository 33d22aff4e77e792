/**
 * An event as the log keeps it, the same columns in every store: what the
 * score reads has a column (`ms`, `depth`, `name`), the rest of the event is
 * JSON in `data` (`dataOf`). The materializer turns a row back into the
 * event it was (`storedEventOf`), so the views fold exactly what ingest
 * accepted.
 */
import type { LogBatch, StoredEvent } from '../store.js';

export interface LogRow {
  site: string;
  id: string;
  visitor: string;
  content: string;
  session: string;
  type: StoredEvent['type'];
  ts: number;
  client_ts: number;
  received_at: number;
  ms: number | null;
  depth: number | null;
  name: string | null;
  data: string | null;
}

/** The columns of `LogRow`, in the order the stores insert them. */
export const LOG_COLUMNS = [
  'site',
  'id',
  'visitor',
  'content',
  'session',
  'type',
  'ts',
  'client_ts',
  'received_at',
  'ms',
  'depth',
  'name',
  'data',
] as const satisfies readonly (keyof LogRow)[];

/**
 * The row whose values, in `LOG_COLUMNS` order, start at `offset` of
 * `values`: a store reads the log as arrays, since building row objects
 * costs better-sqlite3 about three times as much (see `sqlite/queries.ts`).
 */
export function logRowOf(values: readonly unknown[], offset = 0): LogRow {
  const at = (index: number) => values[offset + index];
  return {
    site: at(0) as string,
    id: at(1) as string,
    visitor: at(2) as string,
    content: at(3) as string,
    session: at(4) as string,
    type: at(5) as LogRow['type'],
    ts: at(6) as number,
    client_ts: at(7) as number,
    received_at: at(8) as number,
    ms: at(9) as number | null,
    depth: at(10) as number | null,
    name: at(11) as string | null,
    data: at(12) as string | null,
  };
}

/** The parts of an event the score does not read, as JSON, or null. */
function dataOf(event: StoredEvent): string | null {
  switch (event.type) {
    case 'view': {
      const { title, url, referrer, section, author } = event;
      return JSON.stringify({ title, url, referrer, section, author });
    }
    case 'share':
      return JSON.stringify({ channel: event.channel });
    case 'custom':
      return event.props ? JSON.stringify({ props: event.props }) : null;
    // The score reads the rating, but ratings are rare: a column for them is not worth a migration of the log.
    case 'feedback':
      return JSON.stringify({ rating: event.rating });
    default:
      return null;
  }
}

/** The row's values in `LOG_COLUMNS` order; `batch`: the event's origin (a batch, or a `LoggedEvent`). */
export function logValues(
  batch: Pick<LogBatch, 'site' | 'visitor' | 'receivedAt'>,
  event: StoredEvent,
): unknown[] {
  return [
    batch.site,
    event.id,
    batch.visitor,
    event.content,
    event.session,
    event.type,
    event.ts,
    event.clientTs,
    batch.receivedAt,
    event.type === 'engage' ? event.ms : null,
    event.type === 'scroll' ? event.depth : null,
    event.type === 'custom' ? event.name : null,
    dataOf(event),
  ];
}

/**
 * The event a log row holds. Built field by field, and the JSON rest copied
 * with `Object.assign`: object spread here cost ten times as much in a
 * microbenchmark (engage rows 2.7–3.7 → 0.1–0.3 µs; spreading a parsed
 * object, a view's rest, 5 µs against 0.5), and a SQLite or PostgreSQL fold
 * turns every event it folds back from its row.
 */
export function storedEventOf(row: LogRow): StoredEvent {
  const { id, content, session, ts, client_ts: clientTs } = row;
  switch (row.type) {
    case 'view':
      return Object.assign({ id, content, session, ts, clientTs, type: 'view' as const }, keptOf(row));
    case 'engage':
      return { id, content, session, ts, clientTs, type: 'engage', ms: row.ms ?? 0 };
    case 'scroll':
      return { id, content, session, ts, clientTs, type: 'scroll', depth: row.depth ?? 0 };
    case 'share':
      return { id, content, session, ts, clientTs, type: 'share', channel: keptOf(row).channel ?? '' };
    case 'custom':
      return Object.assign(
        { id, content, session, ts, clientTs, type: 'custom' as const, name: row.name ?? '' },
        keptOf(row),
      );
    case 'feedback':
      return { id, content, session, ts, clientTs, type: 'feedback', rating: keptOf(row).rating ?? 0 };
  }
}

/** What `dataOf` kept of the event: the view's metadata, the share's channel, the custom event's props, the rating. */
function keptOf(row: LogRow): { channel?: string; rating?: number } {
  return row.data ? (JSON.parse(row.data) as { channel?: string; rating?: number }) : {};
}
