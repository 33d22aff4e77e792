/**
 * What an ingest transaction does with the events it stored for the first
 * time, whatever the store: count them in the day aggregates, group them by
 * (visitor, content) pair, and fold each pair's new events into one state per
 * day for `updatePairDays`.
 */
import { emptyState, fold, type Model } from '@dwell/score';
import { dayOf } from '../../days.js';
import type { AggregateDeltas } from './aggregateDeltas.js';
import { keyOf } from './keys.js';
import type { AddedDay, PairKey, PairUpdate } from './pairUpdate.js';
import type { StoredEvent } from '../store.js';

/** A pair touched by a group of requests, its new events and their refs (see `PairDay`). */
export interface TouchedPair<Ref> extends PairKey {
  model: Model;
  /** The latest arrival among the pair's new events: where its window ends. */
  now: number;
  events: StoredEvent[];
  refs: Ref[];
}

/** The parts of an event the score does not read, as JSON, or null. */
export function dataOf(event: StoredEvent): string | null {
  switch (event.type) {
    case 'view': {
      const { title, url, referrer, section, author } = event;
      return JSON.stringify({ title, url, referrer, section, author });
    }
    case 'share':
      return JSON.stringify({ channel: event.channel });
    case 'custom':
      return event.props ? JSON.stringify({ props: event.props }) : null;
    default:
      return null;
  }
}

/** Adds a newly stored event to its day's event sums. */
export function countEvent(deltas: AggregateDeltas, site: string, event: StoredEvent): void {
  const delta = deltas.day(site, event.content, dayOf(event.ts));
  delta.events += 1;
  if (event.type === 'view') delta.views += 1;
  else if (event.type === 'share') delta.shares += 1;
  else if (event.type === 'engage') delta.engagedMs += event.ms;
}

/** Files a newly stored event under its pair. */
export function notePair<Ref>(
  pairs: Map<string, TouchedPair<Ref>>,
  batch: { site: string; visitor: string; model: Model; receivedAt: number },
  event: StoredEvent,
  ref: Ref,
): void {
  const { site, visitor, model, receivedAt } = batch;
  const key = keyOf(site, visitor, event.content);
  let pair = pairs.get(key);
  if (!pair) {
    pair = { site, visitor, content: event.content, model, now: 0, events: [], refs: [] };
    pairs.set(key, pair);
  }
  pair.now = Math.max(pair.now, receivedAt);
  pair.events.push(event);
  pair.refs.push(ref);
}

/** The pair's update: its new events folded by day, days from the earliest one re-scored. */
export function pairUpdateOf<Ref>(pair: TouchedPair<Ref>): PairUpdate<Ref> {
  const days = new Map<number, { events: StoredEvent[]; refs: Ref[] }>();
  pair.events.forEach((event, index) => {
    const day = dayOf(event.ts);
    let entry = days.get(day);
    if (!entry) days.set(day, (entry = { events: [], refs: [] }));
    entry.events.push(event);
    entry.refs.push(pair.refs[index] as Ref);
  });
  const window = { now: pair.now, windowDays: pair.model.windowDays };
  const added = new Map<number, AddedDay<Ref>>(
    [...days].map(([day, { events, refs }]) => [day, { state: fold(emptyState(), events, window), refs }]),
  );
  return { model: pair.model, now: pair.now, added, rescoreFrom: Math.min(...added.keys()) };
}
