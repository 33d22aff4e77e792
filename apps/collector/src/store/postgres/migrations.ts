/**
 * The PostgreSQL schema, as an ordered list of migrations recorded in
 * `schema_migrations`. Every collector runs the pending ones at start under
 * `pg_advisory_lock`, so when several start at once one migrates and the
 * others wait, then find nothing left to do. Append only.
 */
import type pg from 'pg';
import { LOCKS } from './locks.js';

export const MIGRATIONS: readonly string[] = [
  // 1: the tables of the SQLite store (see ../sqlite/migrations.ts), with two changes for scale-out:
  `
  -- Exactly once: an event id is stored once per site. Kept apart from the raw
  -- events because a unique index on a partitioned table must contain the
  -- partition key (ts), and a re-sent event may carry another corrected ts.
  -- Rows leave with the raw events' retention (BRIN on ts: tiny, cheap to keep).
  CREATE TABLE event_ids (
    site text NOT NULL,
    id text NOT NULL,
    ts bigint NOT NULL,
    PRIMARY KEY (site, id)
  );
  CREATE INDEX event_ids_ts ON event_ids USING brin (ts);

  -- Every accepted event, partitioned by month of ts (partitions.ts); no
  -- index: nothing reads it on the hot path, and old months are dropped whole.
  CREATE TABLE events (
    site text NOT NULL,
    id text NOT NULL,
    visitor text NOT NULL,
    content text NOT NULL,
    session text NOT NULL,
    type text NOT NULL,
    ts bigint NOT NULL,
    client_ts double precision NOT NULL,
    received_at bigint NOT NULL,
    ms double precision,
    depth double precision,
    name text,
    data jsonb
  ) PARTITION BY RANGE (ts);

  -- The state of each (visitor, content) pair per UTC day. events: the day's
  -- events as fold takes them (JSON), for the one day a window cuts in two,
  -- so reading a window never touches the partitioned raw events.
  CREATE TABLE visitor_days (
    site text NOT NULL,
    visitor text NOT NULL,
    content text NOT NULL,
    day integer NOT NULL,
    state text NOT NULL,
    events text NOT NULL,
    score_x10 integer NOT NULL,
    PRIMARY KEY (site, visitor, content, day)
  );
  CREATE INDEX visitor_days_day ON visitor_days (site, day);

  CREATE TABLE readers (
    site text NOT NULL,
    content text NOT NULL,
    visitor text NOT NULL,
    last_day integer NOT NULL,
    score_x10 integer NOT NULL,
    band text NOT NULL,
    repeats integer NOT NULL,
    PRIMARY KEY (site, content, visitor)
  );

  CREATE TABLE content_days (
    site text NOT NULL,
    day integer NOT NULL,
    content text NOT NULL,
    views bigint NOT NULL DEFAULT 0,
    shares bigint NOT NULL DEFAULT 0,
    engaged_ms double precision NOT NULL DEFAULT 0,
    events bigint NOT NULL DEFAULT 0,
    active_readers bigint NOT NULL DEFAULT 0,
    active_score_x10 bigint NOT NULL DEFAULT 0,
    readers bigint NOT NULL DEFAULT 0,
    score_x10 bigint NOT NULL DEFAULT 0,
    score_sq bigint NOT NULL DEFAULT 0,
    repeaters bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (site, day, content)
  );
  CREATE INDEX content_days_content ON content_days (site, content, day);

  CREATE TABLE content_live (
    site text NOT NULL,
    content text NOT NULL,
    views bigint NOT NULL DEFAULT 0,
    shares bigint NOT NULL DEFAULT 0,
    engaged_ms double precision NOT NULL DEFAULT 0,
    events bigint NOT NULL DEFAULT 0,
    readers bigint NOT NULL DEFAULT 0,
    score_x10 bigint NOT NULL DEFAULT 0,
    score_sq bigint NOT NULL DEFAULT 0,
    repeaters bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (site, content)
  );

  CREATE TABLE content_day_bands (
    site text NOT NULL,
    content text NOT NULL,
    day integer NOT NULL,
    band text NOT NULL,
    readers bigint NOT NULL,
    PRIMARY KEY (site, content, day, band)
  );

  CREATE TABLE contents (
    site text NOT NULL,
    content text NOT NULL,
    title text,
    url text,
    section text,
    author text,
    first_seen bigint NOT NULL,
    PRIMARY KEY (site, content)
  );
  CREATE INDEX contents_section ON contents (site, section);
  CREATE INDEX contents_author ON contents (site, author);

  CREATE TABLE sites (
    site text PRIMARY KEY,
    model_version text NOT NULL,
    refreshed_at bigint NOT NULL
  );

  CREATE TABLE live_windows (
    site text PRIMARY KEY,
    from_day integer NOT NULL
  );
  `,
  // 2: the log's unfolded tail. Ingest appends each new event to events and
  // here in one statement; a materializer takes rows with FOR UPDATE SKIP
  // LOCKED and deletes them in the transaction that folds them into the
  // views, so each is folded exactly once, by whichever collector claims it.
  `
  CREATE TABLE pending (
    seq bigserial PRIMARY KEY,
    site text NOT NULL,
    id text NOT NULL,
    visitor text NOT NULL,
    content text NOT NULL,
    session text NOT NULL,
    type text NOT NULL,
    ts bigint NOT NULL,
    client_ts double precision NOT NULL,
    received_at bigint NOT NULL,
    ms double precision,
    depth double precision,
    name text,
    data jsonb,
    -- When it was appended, by the database's clock: the lag's age.
    queued_at timestamptz NOT NULL DEFAULT now()
  );
  -- A visitor's read waits until none of its events are pending.
  CREATE INDEX pending_visitor ON pending (site, visitor);

  -- Counts the rebuilds of the views: a materializer that sees it change
  -- forgets what it remembered of them (the content rows it knew stored).
  CREATE TABLE views_epoch (
    id integer PRIMARY KEY CHECK (id = 1),
    epoch integer NOT NULL
  );
  INSERT INTO views_epoch (id, epoch) VALUES (1, 0);
  `,
  // 3: the reader views (see ../sqlite/migrations.ts, views migration 2), folded from the whole log again.
  `
  CREATE TABLE reader_days (
    site text NOT NULL,
    visitor text NOT NULL,
    day integer NOT NULL,
    state text NOT NULL,
    score_x10 integer NOT NULL,
    band text NOT NULL,
    next_day integer,
    PRIMARY KEY (site, visitor, day)
  );
  CREATE INDEX reader_days_day ON reader_days (site, day, next_day, band, score_x10);
  CREATE INDEX reader_days_visitor ON reader_days (site, visitor, day, next_day, band, score_x10);

  CREATE TABLE reader_day_bands (
    site text NOT NULL,
    day integer NOT NULL,
    band text NOT NULL,
    next_day integer NOT NULL,
    readers bigint NOT NULL,
    PRIMARY KEY (site, day, band, next_day)
  );

  CREATE TABLE reader_models (
    site text PRIMARY KEY,
    version text NOT NULL
  );

  CREATE TABLE content_ratings (
    site text NOT NULL,
    content text NOT NULL,
    visitor text NOT NULL,
    day integer NOT NULL,
    ts bigint NOT NULL,
    rating integer NOT NULL,
    PRIMARY KEY (site, content, visitor)
  );
  CREATE INDEX content_ratings_day ON content_ratings (site, content, day);

  ALTER TABLE readers ADD COLUMN audience_x10 integer NOT NULL DEFAULT 0;
  CREATE INDEX readers_visitor ON readers (site, visitor, last_day);
  ALTER TABLE content_day_bands ADD COLUMN audience_x10 bigint NOT NULL DEFAULT 0;

  -- The new views need the whole log: the views emptied, every event pending again.
  TRUNCATE pending, visitor_days, readers, content_days, content_live, content_day_bands, contents, sites, live_windows;
  INSERT INTO pending (site, id, visitor, content, session, type, ts, client_ts, received_at, ms, depth, name, data)
    SELECT site, id, visitor, content, session, type, ts, client_ts, received_at, ms, depth, name, data FROM events ORDER BY received_at;
  UPDATE views_epoch SET epoch = epoch + 1;
  `,
  // 4: the models each site applied (review and adjust): the latest of a kind is active.
  `
  CREATE TABLE site_models (
    seq bigserial PRIMARY KEY,
    site text NOT NULL,
    kind text NOT NULL,
    version text NOT NULL,
    model text NOT NULL,
    source text NOT NULL,
    applied_at bigint NOT NULL
  );
  CREATE INDEX site_models_site ON site_models (site, seq);
  `,
  // 5: how far the JetStream materializers folded each partition of a stream (../jetstream/positions.ts).
  `
  CREATE TABLE stream_positions (
    stream text NOT NULL,
    partition integer NOT NULL,
    created text NOT NULL,
    seq bigint NOT NULL,
    PRIMARY KEY (stream, partition)
  );
  `,
  // 6: the default comparison of /readers as a view (see ../sqlite/migrations.ts, views migration 3).
  `
  CREATE TABLE reader_period_days (
    site text PRIMARY KEY,
    day integer NOT NULL,
    window_days integer NOT NULL,
    bands text NOT NULL
  );

  CREATE TABLE reader_periods (
    site text NOT NULL,
    visitor text NOT NULL,
    previous_day integer NOT NULL,
    previous_band text NOT NULL,
    previous_score_x10 integer NOT NULL,
    current_day integer,
    current_band text,
    current_score_x10 integer,
    fell integer NOT NULL,
    fall_x10 integer NOT NULL,
    PRIMARY KEY (site, visitor)
  );
  CREATE INDEX reader_periods_moves ON reader_periods (site, previous_band, current_band);
  CREATE INDEX reader_periods_at_risk ON reader_periods (site, fall_x10 DESC, visitor) WHERE fell = 1;
  `,
];

/** Runs the migrations this database has not run yet; returns how many ran. */
export async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  let healthy = false;
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', LOCKS.migrations);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ done: number }>(
      'SELECT coalesce(max(version), 0) AS done FROM schema_migrations',
    );
    const done = rows[0]?.done ?? 0;
    if (done > MIGRATIONS.length) {
      throw new Error(
        `the database has schema version ${done}, newer than this collector's ${MIGRATIONS.length}: upgrade the collector`,
      );
    }
    for (let version = done; version < MIGRATIONS.length; version++) {
      await client.query('BEGIN');
      await client.query(MIGRATIONS[version] as string);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version + 1]);
      await client.query('COMMIT');
    }
    healthy = true;
    return MIGRATIONS.length - done;
  } finally {
    if (healthy) await client.query('SELECT pg_advisory_unlock($1, $2)', LOCKS.migrations);
    // On failure the connection is closed, which releases the lock and rolls back.
    client.release(healthy ? undefined : true);
  }
}
