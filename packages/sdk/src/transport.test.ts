import type { Envelope, WireEvent } from '@dwell/contract';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '@dwell/contract';
import { splitBySize } from './transport.js';

const envelope = (events: WireEvent[]): Envelope => ({ site: 'demo', visitor: 'v', sent_at: 1, events });

function event(i: number, title: string): WireEvent {
  return { id: `e${i}`, type: 'view', content: '/a', session: 's', ts: i, title };
}

const bytes = (events: WireEvent[]): number => new Blob([JSON.stringify(envelope(events))]).size;

describe('splitBySize', () => {
  it('keeps small batches whole', () => {
    const events = [event(1, 'a'), event(2, 'b')];
    expect(splitBySize(events, envelope)).toEqual([events]);
  });

  it('splits so that no body exceeds 64 KiB, in order, losing nothing', () => {
    const events = Array.from({ length: 300 }, (_, i) => event(i, 'é'.repeat(400)));
    const chunks = splitBySize(events, envelope);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(bytes(chunk)).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(chunks.flat()).toEqual(events);
  });

  it('fills a chunk up to the limit exactly', () => {
    const events = Array.from({ length: 10 }, (_, i) => event(i, 'x'.repeat(100)));
    const limit = bytes(events.slice(0, 4));
    expect(splitBySize(events, envelope, limit)[0]).toHaveLength(4);
    expect(splitBySize(events, envelope, limit - 1)[0]).toHaveLength(3);
  });

  it('returns nothing for nothing', () => {
    expect(splitBySize([], envelope)).toEqual([]);
  });
});
