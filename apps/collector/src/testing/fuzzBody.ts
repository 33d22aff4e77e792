/**
 * What a fuzz request is (`ingest/fuzz.test.ts`), and the helpers its
 * categories share: a request to `POST /v1/events` with the statuses it may
 * get, and the text of a valid envelope to break one thing in.
 */
import fc from 'fast-check';
import type { ScoreEvent } from '@dwell/score';
import { BROWSER } from '../testing.js';

export interface FuzzRequest {
  category: string;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
  /** Sent chunked, in pieces of this many bytes. */
  chunkBytes?: number;
  /** The statuses allowed. */
  statuses: number[];
  /** A valid envelope: the 202 it gets, and the events each (visitor, content) pair gains. */
  batch?: { answer: object; pairs: Map<string, ScoreEvent[]> };
}

/** A request made from its index in the campaign (unique ids) and the campaign's clock. */
export type Make = (index: number, now: number) => FuzzRequest;

const JSON_TYPE = { 'content-type': 'application/json', 'user-agent': BROWSER };

export function request(
  category: string,
  body: Buffer | string,
  statuses: number[],
  headers = {},
): FuzzRequest {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return { category, method: 'POST', headers: { ...JSON_TYPE, ...headers }, body: bytes, statuses };
}

/** A valid envelope's text, for the categories that break one thing in it. */
export function envelopeText(index: number, now: number, events = ''): string {
  const event = `{"id":"m${index}","type":"view","content":"/m/${index}","session":"s","ts":${now - 1_000}}`;
  return `{"site":"demo","visitor":"m${index}","sent_at":${now},"events":[${events || event}]}`;
}

/** Variants of a category, each with the statuses it may get. */
export type Variant = [make: (index: number, now: number) => string, statuses: number[]];

export function variants(category: string, list: Variant[]): fc.Arbitrary<Make> {
  return fc.constantFrom(...list).map(
    ([make, statuses]): Make =>
      (index, now) =>
        request(category, make(index, now), statuses),
  );
}
