/**
 * PostgreSQL's side of `../engine/pairUpdate.ts`, for many pairs at once: one query
 * locks them, one loads their day rows, one their reader rows, and one each
 * writes what changed — round trips, not rows, are what a network database
 * charges for. A day row carries its events (`visitor_days.events`), so the
 * window's boundary day folds them without reading the raw events.
 *
 * The pair lock is what makes several collectors safe: each pair's rows are
 * read, changed and written by one transaction at a time, whichever process
 * runs it. Locks are taken in one global order (sorted keys), so two
 * transactions never wait for each other in a cycle.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { EngagementState, ScoreEvent } from '@dwell/score';
import type { AggregateDeltas } from '../engine/aggregateDeltas.js';
import { keyOf } from '../engine/keys.js';
import {
  firstDayNeeded,
  updatePairDays,
  type PairDay,
  type PairKey,
  type PairUpdate,
} from '../engine/pairUpdate.js';
import type { StoredEvent } from '../store.js';
import { recordParam, recordset, type RecordColumns } from './recordset.js';

export interface PairWork {
  pair: PairKey;
  update: PairUpdate<ScoreEvent>;
}

/** The earliest day a query asks for (an int4 column; "all days" is -Infinity in JS). */
const FIRST_DAY = -1_000_000_000;

/** A 64-bit advisory lock key of a pair; a collision only makes two pairs wait for each other. */
function lockKey(pair: PairKey): bigint {
  return createHash('md5')
    .update(keyOf(pair.site, pair.visitor, pair.content))
    .digest()
    .readBigInt64BE(0);
}

/** The event as `fold` reads it, the form kept in `visitor_days.events`. */
export function scoreEventOf(event: StoredEvent): ScoreEvent {
  // Whole literals: spreading a common base costs several times as much an event (see `storedEventOf`).
  const { type, session, ts } = event;
  switch (event.type) {
    case 'engage':
      return { type, session, ts, ms: event.ms };
    case 'scroll':
      return { type, session, ts, depth: event.depth };
    case 'custom':
      return { type, session, ts, name: event.name };
    case 'feedback':
      return { type, session, ts, rating: event.rating };
    default:
      return { type, session, ts };
  }
}

async function lockPairs(client: pg.PoolClient, pairs: PairKey[]): Promise<void> {
  const keys = [...new Set(pairs.map(lockKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // unnest yields the keys in array order, so the locks are taken in that order.
  await client.query('SELECT pg_advisory_xact_lock(k) FROM unnest($1::int8[]) AS t(k)', [keys.map(String)]);
}

interface DayRow {
  i: number;
  day: number;
  state: string;
  events: string;
  score_x10: number;
}

interface ReaderRow {
  i: number;
  last_day: number;
  score_x10: number;
  band: string;
  repeats: number;
  audience_x10: number;
}

/** A reader's score as of a day, as the reader views hold it after this fold (`audience`). */
export interface ReaderDayScore {
  site: string;
  visitor: string;
  day: number;
  scoreX10: number;
}

/**
 * What the reader views tell the pairs of a fold: each touched reader's
 * score by day, and the stored days whose score changed, whose contents last
 * read that day take the new score into their audience.
 */
export interface AudienceInput {
  scores: ReadonlyMap<string, number>;
  rescored: readonly ReaderDayScore[];
}

const SYNC_CANDIDATES = `SELECT r.site, r.visitor, r.content FROM unnest($1::text[], $2::text[], $3::int4[]) AS p(site, visitor, day)
  JOIN readers r ON r.site = p.site AND r.visitor = p.visitor AND r.last_day = p.day`;

const SYNC_AUDIENCE = `WITH old AS (
    SELECT r.site, r.content, r.visitor, r.band, r.last_day, r.audience_x10 AS old, p.score
    FROM unnest($1::text[], $2::text[], $3::int4[], $4::int4[]) AS p(site, visitor, day, score)
    JOIN readers r ON r.site = p.site AND r.visitor = p.visitor AND r.last_day = p.day AND r.audience_x10 <> p.score)
  UPDATE readers r SET audience_x10 = old.score FROM old
  WHERE r.site = old.site AND r.content = old.content AND r.visitor = old.visitor
  RETURNING old.site, old.content, old.band, old.last_day AS day, old.old, old.score`;

/** A `visitor_days` row as its upsert reads it (`DAY_COLUMNS`). */
interface DayRecord {
  site: string;
  visitor: string;
  content: string;
  day: number;
  state: EngagementState;
  events: ScoreEvent[];
  score_x10: number;
}

/** A `readers` row as its upsert reads it (`READER_COLUMNS`). */
interface ReaderRecord {
  site: string;
  content: string;
  visitor: string;
  last_day: number;
  score_x10: number;
  band: string;
  repeats: number;
  audience_x10: number;
}

/** visitor_days' columns, as a fold writes them: `state` and `events` are JSON in `text` columns. */
const DAY_COLUMNS = [
  ['site', 'text'],
  ['visitor', 'text'],
  ['content', 'text'],
  ['day', 'int4'],
  ['state', 'json'],
  ['events', 'json'],
  ['score_x10', 'int4'],
] as const satisfies RecordColumns<DayRecord>;

/** readers' columns, as a fold writes them. */
const READER_COLUMNS = [
  ['site', 'text'],
  ['content', 'text'],
  ['visitor', 'text'],
  ['last_day', 'int4'],
  ['score_x10', 'int4'],
  ['band', 'text'],
  ['repeats', 'int4'],
  ['audience_x10', 'int4'],
] as const satisfies RecordColumns<ReaderRecord>;

function columns<Row>(rows: Row[], pick: ((row: Row) => unknown)[]): unknown[][] {
  return pick.map((get) => rows.map(get));
}

/**
 * Applies each pair's update inside the caller's transaction, adding the
 * aggregate changes to `deltas`; with `audience` (a fold, after the reader
 * views), new contributions take the reader's score of their last day, and
 * the pairs last read on a rescored day are locked too and take the new one.
 */
export async function updatePairs(
  client: pg.PoolClient,
  work: PairWork[],
  deltas: AggregateDeltas,
  audience?: AudienceInput,
): Promise<void> {
  const rescored = audience?.rescored ?? [];
  if (!work.length && !rescored.length) return;
  const pairs = work.map((item) => item.pair);
  const synced = rescored.length
    ? (
        await client.query<PairKey>(SYNC_CANDIDATES, [
          rescored.map((r) => r.site),
          rescored.map((r) => r.visitor),
          rescored.map((r) => r.day),
        ])
      ).rows
    : [];
  // Under our reader locks no other fold moves these pairs' last day, so the set holds once locked.
  await lockPairs(client, [...pairs, ...synced]);
  const keys = columns(pairs, [(p) => p.site, (p) => p.visitor, (p) => p.content]);
  const from = work.map((item) => Math.max(FIRST_DAY, firstDayNeeded(item.update)));
  const [days, readers] = [
    await client.query<DayRow>(
      `SELECT p.i, v.day, v.state, v.events, v.score_x10
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int4[]) WITH ORDINALITY AS p(site, visitor, content, from_day, i)
       JOIN visitor_days v ON v.site = p.site AND v.visitor = p.visitor AND v.content = p.content AND v.day >= p.from_day`,
      [...keys, from],
    ),
    await client.query<ReaderRow>(
      `SELECT p.i, r.last_day, r.score_x10, r.band, r.repeats, r.audience_x10
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS p(site, visitor, content, i)
       JOIN readers r ON r.site = p.site AND r.content = p.content AND r.visitor = p.visitor`,
      keys,
    ),
  ];
  const dayRows = new Map<number, PairDay<ScoreEvent>[]>();
  for (const row of days.rows) {
    let list = dayRows.get(row.i);
    if (!list) dayRows.set(row.i, (list = []));
    list.push({
      day: row.day,
      state: JSON.parse(row.state) as EngagementState,
      refs: JSON.parse(row.events) as ScoreEvent[],
      scoreX10: row.score_x10,
      stored: true,
      changed: false,
    });
  }
  const readerRows = new Map(readers.rows.map((row) => [row.i, row]));

  const dayWrites: DayRecord[] = [];
  const readerWrites: ReaderRecord[] = [];
  const readerDeletes: PairKey[] = [];
  work.forEach(({ pair, update }, index) => {
    const stored = readerRows.get(index + 1);
    const previous = stored
      ? {
          lastDay: stored.last_day,
          scoreX10: stored.score_x10,
          band: stored.band,
          repeat: stored.repeats > 0,
          audienceX10: stored.audience_x10,
        }
      : null;
    const rows = dayRows.get(index + 1) ?? [];
    const scores = audience?.scores;
    const audienceOf = scores && ((day: number) => scores.get(keyOf(pair.site, pair.visitor, day)));
    const result = updatePairDays(pair, rows, previous, update, (refs) => refs, deltas, audienceOf);
    const { site, visitor, content } = pair;
    for (const { day, state, refs, scoreX10 } of result.changed)
      dayWrites.push({ site, visitor, content, day, state, events: refs, score_x10: scoreX10 });
    if (result.reader.kind === 'set') {
      const { lastDay, scoreX10, band, repeat, audienceX10 } = result.reader.next;
      readerWrites.push({
        site,
        content,
        visitor,
        last_day: lastDay,
        score_x10: scoreX10,
        band,
        repeats: repeat ? 1 : 0,
        audience_x10: audienceX10,
      });
    } else if (result.reader.kind === 'delete') readerDeletes.push(pair);
  });

  if (dayWrites.length) {
    // state and events go in as JSON objects, kept as their text (`recordset.ts`).
    await client.query(
      `INSERT INTO visitor_days (site, visitor, content, day, state, events, score_x10)
       SELECT * FROM ${recordset(1, DAY_COLUMNS)}
       ON CONFLICT (site, visitor, content, day) DO UPDATE SET
         state = excluded.state, events = excluded.events, score_x10 = excluded.score_x10`,
      [recordParam(dayWrites)],
    );
  }
  if (readerWrites.length) {
    await client.query(
      `INSERT INTO readers (site, content, visitor, last_day, score_x10, band, repeats, audience_x10)
       SELECT * FROM ${recordset(1, READER_COLUMNS)}
       ON CONFLICT (site, content, visitor) DO UPDATE SET
         last_day = excluded.last_day, score_x10 = excluded.score_x10, band = excluded.band, repeats = excluded.repeats,
         audience_x10 = excluded.audience_x10`,
      [recordParam(readerWrites)],
    );
  }
  if (rescored.length) {
    const { rows } = await client.query<{
      site: string;
      content: string;
      band: string;
      day: number;
      old: number;
      score: number;
    }>(SYNC_AUDIENCE, [
      rescored.map((r) => r.site),
      rescored.map((r) => r.visitor),
      rescored.map((r) => r.day),
      rescored.map((r) => r.scoreX10),
    ]);
    for (const row of rows) deltas.audience(row.site, row.content, row.day, row.band, row.score - row.old);
  }
  if (readerDeletes.length) {
    await client.query(
      `DELETE FROM readers r USING unnest($1::text[], $2::text[], $3::text[]) AS p(site, visitor, content)
       WHERE r.site = p.site AND r.content = p.content AND r.visitor = p.visitor`,
      columns(readerDeletes, [(p) => p.site, (p) => p.visitor, (p) => p.content]),
    );
  }
}
