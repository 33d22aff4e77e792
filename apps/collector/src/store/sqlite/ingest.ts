/**
 * The ingest transaction: a group of requests' events inserted exactly once,
 * then each touched (visitor, content) pair's daily state, day scores and
 * reader contribution updated, then content metadata and the daily
 * aggregates written once.
 */
import type Database from 'better-sqlite3';
import type { AggregateDeltas } from '../aggregateDeltas.js';
import { ContentNotes } from '../contentNotes.js';
import { countEvent, dataOf, notePair, pairUpdateOf, type TouchedPair } from '../ingestPlan.js';
import type { IngestBatch, IngestCounts } from '../store.js';
import { flushDeltas, prepareAggregateStatements } from './aggregates.js';
import type { Live } from './live.js';
import type { UpdatePair } from './pairs.js';

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
  const upsertContent = db.prepare(`
    INSERT INTO contents (site, content, title, url, section, author, first_seen) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (site, content) DO UPDATE SET
      title = coalesce(excluded.title, title),
      url = coalesce(excluded.url, url),
      section = coalesce(excluded.section, section),
      author = coalesce(excluded.author, author),
      first_seen = min(first_seen, excluded.first_seen)`);
  const aggregates = prepareAggregateStatements(db);
  const contents = new ContentNotes();

  function insert(batch: IngestBatch, pairs: Map<string, TouchedPair<number>>): IngestCounts {
    const { site, visitor, receivedAt } = batch;
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
      notePair(pairs, batch, event, Number(lastInsertRowid));
      countEvent(deltas, site, event);
      contents.note(site, event);
    }
    return { accepted, duplicates: batch.events.length - accepted };
  }

  const transaction = db.transaction((batches: IngestBatch[]): IngestCounts[] => {
    deltas.clear();
    contents.begin();
    const pairs = new Map<string, TouchedPair<number>>();
    const counts = batches.map((batch) => insert(batch, pairs));
    for (const pair of pairs.values()) updatePair(pair, pairUpdateOf(pair));
    for (const row of contents.changes()) {
      upsertContent.run(row.site, row.content, row.title, row.url, row.section, row.author, row.first);
    }
    flushDeltas(deltas, aggregates, live.lookup());
    return counts;
  });

  return function commitGroup(batches) {
    // IMMEDIATE: take the write lock first, waiting for a refresh on the main thread (`connection.ts`).
    const counts = transaction.immediate(batches);
    contents.committed();
    return counts;
  };
}
