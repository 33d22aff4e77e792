/**
 * What a fold does with the log rows it read, whatever the store: count
 * their events in the day aggregates, note their contents' metadata, group
 * them by (visitor, content) pair, and fold each pair's new events into one
 * state per day for `updatePairDays`.
 */
import { emptyState, fold, type Model } from '@dwell/score';
import { dayOf } from '../../days.js';
import type { AggregateDeltas } from './aggregateDeltas.js';
import type { ContentNotes } from './contentNotes.js';
import { keyOf } from './keys.js';
import { storedEventOf, type LogRow } from './logRow.js';
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

/** Adds a newly stored event to its day's event sums. */
function countEvent(deltas: AggregateDeltas, site: string, event: StoredEvent): void {
  const delta = deltas.day(site, event.content, dayOf(event.ts));
  delta.events += 1;
  if (event.type === 'view') delta.views += 1;
  else if (event.type === 'share') delta.shares += 1;
  else if (event.type === 'engage') delta.engagedMs += event.ms;
}

/** Files a newly stored event under its pair. */
function notePair<Ref>(
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

/** What one fold collects from the rows it read, before it writes. */
export interface FoldPlan<Ref> {
  pairs: Map<string, TouchedPair<Ref>>;
  deltas: AggregateDeltas;
  contents: ContentNotes;
}

/**
 * Files the event a log row holds, folded with `model`: under its pair, with
 * `ref(event)` (how the day row points at it: see `PairDay`), in its day's
 * sums, and in its content's metadata.
 */
export function noteLogRow<Ref>(
  plan: FoldPlan<Ref>,
  row: LogRow,
  model: Model,
  ref: (event: StoredEvent) => Ref,
): void {
  const event = storedEventOf(row);
  const batch = { site: row.site, visitor: row.visitor, model, receivedAt: row.received_at };
  notePair(plan.pairs, batch, event, ref(event));
  countEvent(plan.deltas, row.site, event);
  plan.contents.note(row.site, event);
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
