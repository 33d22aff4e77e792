/**
 * The materializer's transaction on PostgreSQL: claims up to `limit` rows of
 * `pending` (the log's unfolded tail) with `FOR UPDATE SKIP LOCKED`, so
 * materializers of several collectors take disjoint rows, folds them into
 * the views — pairs' days and readers under pair locks (`pairs.ts`),
 * content metadata, the aggregate sums — and deletes them, all in one
 * transaction: a crash at any point leaves each row either pending or
 * folded, never both.
 */
import type pg from 'pg';
import type { ScoreEvent } from '@dwell/score';
import { AggregateDeltas } from '../engine/aggregateDeltas.js';
import { ContentNotes, type ContentRow, type KnownContents } from '../engine/contentNotes.js';
import {
  foldPlan,
  loggedEventOf,
  noteEvent,
  pairUpdateOf,
  type FoldModels,
  type LoggedEvent,
} from '../engine/foldPlan.js';
import { LOG_COLUMNS, type LogRow } from '../engine/logRow.js';
import { flushDeltas, lockSites } from './aggregates.js';
import { scoreEventOf, updatePairs } from './pairs.js';
import { updateReaders, upsertRatings } from './readers.js';
import { transaction } from './pool.js';

const CLAIM = `
  DELETE FROM pending WHERE seq IN (SELECT seq FROM pending ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING ${LOG_COLUMNS.map((column) => (column === 'data' ? 'data::text AS data' : column)).join(', ')}`;

const UPSERT_CONTENTS = `
  INSERT INTO contents (site, content, title, url, section, author, first_seen)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int8[])
  ON CONFLICT (site, content) DO UPDATE SET
    title = coalesce(excluded.title, contents.title),
    url = coalesce(excluded.url, contents.url),
    section = coalesce(excluded.section, contents.section),
    author = coalesce(excluded.author, contents.author),
    first_seen = least(contents.first_seen, excluded.first_seen)`;

async function upsertContents(client: pg.PoolClient, rows: ContentRow[]): Promise<void> {
  if (!rows.length) return;
  const fields: (keyof ContentRow)[] = ['site', 'content', 'title', 'url', 'section', 'author', 'first'];
  await client.query(
    UPSERT_CONTENTS,
    fields.map((field) => rows.map((row) => row[field])),
  );
}

/** What a materializer remembers of the views between its folds. */
export interface FoldMemory {
  known: KnownContents;
  /** The `views_epoch` it last saw; -1 before the first fold. */
  epoch: number;
}

/**
 * Folds newly stored events into the views inside the caller's transaction:
 * those of the `pending` rows a materializer claimed, or the fresh events of
 * stream messages (`../jetstream/streamFold.ts`). `notes` is committed by the caller.
 */
export async function foldEvents(
  client: pg.PoolClient,
  events: readonly LoggedEvent[],
  models: FoldModels,
  memory: FoldMemory,
  notes: ContentNotes,
): Promise<void> {
  if (!events.length) return;
  // Read after the claim: a rebuild that emptied the views has committed before these rows existed again.
  const epoch = (await client.query<{ epoch: number }>('SELECT epoch FROM views_epoch')).rows[0]?.epoch ?? 0;
  if (epoch !== memory.epoch) memory.known.map.clear();
  memory.epoch = epoch;
  const sites = new Set(events.map((logged) => logged.site));
  await lockSites(client, sites);
  const plan = foldPlan<ScoreEvent>(new AggregateDeltas(), notes);
  // A day row carries its events as fold reads them (`pairs.ts`).
  for (const logged of events) noteEvent(plan, logged, models.content(logged.site), scoreEventOf);
  const work = [...plan.pairs.values()].map((pair) => ({ pair, update: pairUpdateOf(pair) }));
  // Readers first: a pair's contribution takes its reader's score of its last day (`audience`).
  const audience = await updateReaders(client, [...plan.readers.values()], models.reader);
  await updatePairs(client, work, plan.deltas, audience);
  await upsertRatings(client, [...plan.ratings.values()]);
  await upsertContents(client, notes.changes());
  await flushDeltas(client, plan.deltas, sites);
}

/** Folds up to `limit` pending events; resolves with how many it folded (0: none were free). */
export async function foldPending(
  pool: pg.Pool,
  limit: number,
  models: FoldModels,
  memory: FoldMemory,
): Promise<number> {
  const notes = new ContentNotes(memory.known);
  const folded = await transaction(pool, async (client) => {
    notes.begin();
    const { rows } = await client.query<LogRow>(CLAIM, [limit]);
    const events = rows.map((row) => {
      // int8 columns come back as strings from pg; the log's times fit a double exactly. Set on
      // pg's own row, not a spread copy of it (see `storedEventOf`).
      row.ts = Number(row.ts);
      row.received_at = Number(row.received_at);
      return loggedEventOf(row);
    });
    await foldEvents(client, events, models, memory, notes);
    return rows.length;
  });
  notes.committed();
  return folded;
}
