/**
 * The ingest transaction: a group of requests' events inserted exactly once,
 * then each touched (visitor, content) pair's daily state, day scores and
 * reader contribution updated, then content metadata and the daily
 * aggregates written once.
 */
import type Database from 'better-sqlite3';
import { emptyState, fold, type Model } from '@dwell/score';
import { dayOf } from '../../days.js';
import type { IngestBatch, IngestCounts, StoredEvent } from '../store.js';
import { prepareAggregateStatements, type AggregateDeltas } from './aggregates.js';
import { ContentWriter } from './contents.js';
import { keyOf } from './keys.js';
import type { Live } from './live.js';
import type { AddedDay, UpdatePair } from './pairs.js';
import type { PairKey } from './rawEvents.js';

interface TouchedPair extends PairKey {
  model: Model;
  now: number;
  events: StoredEvent[];
  seqs: number[];
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
    default:
      return null;
  }
}

export function prepareIngest(
  db: Database.Database,
  deltas: AggregateDeltas,
  updatePair: UpdatePair,
  live: Live,
): (batches: IngestBatch[]) => IngestCounts[] {
  const insertEvent = db.prepare(`
    INSERT INTO events (site, id, visitor, content, session, type, ts, client_ts, received_at, ms, depth, name, data)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (site, id) DO NOTHING`);
  const aggregates = prepareAggregateStatements(db);
  const contents = new ContentWriter(db);

  function insert(batch: IngestBatch, pairs: Map<string, TouchedPair>): IngestCounts {
    const { site, visitor, model, receivedAt } = batch;
    let accepted = 0;
    for (const event of batch.events) {
      const { changes, lastInsertRowid } = insertEvent.run(
        site,
        event.id,
        visitor,
        event.content,
        event.session,
        event.type,
        event.ts,
        event.clientTs,
        receivedAt,
        event.type === 'engage' ? event.ms : null,
        event.type === 'scroll' ? event.depth : null,
        event.type === 'custom' ? event.name : null,
        dataOf(event),
      );
      if (!changes) continue;
      accepted++;
      const pairKey = keyOf(site, visitor, event.content);
      let pair = pairs.get(pairKey);
      if (!pair)
        pairs.set(
          pairKey,
          (pair = { site, visitor, content: event.content, model, now: 0, events: [], seqs: [] }),
        );
      pair.now = Math.max(pair.now, receivedAt);
      pair.events.push(event);
      pair.seqs.push(Number(lastInsertRowid));
      countEvent(site, event);
      contents.note(site, event);
    }
    return { accepted, duplicates: batch.events.length - accepted };
  }

  function countEvent(site: string, event: StoredEvent): void {
    const delta = deltas.day(site, event.content, dayOf(event.ts));
    delta.events += 1;
    if (event.type === 'view') delta.views += 1;
    else if (event.type === 'share') delta.shares += 1;
    else if (event.type === 'engage') delta.engagedMs += event.ms;
  }

  function statesByDay(pair: TouchedPair): Map<number, AddedDay> {
    const days = new Map<number, { events: StoredEvent[]; seqs: number[] }>();
    pair.events.forEach((event, index) => {
      const day = dayOf(event.ts);
      let entry = days.get(day);
      if (!entry) days.set(day, (entry = { events: [], seqs: [] }));
      entry.events.push(event);
      entry.seqs.push(pair.seqs[index] as number);
    });
    const window = { now: pair.now, windowDays: pair.model.windowDays };
    return new Map(
      [...days].map(([day, { events, seqs }]) => [day, { state: fold(emptyState(), events, window), seqs }]),
    );
  }

  const transaction = db.transaction((batches: IngestBatch[]): IngestCounts[] => {
    deltas.clear();
    contents.begin();
    const pairs = new Map<string, TouchedPair>();
    const counts = batches.map((batch) => insert(batch, pairs));
    for (const pair of pairs.values()) {
      const added = statesByDay(pair);
      updatePair(pair, { model: pair.model, now: pair.now, added, rescoreFrom: Math.min(...added.keys()) });
    }
    contents.write();
    deltas.flush(aggregates, live.lookup());
    return counts;
  });

  return function commitGroup(batches) {
    const counts = transaction(batches);
    contents.committed();
    return counts;
  };
}
