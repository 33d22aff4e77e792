/**
 * The crash loop: a collector process killed with SIGKILL at random moments
 * while batches are in flight — during appends and during the
 * materializer's folds — restarted, and sent everything again, 20 rounds
 * per store. In the end every event is counted exactly once, every visitor's
 * score equals `score(fold(its events))`, and the views equal a rebuild of
 * them from the log.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, emptyState, fold, score } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { tempDir } from './testing.js';
import { freshSchema, queryRows } from './testing/postgres.js';
import { buildCollector, postBatch, readJson, ROOT, startCollectorProcess } from './testing/process.js';
import { random } from './testing/random.js';
import { dumpTables } from './store/testing/views.js';
import { VIEW_TABLES } from './store/engine/viewTables.js';

/** Rounds of kill -9 per store. */
const ROUNDS = 20;
/** New batches each round; every batch sent so far is sent again too. */
const NEW_BATCHES = 8;
const VISITORS = 12;
/** Requests in flight at once. */
const SENDERS = 4;

interface Batch {
  site: string;
  visitor: string;
  sent_at: number;
  events: WireEvent[];
}

function batchOf(index: number, now: number): Batch {
  const content = `/a/${index % 3}`;
  const events = Array.from({ length: 20 }, (_, n): WireEvent => {
    const base = {
      id: `c-${index}-${n}`,
      content,
      session: `s-${index % 5}`,
      ts: now - 60_000 + index * 100 + n,
    };
    if (n % 5 === 0) return { ...base, type: 'view', title: `Article ${content}` };
    if (n === 19) return { ...base, type: 'share', channel: 'copy' };
    return { ...base, type: 'engage', ms: 4_000 };
  });
  return { site: 'demo', visitor: `v${index % VISITORS}`, sent_at: now, events };
}

/** Waits until `/healthz` says the views hold everything acknowledged. */
async function settled(url: string): Promise<void> {
  for (let tries = 0; tries < 400; tries++) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { lag: { events: number } };
    if (health.lag.events === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the views did not catch up');
}

interface Backend {
  name: string;
  env(): Promise<Record<string, string>>;
  views(env: Record<string, string>): Promise<unknown>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    env: async () => ({ DWELL_DATA_DIR: tempDir() }),
    async views(env) {
      const db = new Database(join(env.DWELL_DATA_DIR as string, 'views.db'), { readonly: true });
      try {
        return await dumpTables(VIEW_TABLES, (table) => db.prepare(`SELECT * FROM ${table}`).all());
      } finally {
        db.close();
      }
    },
  },
  {
    name: 'PostgreSQL',
    env: async () => ({ DWELL_DATABASE_URL: await freshSchema() }),
    views: (env) =>
      dumpTables(VIEW_TABLES, (table) =>
        queryRows(env.DWELL_DATABASE_URL as string, `SELECT * FROM ${table}`),
      ),
  },
];

beforeAll(buildCollector, 60_000);

describe.each(backends)('the collector process on $name, killed at random moments', (backend) => {
  it(`counts every acknowledged event once after ${ROUNDS} rounds of kill -9, with views equal to a rebuild`, async () => {
    const env = await backend.env();
    const next = random(20261201);
    const now = Date.now();
    const sent: Batch[] = [];
    /** Rounds whose kill came with some batches acknowledged and others still in flight. */
    let killedMidway = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const running = await startCollectorProcess(env);
      for (let index = 0; index < NEW_BATCHES; index++) sent.push(batchOf(sent.length, now));
      // A few senders at a time, as browsers would, and the kill after a random number of 202s:
      // the others are in flight, and the materializer is folding what came before.
      const target = 1 + Math.floor(next() * (sent.length - 1));
      let answered = 0;
      const queue = [...sent];
      const senders = Array.from({ length: SENDERS }, async () => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) {
          const ok = await postBatch(running.url, batch).then(
            (response) => response.status === 202,
            () => false,
          );
          if (!ok) return;
          if (++answered === target) setTimeout(() => running.kill(), next() * 20);
        }
      });
      await Promise.all(senders);
      running.kill();
      if (answered > 0 && answered < sent.length) killedMidway++;
    }
    const final = await startCollectorProcess(env);
    try {
      const answers = await Promise.all(sent.map((batch) => postBatch(final.url, batch)));
      expect(answers.map((response) => response.status)).toEqual(sent.map(() => 202));
      await settled(final.url);
      const expectedViews = sent.length * 4;
      const list = (await readJson(final.url, '/v1/sites/demo/content?limit=10')) as {
        items: { views: number }[];
      };
      expect(list.items.reduce((sum, item) => sum + item.views, 0)).toBe(expectedViews);
      for (let visitor = 0; visitor < VISITORS; visitor++) {
        for (const content of ['/a/0', '/a/1', '/a/2']) {
          const events = sent
            .filter((batch) => batch.visitor === `v${visitor}`)
            .flatMap((batch) => batch.events)
            .filter((event) => event.content === content);
          if (!events.length) continue;
          const answer = await readJson(
            final.url,
            `/v1/sites/demo/visitors/v${visitor}/score?content=${encodeURIComponent(content)}`,
          );
          const state = fold(emptyState(), events, { now: Date.now(), windowDays: 30 });
          expect(answer).toMatchObject(score(state, DEFAULT_MODEL));
        }
      }
    } finally {
      final.kill();
    }
    expect(killedMidway).toBeGreaterThanOrEqual(ROUNDS / 2);
    const incremental = await backend.views(env);
    execFileSync(process.execPath, [join(ROOT, 'apps/collector/dist/rebuild.js')], {
      cwd: ROOT,
      env: { ...process.env, DWELL_CONFIG: '', DWELL_DATABASE_URL: '', NODE_ENV: 'test', ...env },
    });
    expect(await backend.views(env)).toEqual(incremental);
  }, 120_000);
});
