/**
 * The events of a valid envelope, one by one: each is validated and its time
 * corrected on its own, and a bad one is reported by index without costing
 * the others.
 */
import type { IngestResult } from '@dwell/contract';
import { formatIssues } from '@dwell/score/schema';
import type { StoredEvent } from '../store/store.js';
import { correctTime } from './clock.js';
import { eventSchema, type Envelope } from './schema.js';

export type Rejection = IngestResult['rejected'][number];

export interface CheckedEvents {
  valid: StoredEvent[];
  rejected: Rejection[];
}

export function checkEvents(envelope: Envelope, windowDays: number, receivedAt: number): CheckedEvents {
  const valid: StoredEvent[] = [];
  const rejected: Rejection[] = [];
  envelope.events.forEach((input, index) => {
    const parsed = eventSchema.safeParse(input);
    if (!parsed.success) {
      rejected.push({ index, issues: formatIssues(parsed.error) });
      return;
    }
    const event = parsed.data;
    const time = correctTime(event.ts, envelope.sent_at, receivedAt, windowDays);
    if (!time.ok) {
      rejected.push({ index, issues: [{ path: 'ts', message: time.message }] });
      return;
    }
    // zod's output is a fresh object: correcting it in place spares a copy per event.
    const stored = event as StoredEvent;
    stored.clientTs = event.ts;
    stored.ts = time.ts;
    valid.push(stored);
  });
  return { valid, rejected };
}
