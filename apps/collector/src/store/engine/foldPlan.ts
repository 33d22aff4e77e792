/**
 * What a fold does with the log rows it read, whatever the store: count
 * their events in the day aggregates, note their contents' metadata, group
 * them by (visitor, content) pair, and fold each pair's new events into one
 * state per day for `updatePairDays`.
 */
import {
  emptyReader,
  emptyState,
  fold,
  foldReader,
  laterRating,
  type Model,
  type ReaderState,
} from '@dwell/score';
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

/** The models a fold scores with: each site's content and reader model, and the sites that have them. */
export interface FoldModels {
  content(site: string): Model;
  reader(site: string): Model;
  sites(): Iterable<string>;
}

/** A reader touched by a fold: its new events by UTC day. */
export interface TouchedReader {
  site: string;
  visitor: string;
  days: Map<number, StoredEvent[]>;
}

/** A visitor's latest rating of a content among a fold's events (`content_ratings`). */
export interface RatingNote {
  site: string;
  content: string;
  visitor: string;
  ts: number;
  rating: number;
}

/** What one fold collects from the rows it read, before it writes. */
export interface FoldPlan<Ref> {
  pairs: Map<string, TouchedPair<Ref>>;
  deltas: AggregateDeltas;
  contents: ContentNotes;
  /** By `keyOf(site, visitor)`. */
  readers: Map<string, TouchedReader>;
  /** By `keyOf(site, content, visitor)`. */
  ratings: Map<string, RatingNote>;
}

/** An empty plan for one fold. */
export function foldPlan<Ref>(deltas: AggregateDeltas, contents: ContentNotes): FoldPlan<Ref> {
  return { pairs: new Map(), deltas, contents, readers: new Map(), ratings: new Map() };
}

/** Files a newly stored event under its reader's day, and a rating under its (content, visitor). */
function noteReader<Ref>(plan: FoldPlan<Ref>, site: string, visitor: string, event: StoredEvent): void {
  const key = keyOf(site, visitor);
  let reader = plan.readers.get(key);
  if (!reader) plan.readers.set(key, (reader = { site, visitor, days: new Map() }));
  const day = dayOf(event.ts);
  const events = reader.days.get(day);
  if (events) events.push(event);
  else reader.days.set(day, [event]);
  if (event.type !== 'feedback') return;
  const ratingKey = keyOf(site, event.content, visitor);
  const noted = plan.ratings.get(ratingKey);
  const later = laterRating(noted && [noted.ts, noted.rating], [event.ts, event.rating])!;
  plan.ratings.set(ratingKey, { site, content: event.content, visitor, ts: later[0], rating: later[1] });
}

/** The reader's new events folded into one state per day. */
export function readerStatesOf(reader: TouchedReader): Map<number, ReaderState> {
  return new Map([...reader.days].map(([day, events]) => [day, foldReader(emptyReader(), events)]));
}

/** A newly stored event as a fold takes it: whose it is, and when it arrived. */
export interface LoggedEvent {
  site: string;
  visitor: string;
  receivedAt: number;
  event: StoredEvent;
}

/** The event a log row holds, with its origin. */
export function loggedEventOf(row: LogRow): LoggedEvent {
  return { site: row.site, visitor: row.visitor, receivedAt: row.received_at, event: storedEventOf(row) };
}

/**
 * Files a newly stored event, folded with `model`: under its pair, with
 * `ref(event)` (how the day row points at it: see `PairDay`), under its
 * reader, in its day's sums, and in its content's metadata.
 */
export function noteEvent<Ref>(
  plan: FoldPlan<Ref>,
  logged: LoggedEvent,
  model: Model,
  ref: (event: StoredEvent) => Ref,
): void {
  const { site, visitor, receivedAt, event } = logged;
  notePair(plan.pairs, { site, visitor, model, receivedAt }, event, ref(event));
  noteReader(plan, site, visitor, event);
  countEvent(plan.deltas, site, event);
  plan.contents.note(site, event);
}

/** `noteEvent` for the event a log row holds. */
export function noteLogRow<Ref>(
  plan: FoldPlan<Ref>,
  row: LogRow,
  model: Model,
  ref: (event: StoredEvent) => Ref,
): void {
  noteEvent(plan, loggedEventOf(row), model, ref);
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
