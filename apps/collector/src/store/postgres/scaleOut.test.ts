/**
 * Scale-out: three collector processes on three ports share one PostgreSQL
 * database and receive one event stream, split and duplicated across them,
 * concurrently. Every event counts exactly once, and every reader's score,
 * and the ranked list, equal what one SQLite collector computes from the
 * same stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, emptyState, fold, score } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { tempDir } from '../../testing.js';
import { freshSchema, queryRows } from '../../testing/postgres.js';
import { random } from '../../testing/random.js';
import {
  buildCollector,
  postBatch,
  readJson,
  startCollectorProcess,
  type Running,
} from '../../testing/process.js';

const DAY = 86_400_000;
const VISITORS = 40;
const CONTENTS = ['/a/1', '/a/2', '/a/3'];

interface Batch {
  site: string;
  visitor: string;
  sent_at: number;
  events: WireEvent[];
}

/** Each visitor's events over the last days, in a few batches: views, engaged time, shares, sessions. */
function stream(now: number): Batch[] {
  const next = random(7);
  const batches: Batch[] = [];
  for (let v = 0; v < VISITORS; v++) {
    for (let b = 0; b < 3; b++) {
      const events: WireEvent[] = [];
      for (let n = 0; n < 12; n++) {
        const content = CONTENTS[Math.floor(next() * CONTENTS.length)] as string;
        const base = {
          id: `x-${v}-${b}-${n}`,
          content,
          session: `s-${v}-${Math.floor(next() * 3)}`,
          ts: now - Math.floor(next() * 5 * DAY),
        };
        const kind = next();
        if (kind < 0.3) events.push({ ...base, type: 'view' });
        else if (kind < 0.85) events.push({ ...base, type: 'engage', ms: Math.floor(next() * 20_000) });
        else events.push({ ...base, type: 'share', channel: 'copy' });
      }
      batches.push({ site: 'demo', visitor: `v${v}`, sent_at: now, events });
    }
  }
  return batches;
}

let collectors: Running[] = [];
let sqlite: Running;
let databaseUrl: string;

beforeAll(async () => {
  buildCollector();
  databaseUrl = await freshSchema();
  // The first one migrates; the three then start together, as behind a load balancer.
  collectors = await Promise.all(
    [0, 1, 2].map(() => startCollectorProcess({ DWELL_DATABASE_URL: databaseUrl })),
  );
  sqlite = await startCollectorProcess({ DWELL_DATA_DIR: tempDir() });
}, 60_000);

afterAll(() => {
  for (const running of [...collectors, sqlite]) running?.kill();
});

describe('three collectors on one PostgreSQL database', () => {
  it('count each event once and score every reader as a single SQLite collector does', async () => {
    const now = Date.now();
    const batches = stream(now);
    const next = random(11);
    const sends: Promise<Response>[] = [];
    for (const batch of batches) {
      // Each batch goes whole to two collectors, and its halves to two of them as well.
      const [a, b, c] = [0, 1, 2].sort(() => next() - 0.5).map((index) => collectors[index]) as [
        Running,
        Running,
        Running,
      ];
      const half = Math.floor(batch.events.length / 2);
      sends.push(postBatch(a.url, batch), postBatch(b.url, batch));
      sends.push(postBatch(c.url, { ...batch, events: batch.events.slice(0, half) }));
      sends.push(postBatch(a.url, { ...batch, events: batch.events.slice(half) }));
      sends.push(postBatch(sqlite.url, batch));
    }
    const responses = await Promise.all(sends);
    expect(responses.map((response) => response.status).filter((status) => status !== 202)).toEqual([]);
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as {
      accepted: number;
    }[];
    const unique = batches.length * 12;
    // Every fifth request went to SQLite; the rest to PostgreSQL.
    const accepted = (from: number) =>
      bodies.filter((_, index) => index % 5 === from).reduce((sum, body) => sum + body.accepted, 0);
    expect(accepted(4)).toBe(unique);
    expect([0, 1, 2, 3].reduce((sum, from) => sum + accepted(from), 0)).toBe(unique);
    expect(await queryRows(databaseUrl, 'SELECT count(*)::int AS n FROM events')).toEqual([{ n: unique }]);

    for (let v = 0; v < VISITORS; v++) {
      const mine = batches.filter((batch) => batch.visitor === `v${v}`).flatMap((batch) => batch.events);
      for (const content of CONTENTS) {
        const path = `/v1/sites/demo/visitors/v${v}/score?content=${encodeURIComponent(content)}`;
        const events = mine.filter((event) => event.content === content);
        const expected = score(
          fold(emptyState(), events, { now: Date.now(), windowDays: 30 }),
          DEFAULT_MODEL,
        );
        const fromSqlite = await readJson(sqlite.url, path);
        expect(fromSqlite).toMatchObject(expected);
        expect(await readJson((collectors[v % 3] as Running).url, path)).toEqual(fromSqlite);
      }
    }
    const list = '/v1/sites/demo/content?limit=1000';
    const [fromSqlite, ...fromPostgres] = await Promise.all(
      [sqlite, ...collectors].map((running) => readJson(running.url, list)),
    );
    for (const answer of fromPostgres) expect(answer).toEqual(fromSqlite);
  });
});
