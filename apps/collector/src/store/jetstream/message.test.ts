import { describe, expect, it } from 'vitest';
import { eventSchema } from '../../ingest/schema.js';
import { logRowOf, logValues, storedEventOf } from '../engine/logRow.js';
import type { LogBatch, StoredEvent } from '../store.js';
import { encodeBatch, loggedEventsOf, messageIdOf } from './message.js';

const base = { id: 'e1', content: '/a', session: 's1', ts: 1_700_000_000_000 };

/** One wire event of every type and shape ingest keeps, with a field it drops. */
const WIRE_EVENTS: unknown[] = [
  {
    ...base,
    type: 'view',
    title: 'Waves',
    url: 'https://x.example/a',
    referrer: 'r',
    section: 'S',
    author: 'A',
  },
  { ...base, type: 'view' },
  { ...base, type: 'engage', ms: 1_234.5 },
  { ...base, type: 'scroll', depth: 0.75 },
  { ...base, type: 'share', channel: 'mastodon' },
  {
    ...base,
    type: 'custom',
    name: 'newsletter:signup',
    props: { plan: 'free', seats: 2, trial: true, note: null },
  },
  { ...base, type: 'custom', name: 'play' },
  { ...base, type: 'feedback', rating: 4, extra: 'dropped by the schema' },
];

function batchOf(wire: unknown): LogBatch {
  const event = eventSchema.parse(wire) as StoredEvent;
  event.clientTs = event.ts - 0.5;
  return { site: 'demo', visitor: 'v1', receivedAt: base.ts + 10, events: [event] };
}

describe('a stream message', () => {
  // The materializer folds a message's events as they are, the PostgreSQL store those of its log rows.
  it.each(WIRE_EVENTS)('holds the event its log row holds: %j', (wire) => {
    const batch = batchOf(wire);
    const [logged] = loggedEventsOf(encodeBatch(batch));
    const event = batch.events[0]!;
    expect(logged).toStrictEqual({
      site: 'demo',
      visitor: 'v1',
      receivedAt: base.ts + 10,
      event: storedEventOf(logRowOf(logValues(batch, event))),
    });
  });

  // The stream's duplicate window compares ids across collectors, so a new release must make the same ids.
  it('has an id of its site, visitor and sorted event ids, the same in every release', () => {
    const engage = batchOf(WIRE_EVENTS[2]).events[0]!;
    const events = ['b', 'a', 'c'].map((id) => ({ ...engage, id }));
    const batch = (events: StoredEvent[], visitor = 'v1'): LogBatch => ({
      site: 'demo',
      visitor,
      receivedAt: 0,
      events,
    });
    expect(messageIdOf(batch(events))).toBe('IeOYjlQX5GabOx4pe8nrHM6vO_hk0ohgonIL4_PKnkE');
    expect(messageIdOf(batch([...events].reverse()))).toBe('IeOYjlQX5GabOx4pe8nrHM6vO_hk0ohgonIL4_PKnkE');
    expect(messageIdOf(batch([]))).toBe('w2VQh6UAGXQMIrQor-Y1sxcw5jhvMZoSLCRSTKcURz8');
    expect(messageIdOf(batch(events, 'v2'))).not.toBe(messageIdOf(batch(events)));
  });

  it('is refused when no collector wrote it', () => {
    const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    expect(() => loggedEventsOf(encode({ site: 'demo' }))).toThrow('not a batch of events');
    expect(() => loggedEventsOf(encode({ site: 'demo', visitor: 'v1', events: [null] }))).toThrow(
      'not a batch of events',
    );
  });
});
