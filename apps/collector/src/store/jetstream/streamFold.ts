/**
 * A materializer's transaction for one partition: lock its position, take
 * the messages past it, append their events to the log tables (each event
 * id once: a request sent to two collectors is two messages), fold the new
 * ones into the views with the PostgreSQL store's own fold, and save the
 * position — all or nothing, so a crash anywhere leaves every message
 * either folded once or not at all, and a redelivered one is skipped.
 */
import type pg from 'pg';
import type { Logger } from '../../log.js';
import { ContentNotes } from '../engine/contentNotes.js';
import type { FoldModels, LoggedEvent } from '../engine/foldPlan.js';
import { logRowOf, logValues } from '../engine/logRow.js';
import { appendRows, partitionsFor } from '../postgres/append.js';
import { foldEvents, type FoldMemory } from '../postgres/fold.js';
import { transaction } from '../postgres/pool.js';
import { loggedEventsOf } from './message.js';
import { LEASE_HELD, type Lease } from './leases.js';
import { lockPosition, savePosition } from './positions.js';

export interface StreamMessage {
  /** The stream sequence. */
  seq: number;
  data: Uint8Array;
}

/** Where a fold happens: one partition of the stream made at `created`, under a lease. */
export interface PartitionRef {
  stream: string;
  created: string;
  partition: number;
  /** The lease the fold must still hold when it commits (`leases.ts`). */
  lease: () => Lease | null;
}

/** The process no longer holds the partition's lease: its fold rolled back, the next owner folds the messages. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export interface FoldReport {
  /** Messages past the saved position. */
  messages: number;
  /** Their events, and those of them the log did not hold yet. */
  events: number;
  fresh: number;
}

/** The message's events; none for a message no collector wrote. */
function eventsOf(message: StreamMessage, logger: Logger): LoggedEvent[] {
  try {
    return loggedEventsOf(message.data);
  } catch (error) {
    // Not a collector's message: folding it again cannot help, and stopping would stop the partition.
    logger.error(`JetStream: message ${message.seq} is not a batch of events, skipped`, error);
    return [];
  }
}

/** Folds the messages (in stream order) past the partition's position; all or none. */
export async function foldMessages(
  pool: pg.Pool,
  ref: PartitionRef,
  messages: readonly StreamMessage[],
  models: FoldModels,
  memory: FoldMemory,
  logger: Logger,
): Promise<FoldReport> {
  if (!messages.length) return { messages: 0, events: 0, fresh: 0 };
  // A message delivered again (its acknowledgement was late) may come after later ones.
  const last = Math.max(...messages.map((message) => message.seq));
  const notes = new ContentNotes(memory.known);
  /** The events of the messages past the position, for `partitionsFor` when a partition is missing. */
  let events: LoggedEvent[] = [];
  const report = await transaction(
    pool,
    async (client) => {
      notes.begin();
      const position = await lockPosition(client, ref.stream, ref.partition, ref.created);
      const lease = ref.lease();
      const held =
        lease && (await client.query<{ held: boolean }>(LEASE_HELD, [lease.pid, lease.namespace, lease.key]));
      if (!held?.rows[0]?.held)
        throw new LeaseLostError(`partition ${ref.partition} is no longer leased here`);
      const unseen = messages.filter((message) => message.seq > position);
      if (!unseen.length) return { messages: 0, events: 0, fresh: 0 };
      // Decoded only now: the folds of other partitions, waiting for a connection, hold bytes, not events.
      events = unseen.flatMap((message) => eventsOf(message, logger));
      const fresh = await appendRows(client, events, (logged) => logRowOf(logValues(logged, logged.event)));
      // The fold takes the events as validated, not back from their rows: the same events (`message.test.ts`).
      await foldEvents(client, fresh, models, memory, notes);
      await savePosition(client, ref.stream, ref.partition, ref.created, last);
      return { messages: unseen.length, events: events.length, fresh: fresh.length };
    },
    (error) =>
      partitionsFor(
        pool,
        events.map((logged) => logged.event.ts),
      )(error),
  );
  notes.committed();
  return report;
}
