/**
 * One request's events as one stream message: the batch as JSON, the way
 * ingest validated it, with a message id derived from the event ids, so a
 * retried request is recognised by the stream's duplicate window. The
 * materializer appends its events as the PostgreSQL append does and folds
 * them as they came (`message.test.ts`: the same events as the log rows').
 */
import { createHash } from 'node:crypto';
import type { LoggedEvent } from '../engine/foldPlan.js';
import type { LogBatch } from '../store.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeBatch(batch: LogBatch): Uint8Array {
  const { site, visitor, receivedAt, events } = batch;
  return encoder.encode(JSON.stringify({ site, visitor, receivedAt, events }));
}

/**
 * The same for every request carrying the same events of the same visitor,
 * in any order and whenever received: `sha256(site, visitor, sorted ids)`.
 */
export function messageIdOf(batch: LogBatch): string {
  // One `update` of the whole text, the same digest as an update per part: each call crosses into C++.
  const ids = batch.events.map((event) => event.id).sort();
  return createHash('sha256')
    .update([batch.site, batch.visitor, ...ids].join('\n'))
    .digest('base64url');
}

/** The events of a message, as ingest validated them; throws on a message no collector wrote. */
export function loggedEventsOf(data: Uint8Array): LoggedEvent[] {
  const batch = JSON.parse(decoder.decode(data)) as LogBatch;
  // Checked here, where the fold skips what fails: a throw later in the transaction would retry it forever.
  if (
    typeof batch?.site !== 'string' ||
    typeof batch.visitor !== 'string' ||
    !Array.isArray(batch.events) ||
    batch.events.some((event: unknown) => typeof event !== 'object' || event === null)
  )
    throw new Error('not a batch of events');
  const { site, visitor, receivedAt } = batch;
  return batch.events.map((event) => ({ site, visitor, receivedAt, event }));
}
