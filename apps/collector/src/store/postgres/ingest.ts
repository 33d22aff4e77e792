/**
 * The ingest transaction, for a group of requests, on one pooled connection:
 *
 * 1. the sites' shared live-window locks (`aggregates.ts`);
 * 2. the events' ids into `event_ids`, sorted, `ON CONFLICT DO NOTHING
 *    RETURNING`: what comes back is new. A collector inserting an id that
 *    another one has inserted but not committed waits for that commit, then
 *    sees the conflict — so the same event sent to two collectors at the same
 *    moment is accepted by exactly one;
 * 3. the new events into the partitioned `events`;
 * 4. the touched pairs' states and readers (`pairs.ts`), content metadata,
 *    and the aggregate sums — all in the same transaction, so they count
 *    exactly the events that committed.
 *
 * A deadlock (which the lock order should prevent) or a missing partition
 * makes the whole transaction run again; nothing is acknowledged before COMMIT.
 */
import type pg from 'pg';
import type { ScoreEvent } from '@dwell/score';
import { AggregateDeltas } from '../aggregateDeltas.js';
import { ContentNotes, type ContentRow, type KnownContents } from '../contentNotes.js';
import { countEvent, dataOf, notePair, pairUpdateOf, type TouchedPair } from '../ingestPlan.js';
import { keyOf } from '../keys.js';
import type { IngestBatch, IngestCounts, StoredEvent } from '../store.js';
import { flushDeltas, lockSites } from './aggregates.js';
import { scoreEventOf, updatePairs } from './pairs.js';
import { ensurePartitions, monthOf } from './partitions.js';
import { sqlState, transaction } from './pool.js';

interface Candidate {
  key: string;
  batch: number;
  event: StoredEvent;
}

const INSERT_IDS = `
  INSERT INTO event_ids (site, id, ts) SELECT * FROM unnest($1::text[], $2::text[], $3::int8[])
  ON CONFLICT (site, id) DO NOTHING RETURNING site, id`;

const INSERT_EVENTS = `
  INSERT INTO events (site, id, visitor, content, session, type, ts, client_ts, received_at, ms, depth, name, data)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int8[],
    $8::float8[], $9::int8[], $10::float8[], $11::float8[], $12::text[], $13::jsonb[])`;

const UPSERT_CONTENTS = `
  INSERT INTO contents (site, content, title, url, section, author, first_seen)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int8[])
  ON CONFLICT (site, content) DO UPDATE SET
    title = coalesce(excluded.title, contents.title),
    url = coalesce(excluded.url, contents.url),
    section = coalesce(excluded.section, contents.section),
    author = coalesce(excluded.author, contents.author),
    first_seen = least(contents.first_seen, excluded.first_seen)`;

/** Each event id once per site, first occurrence first, sorted so inserts lock ids in one order. */
function candidatesOf(batches: IngestBatch[]): Candidate[] {
  const unique = new Map<string, Candidate>();
  batches.forEach((batch, index) => {
    for (const event of batch.events) {
      const key = keyOf(batch.site, event.id);
      if (!unique.has(key)) unique.set(key, { key, batch: index, event });
    }
  });
  return [...unique.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

async function insertEvents(
  client: pg.PoolClient,
  batches: IngestBatch[],
  fresh: Candidate[],
): Promise<void> {
  const columns: unknown[][] = Array.from({ length: 13 }, () => []);
  for (const { batch: index, event } of fresh) {
    const batch = batches[index] as IngestBatch;
    const values = [
      batch.site,
      event.id,
      batch.visitor,
      event.content,
      event.session,
      event.type,
      event.ts,
      event.clientTs,
      batch.receivedAt,
      event.type === 'engage' ? event.ms : null,
      event.type === 'scroll' ? event.depth : null,
      event.type === 'custom' ? event.name : null,
      dataOf(event),
    ];
    values.forEach((value, column) => columns[column]?.push(value));
  }
  await client.query(INSERT_EVENTS, columns);
}

async function upsertContents(client: pg.PoolClient, rows: ContentRow[]): Promise<void> {
  if (!rows.length) return;
  const fields: (keyof ContentRow)[] = ['site', 'content', 'title', 'url', 'section', 'author', 'first'];
  await client.query(
    UPSERT_CONTENTS,
    fields.map((field) => rows.map((row) => row[field])),
  );
}

export function prepareIngest(pool: pg.Pool, known: KnownContents) {
  return async function commitGroup(batches: IngestBatch[]): Promise<IngestCounts[]> {
    const candidates = candidatesOf(batches);
    const sites = new Set(batches.map((batch) => batch.site));
    const { accepted, contents } = await transaction(
      pool,
      async (client) => {
        await lockSites(client, sites);
        const inserted = await client.query<{ site: string; id: string }>(INSERT_IDS, [
          candidates.map((candidate) => (batches[candidate.batch] as IngestBatch).site),
          candidates.map((candidate) => candidate.event.id),
          candidates.map((candidate) => candidate.event.ts),
        ]);
        const isNew = new Set(inserted.rows.map((row) => keyOf(row.site, row.id)));
        const fresh = candidates.filter((candidate) => isNew.has(candidate.key));
        const accepted = batches.map(() => 0);
        const notes = new ContentNotes(known);
        if (!fresh.length) return { accepted, contents: notes };
        await insertEvents(client, batches, fresh);
        const deltas = new AggregateDeltas();
        const pairs = new Map<string, TouchedPair<ScoreEvent>>();
        for (const { batch: index, event } of fresh) {
          const batch = batches[index] as IngestBatch;
          accepted[index] = (accepted[index] ?? 0) + 1;
          notePair(pairs, batch, event, scoreEventOf(event));
          countEvent(deltas, batch.site, event);
          notes.note(batch.site, event);
        }
        const work = [...pairs.values()].map((pair) => ({ pair, update: pairUpdateOf(pair) }));
        await updatePairs(client, work, deltas);
        await upsertContents(client, notes.changes());
        await flushDeltas(client, deltas, sites);
        return { accepted, contents: notes };
      },
      async (error) => {
        // 23514: no partition of "events" for some event's month; create them and run it again.
        if (sqlState(error) !== '23514') return false;
        await ensurePartitions(
          pool,
          candidates.map((candidate) => monthOf(candidate.event.ts)),
        );
        return true;
      },
    );
    contents.committed();
    return batches.map((batch, index) => ({
      accepted: accepted[index] ?? 0,
      duplicates: batch.events.length - (accepted[index] ?? 0),
    }));
  };
}
