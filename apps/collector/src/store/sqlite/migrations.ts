/**
 * The SQLite schemas, as ordered lists of migrations. The log (`dwell.db`)
 * holds the raw events; the views (`views.db`) hold everything folded from
 * them, and the position in the log they have folded up to. Two files, so
 * that appending to the log and folding the views never wait for each
 * other's write lock. `PRAGMA user_version` records how many migrations a
 * file has run; the store runs the rest at start, each in its own
 * transaction. Append only: a released migration never changes.
 */
import type Database from 'better-sqlite3';

/** The log: `events`, appended by the writer thread and read by the materializer. */
export const LOG_MIGRATIONS: readonly string[] = [
  // 1: raw events, daily states, readers, daily aggregates, content metadata
  // (one file held everything before the views moved to views.db).
  `
  -- Every event ever accepted, kept so history can be re-scored. ts is the
  -- clock-corrected time; ms/depth/name are what the score reads; data holds the
  -- rest (title, url, referrer, channel, props, ...) as JSON. No IP address.
  -- seq is stable (an INTEGER PRIMARY KEY survives VACUUM): the daily states
  -- point at their events by seq, which spares an index on (visitor, content,
  -- ts) that would halve the insert rate.
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    id TEXT NOT NULL,
    visitor TEXT NOT NULL,
    content TEXT NOT NULL,
    session TEXT NOT NULL,
    type TEXT NOT NULL,
    ts INTEGER NOT NULL,
    client_ts REAL NOT NULL,
    received_at INTEGER NOT NULL,
    ms REAL,
    depth REAL,
    name TEXT,
    data TEXT
  );
  -- Exactly once: an event id is stored once per site.
  CREATE UNIQUE INDEX events_id ON events (site, id);

  -- The engagement state of each (visitor, content) pair per UTC day, the seqs
  -- of its events (JSON array), and the reader's score (x 10) over the model
  -- window ending with that day.
  CREATE TABLE visitor_days (
    site TEXT NOT NULL,
    visitor TEXT NOT NULL,
    content TEXT NOT NULL,
    day INTEGER NOT NULL,
    state TEXT NOT NULL,
    seqs TEXT NOT NULL,
    score_x10 INTEGER NOT NULL,
    PRIMARY KEY (site, visitor, content, day)
  ) WITHOUT ROWID;
  CREATE INDEX visitor_days_day ON visitor_days (site, day);

  -- Each reader's current contribution to its content: the score of its
  -- window, counted on the day of its latest activity.
  CREATE TABLE readers (
    site TEXT NOT NULL,
    content TEXT NOT NULL,
    visitor TEXT NOT NULL,
    last_day INTEGER NOT NULL,
    score_x10 INTEGER NOT NULL,
    band TEXT NOT NULL,
    repeats INTEGER NOT NULL,
    PRIMARY KEY (site, content, visitor)
  ) WITHOUT ROWID;

  -- Daily per-content aggregates: the ranked list reads only these.
  --   views, shares, engaged_ms, events: the events of that day;
  --   active_readers, active_score_x10: visitors active that day, their scores as of that day;
  --   readers, score_x10, score_sq, repeaters: readers whose latest activity is that day.
  CREATE TABLE content_days (
    site TEXT NOT NULL,
    day INTEGER NOT NULL,
    content TEXT NOT NULL,
    views INTEGER NOT NULL DEFAULT 0,
    shares INTEGER NOT NULL DEFAULT 0,
    engaged_ms REAL NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    active_readers INTEGER NOT NULL DEFAULT 0,
    active_score_x10 INTEGER NOT NULL DEFAULT 0,
    readers INTEGER NOT NULL DEFAULT 0,
    score_x10 INTEGER NOT NULL DEFAULT 0,
    score_sq INTEGER NOT NULL DEFAULT 0,
    repeaters INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site, day, content)
  ) WITHOUT ROWID;
  CREATE INDEX content_days_content ON content_days (site, content, day);

  -- The sums of content_days over the days from live_windows.from_day on (the model
  -- window ending today): the default ranked list reads one row per content.
  CREATE TABLE content_live (
    site TEXT NOT NULL,
    content TEXT NOT NULL,
    views INTEGER NOT NULL DEFAULT 0,
    shares INTEGER NOT NULL DEFAULT 0,
    engaged_ms REAL NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    readers INTEGER NOT NULL DEFAULT 0,
    score_x10 INTEGER NOT NULL DEFAULT 0,
    score_sq INTEGER NOT NULL DEFAULT 0,
    repeaters INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site, content)
  ) WITHOUT ROWID;

  -- Readers by band, counted like content_days.readers.
  CREATE TABLE content_day_bands (
    site TEXT NOT NULL,
    content TEXT NOT NULL,
    day INTEGER NOT NULL,
    band TEXT NOT NULL,
    readers INTEGER NOT NULL,
    PRIMARY KEY (site, content, day, band)
  ) WITHOUT ROWID;

  CREATE TABLE contents (
    site TEXT NOT NULL,
    content TEXT NOT NULL,
    title TEXT,
    url TEXT,
    section TEXT,
    author TEXT,
    first_seen INTEGER NOT NULL,
    PRIMARY KEY (site, content)
  ) WITHOUT ROWID;
  CREATE INDEX contents_section ON contents (site, section);
  CREATE INDEX contents_author ON contents (site, author);

  -- Which model the aggregates were scored with, and when the window was last slid.
  CREATE TABLE sites (
    site TEXT PRIMARY KEY,
    model_version TEXT NOT NULL,
    refreshed_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  -- The first day content_live sums, per site; no row: content_live is not built.
  CREATE TABLE live_windows (
    site TEXT PRIMARY KEY,
    from_day INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 2: the views live in views.db now; the log keeps only the events.
  `
  DROP TABLE visitor_days;
  DROP TABLE readers;
  DROP TABLE content_days;
  DROP TABLE content_live;
  DROP TABLE content_day_bands;
  DROP TABLE contents;
  DROP TABLE sites;
  DROP TABLE live_windows;
  `,
  // 3: the models each site applied (review and adjust): the latest of a kind is active.
  `
  CREATE TABLE site_models (
    seq INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    kind TEXT NOT NULL,
    version TEXT NOT NULL,
    model TEXT NOT NULL,
    source TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  );
  CREATE INDEX site_models_site ON site_models (site, seq);
  `,
];

/** The views, folded from the log by the materializer thread (`materializer.ts`). */
export const VIEW_MIGRATIONS: readonly string[] = [
  // 1: daily states, readers, daily aggregates, content metadata, and the log position.
  `
  -- The engagement state of each (visitor, content) pair per UTC day, the seqs
  -- of its events (JSON array), and the reader's score (x 10) over the model
  -- window ending with that day.
  CREATE TABLE visitor_days (
    site TEXT NOT NULL,
    visitor TEXT NOT NULL,
    content TEXT NOT NULL,
    day INTEGER NOT NULL,
    state TEXT NOT NULL,
    seqs TEXT NOT NULL,
    score_x10 INTEGER NOT NULL,
    PRIMARY KEY (site, visitor, content, day)
  ) WITHOUT ROWID;
  CREATE INDEX visitor_days_day ON visitor_days (site, day);

  -- Each reader's current contribution to its content: the score of its
  -- window, counted on the day of its latest activity.
  CREATE TABLE readers (
    site TEXT NOT NULL,
    content TEXT NOT NULL,
    visitor TEXT NOT NULL,
    last_day INTEGER NOT NULL,
    score_x10 INTEGER NOT NULL,
    band TEXT NOT NULL,
    repeats INTEGER NOT NULL,
    PRIMARY KEY (site, content, visitor)
  ) WITHOUT ROWID;

  -- Daily per-content aggregates: the ranked list reads only these.
  --   views, shares, engaged_ms, events: the events of that day;
  --   active_readers, active_score_x10: visitors active that day, their scores as of that day;
  --   readers, score_x10, score_sq, repeaters: readers whose latest activity is that day.
  CREATE TABLE content_days (
    site TEXT NOT NULL,
    day INTEGER NOT NULL,
    content TEXT NOT NULL,
    views INTEGER NOT NULL DEFAULT 0,
    shares INTEGER NOT NULL DEFAULT 0,
    engaged_ms REAL NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    active_readers INTEGER NOT NULL DEFAULT 0,
    active_score_x10 INTEGER NOT NULL DEFAULT 0,
    readers INTEGER NOT NULL DEFAULT 0,
    score_x10 INTEGER NOT NULL DEFAULT 0,
    score_sq INTEGER NOT NULL DEFAULT 0,
    repeaters INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site, day, content)
  ) WITHOUT ROWID;
  CREATE INDEX content_days_content ON content_days (site, content, day);

  -- The sums of content_days over the days from live_windows.from_day on (the model
  -- window ending today): the default ranked list reads one row per content.
  CREATE TABLE content_live (
    site TEXT NOT NULL,
    content TEXT NOT NULL,
    views INTEGER NOT NULL DEFAULT 0,
    shares INTEGER NOT NULL DEFAULT 0,
    engaged_ms REAL NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0,
    readers INTEGER NOT NULL DEFAULT 0,
    score_x10 INTEGER NOT NULL DEFAULT 0,
    score_sq INTEGER NOT NULL DEFAULT 0,
    repeaters INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site, content)
  ) WITHOUT ROWID;

  -- Readers by band, counted like content_days.readers.
  CREATE TABLE content_day_bands (
    site TEXT NOT NULL,
    content TEXT NOT NULL,
    day INTEGER NOT NULL,
    band TEXT NOT NULL,
    readers INTEGER NOT NULL,
    PRIMARY KEY (site, content, day, band)
  ) WITHOUT ROWID;

  CREATE TABLE contents (
    site TEXT NOT NULL,
    content TEXT NOT NULL,
    title TEXT,
    url TEXT,
    section TEXT,
    author TEXT,
    first_seen INTEGER NOT NULL,
    PRIMARY KEY (site, content)
  ) WITHOUT ROWID;
  CREATE INDEX contents_section ON contents (site, section);
  CREATE INDEX contents_author ON contents (site, author);

  -- Which model the aggregates were scored with, and when the window was last slid.
  CREATE TABLE sites (
    site TEXT PRIMARY KEY,
    model_version TEXT NOT NULL,
    refreshed_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  -- The first day content_live sums, per site; no row: content_live is not built.
  CREATE TABLE live_windows (
    site TEXT PRIMARY KEY,
    from_day INTEGER NOT NULL
  ) WITHOUT ROWID;
  
  -- The log position the views have folded: every event with seq <= position,
  -- and no other. Written in the transaction that folds them, so a crash
  -- leaves the views and the position agreeing.
  CREATE TABLE log_position (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
  );
  INSERT INTO log_position (id, seq) VALUES (1, 0);
  `,
  // 2: the reader views (issue 12), folded from the whole log again.
  `
  -- Each reader's state per UTC day, its reader score (x 10) and band over the
  -- reader window ending with that day, and the reader's next active day
  -- (NULL on the latest): a reader's latest row in a range is the one whose
  -- next_day is NULL or past the range.
  CREATE TABLE reader_days (
    site TEXT NOT NULL,
    visitor TEXT NOT NULL,
    day INTEGER NOT NULL,
    state TEXT NOT NULL,
    score_x10 INTEGER NOT NULL,
    band TEXT NOT NULL,
    next_day INTEGER,
    PRIMARY KEY (site, visitor, day)
  ) WITHOUT ROWID;
  CREATE INDEX reader_days_day ON reader_days (site, day, next_day, band, score_x10);
  -- A reader's rows without their states: /readers pairs each reader's two periods through it.
  CREATE INDEX reader_days_visitor ON reader_days (site, visitor, day, next_day, band, score_x10);

  -- reader_days rows by day, band and next day (2147483647 for none): the
  -- counts and the daily series of /readers, whatever the number of readers.
  CREATE TABLE reader_day_bands (
    site TEXT NOT NULL,
    day INTEGER NOT NULL,
    band TEXT NOT NULL,
    next_day INTEGER NOT NULL,
    readers INTEGER NOT NULL,
    PRIMARY KEY (site, day, band, next_day)
  ) WITHOUT ROWID;

  -- The reader model version reader_days are scored with, per site.
  CREATE TABLE reader_models (
    site TEXT PRIMARY KEY,
    version TEXT NOT NULL
  ) WITHOUT ROWID;

  -- Each visitor's latest rating of each content, on the day it was given.
  CREATE TABLE content_ratings (
    site TEXT NOT NULL,
    content TEXT NOT NULL,
    visitor TEXT NOT NULL,
    day INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    rating INTEGER NOT NULL,
    PRIMARY KEY (site, content, visitor)
  ) WITHOUT ROWID;
  CREATE INDEX content_ratings_day ON content_ratings (site, content, day);

  -- Each reader's reader score x 10 as of its latest day on the content, and
  -- their sums by the content's day and band: a content's audience.
  ALTER TABLE readers ADD COLUMN audience_x10 INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX readers_visitor ON readers (site, visitor, last_day);
  ALTER TABLE content_day_bands ADD COLUMN audience_x10 INTEGER NOT NULL DEFAULT 0;

  -- The new views need the whole log: empty the others and fold it all again.
  DELETE FROM visitor_days;
  DELETE FROM readers;
  DELETE FROM content_days;
  DELETE FROM content_live;
  DELETE FROM content_day_bands;
  DELETE FROM contents;
  DELETE FROM sites;
  DELETE FROM live_windows;
  UPDATE log_position SET seq = 0;
  `,
  // 3: the default comparison of /readers as a view (../engine/readerPeriods.ts),
  // made by the first read of it: nothing to fold again.
  `
  -- The periods a site's reader_periods rows are for: the model window ending
  -- on day, the window before it, the model's bands (lowest first, one a line).
  CREATE TABLE reader_period_days (
    site TEXT PRIMARY KEY,
    day INTEGER NOT NULL,
    window_days INTEGER NOT NULL,
    bands TEXT NOT NULL
  ) WITHOUT ROWID;

  -- Each reader of the earlier window: its latest row there and in the later
  -- window (NULL: gone), whether it is at risk (fell) and by how much.
  CREATE TABLE reader_periods (
    site TEXT NOT NULL,
    visitor TEXT NOT NULL,
    previous_day INTEGER NOT NULL,
    previous_band TEXT NOT NULL,
    previous_score_x10 INTEGER NOT NULL,
    current_day INTEGER,
    current_band TEXT,
    current_score_x10 INTEGER,
    fell INTEGER NOT NULL,
    fall_x10 INTEGER NOT NULL,
    PRIMARY KEY (site, visitor)
  ) WITHOUT ROWID;
  CREATE INDEX reader_periods_moves ON reader_periods (site, previous_band, current_band);
  CREATE INDEX reader_periods_at_risk ON reader_periods (site, fall_x10 DESC, visitor) WHERE fell = 1;
  `,
];

/** Runs the migrations this database has not run yet; returns how many ran. */
export function migrate(db: Database.Database, migrations: readonly string[]): number {
  const done = db.pragma('user_version', { simple: true }) as number;
  if (done > migrations.length) {
    throw new Error(
      `the database has schema version ${done}, newer than this collector's ${migrations.length}: upgrade the collector`,
    );
  }
  for (let version = done; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return migrations.length - done;
}
