/**
 * PostgreSQL's side of `../engine/readerDays.ts`, for every reader a fold
 * touched at once: one query locks them, one loads their day rows, one the
 * row before those, one writes what changed, one the band counts, one the
 * rows of the default comparison (`readerPeriods.ts`); plus the latest
 * ratings. Re-scoring after a reader model change: `readerModels.ts`.
 */
import type pg from 'pg';
import type { Model, ReaderState } from '@dwell/score';
import { dayOf } from '../../days.js';
import { readerStatesOf, type RatingNote, type TouchedReader } from '../engine/foldPlan.js';
import {
  firstReaderDayNeeded,
  updateReaderDays,
  type EarlierDay,
  readerDayOf,
  type ReaderDay,
  type ReaderDayRow,
} from '../engine/readerDays.js';
import { ReaderBandDeltas } from '../engine/readerBandDeltas.js';
import { keyOf } from '../engine/keys.js';
import { foldedPeriod } from '../engine/readerPeriods.js';
import { READER_NAMESPACE } from './locks.js';
import { recordParam, recordset, type RecordColumns } from './recordset.js';
import { dropPeriods, viewsOf, writePeriods, type PeriodWrite } from './readerPeriods.js';
import type { AudienceInput, ReaderDayScore } from './pairs.js';

interface NumberedDayRow extends ReaderDayRow {
  i: number;
}

/** The earliest day a query asks for (an int4 column). */
const FIRST_DAY = -1_000_000_000;

/** A `reader_days` row as the upsert reads it from `recordParam`: the columns' names and types. */
export interface ReaderDayRecord {
  site: string;
  visitor: string;
  day: number;
  state: ReaderState;
  score_x10: number;
  band: string;
  next_day: number | null;
}

const READER_DAY_COLUMNS = [
  ['site', 'text'],
  ['visitor', 'text'],
  ['day', 'int4'],
  ['state', 'json'],
  ['score_x10', 'int4'],
  ['band', 'text'],
  ['next_day', 'int4'],
] as const satisfies RecordColumns<ReaderDayRecord>;

const UPSERT_DAYS = `
  INSERT INTO reader_days (site, visitor, day, state, score_x10, band, next_day)
  SELECT * FROM ${recordset(1, READER_DAY_COLUMNS)}
  ON CONFLICT (site, visitor, day) DO UPDATE SET
    state = excluded.state, score_x10 = excluded.score_x10, band = excluded.band, next_day = excluded.next_day`;

const ADD_BANDS = `
  INSERT INTO reader_day_bands (site, day, band, next_day, readers)
  SELECT * FROM unnest($1::text[], $2::int4[], $3::text[], $4::int4[], $5::int8[])
  ON CONFLICT (site, day, band, next_day) DO UPDATE SET readers = reader_day_bands.readers + excluded.readers`;

/** The row that stores `day` of one reader. */
export function dayRecordOf(site: string, visitor: string, day: ReaderDay): ReaderDayRecord {
  return {
    site,
    visitor,
    day: day.day,
    state: day.state,
    score_x10: day.scoreX10,
    band: day.band,
    next_day: day.nextDay,
  };
}

export async function writeDays(client: pg.PoolClient, records: ReaderDayRecord[]): Promise<void> {
  if (!records.length) return;
  await client.query(UPSERT_DAYS, [recordParam(records)]);
}

export async function flushBands(client: pg.PoolClient, bands: ReaderBandDeltas): Promise<void> {
  const rows = bands.take();
  if (!rows.length) return;
  await client.query(ADD_BANDS, [
    rows.map((row) => row.site),
    rows.map((row) => row.day),
    rows.map((row) => row.band),
    rows.map((row) => row.nextDay),
    rows.map((row) => row.readers),
  ]);
}

/** Folds the touched readers' new events into their rows, inside the caller's transaction. */
export async function updateReaders(
  client: pg.PoolClient,
  touched: readonly TouchedReader[],
  readerModelOf: (site: string) => Model,
): Promise<AudienceInput> {
  const scores = new Map<string, number>();
  const rescoredDays: ReaderDayScore[] = [];
  if (!touched.length) return { scores, rescored: rescoredDays };
  const readers = [...touched].sort((a, b) =>
    a.site < b.site ? -1 : a.site > b.site ? 1 : a.visitor < b.visitor ? -1 : a.visitor > b.visitor ? 1 : 0,
  );
  const sites = readers.map((reader) => reader.site);
  const visitors = readers.map((reader) => reader.visitor);
  await client.query(
    `SELECT pg_advisory_xact_lock($3, hashtext(site || E'\\n' || visitor))
     FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS r(site, visitor, i) ORDER BY i`,
    [sites, visitors, READER_NAMESPACE],
  );
  const added = readers.map(readerStatesOf);
  const from = readers.map((reader, index) =>
    Math.max(FIRST_DAY, firstReaderDayNeeded(Math.min(...added[index]!.keys()), readerModelOf(reader.site))),
  );
  const days = await client.query<NumberedDayRow>(
    `SELECT r.i, d.day, d.state, d.score_x10, d.band, d.next_day
     FROM unnest($1::text[], $2::text[], $3::int4[]) WITH ORDINALITY AS r(site, visitor, from_day, i)
     JOIN reader_days d ON d.site = r.site AND d.visitor = r.visitor AND d.day >= r.from_day`,
    [sites, visitors, from],
  );
  const earlier = await client.query<{
    i: number;
    day: number;
    band: string;
    score_x10: number;
    next_day: number | null;
  }>(
    `SELECT r.i, d.day, d.band, d.score_x10, d.next_day
     FROM unnest($1::text[], $2::text[], $3::int4[]) WITH ORDINALITY AS r(site, visitor, from_day, i)
     CROSS JOIN LATERAL (SELECT day, band, score_x10, next_day FROM reader_days d
       WHERE d.site = r.site AND d.visitor = r.visitor AND d.day < r.from_day ORDER BY day DESC LIMIT 1) d`,
    [sites, visitors, from],
  );
  const rowsOf = new Map<number, ReaderDay[]>();
  for (const row of days.rows) {
    const i = Number(row.i);
    let list = rowsOf.get(i);
    if (!list) rowsOf.set(i, (list = []));
    list.push(readerDayOf(row));
  }
  const earlierOf = new Map<number, EarlierDay>(
    earlier.rows.map((row) => [
      Number(row.i),
      { day: row.day, band: row.band, scoreX10: row.score_x10, nextDay: row.next_day },
    ]),
  );
  // Stable while the fold holds the sites' lock shared: a read makes a view under it exclusively.
  const views = await viewsOf(client, [...new Set(sites)]);
  const periods: PeriodWrite[] = [];
  const dropped = new Set<string>();
  const bands = new ReaderBandDeltas();
  const writes: ReaderDayRecord[] = [];
  const relinks: { site: string; visitor: string; day: number; nextDay: number | null }[] = [];
  readers.forEach((reader, index) => {
    const { site, visitor } = reader;
    const before = earlierOf.get(index + 1) ?? null;
    const rows = rowsOf.get(index + 1) ?? [];
    const result = updateReaderDays(site, rows, before, added[index]!, readerModelOf(site), bands);
    for (const row of result.changed) writes.push(dayRecordOf(site, visitor, row));
    for (const row of rows) scores.set(keyOf(site, visitor, row.day), row.scoreX10);
    for (const { day, scoreX10 } of result.rescored) rescoredDays.push({ site, visitor, day, scoreX10 });
    if (before && result.earlierNext !== undefined) {
      relinks.push({ site, visitor, day: before.day, nextDay: result.earlierNext });
    }
    const view = views.get(site);
    if (!view || dropped.has(site)) return;
    const period = foldedPeriod(view, from[index]!, Math.min(...added[index]!.keys()), before, rows);
    if (period === 'drop') dropped.add(site);
    else if (period !== 'keep') periods.push({ site, visitor, period });
  });
  await writeDays(client, writes);
  if (relinks.length) {
    await client.query(
      `UPDATE reader_days d SET next_day = r.next_day
       FROM unnest($1::text[], $2::text[], $3::int4[], $4::int4[]) AS r(site, visitor, day, next_day)
       WHERE d.site = r.site AND d.visitor = r.visitor AND d.day = r.day`,
      [
        relinks.map((r) => r.site),
        relinks.map((r) => r.visitor),
        relinks.map((r) => r.day),
        relinks.map((r) => r.nextDay),
      ],
    );
  }
  await flushBands(client, bands);
  await writePeriods(
    client,
    periods.filter((write) => !dropped.has(write.site)),
  );
  for (const site of dropped) await dropPeriods(client, site);
  return { scores, rescored: rescoredDays };
}

/** Keeps each (content, visitor)'s latest rating. */
export async function upsertRatings(client: pg.PoolClient, notes: readonly RatingNote[]): Promise<void> {
  if (!notes.length) return;
  const sorted = [...notes].sort((a, b) =>
    a.site !== b.site
      ? a.site < b.site
        ? -1
        : 1
      : a.content !== b.content
        ? a.content < b.content
          ? -1
          : 1
        : a.visitor < b.visitor
          ? -1
          : 1,
  );
  await client.query(
    `INSERT INTO content_ratings (site, content, visitor, day, ts, rating)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int4[], $5::int8[], $6::int4[])
     ON CONFLICT (site, content, visitor) DO UPDATE SET day = excluded.day, ts = excluded.ts, rating = excluded.rating
     WHERE excluded.ts > content_ratings.ts OR (excluded.ts = content_ratings.ts AND excluded.rating > content_ratings.rating)`,
    [
      sorted.map((n) => n.site),
      sorted.map((n) => n.content),
      sorted.map((n) => n.visitor),
      sorted.map((n) => dayOf(n.ts)),
      sorted.map((n) => n.ts),
      sorted.map((n) => n.rating),
    ],
  );
}
