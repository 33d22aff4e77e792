/**
 * The database goes away in the middle of a stream: a private PostgreSQL
 * server (never the shared one) is stopped as in a crash, then started again.
 * Meanwhile the collector answers 503 with Retry-After and /healthz reports
 * the failure; it recovers by itself, never crashes, and every event it
 * acknowledged with a 202 is in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireEvent } from '@dwell/contract';
import { queryRows } from '../../testing/postgres.js';
import { startPrivatePostgres, type PrivatePostgres } from '../../testing/privatePostgres.js';
import { buildCollector, postBatch, startCollectorProcess, type Running } from '../../testing/process.js';

const BATCHES = 120;
/** Sent at once, like a few busy browsers. */
const SENDERS = 4;

let postgres: PrivatePostgres | undefined;
let collector: Running | undefined;

beforeAll(async () => {
  buildCollector();
  postgres = await startPrivatePostgres();
  collector = await startCollectorProcess({ DWELL_DATABASE_URL: postgres.url });
}, 60_000);

afterAll(() => {
  collector?.kill();
  postgres?.destroy();
});

function batchOf(index: number) {
  const now = Date.now();
  const events: WireEvent[] = Array.from({ length: 10 }, (_, n) => ({
    id: `o-${index}-${n}`,
    type: n % 5 ? 'engage' : 'view',
    ms: 5_000,
    content: `/a/${index % 4}`,
    session: `s-${index}`,
    ts: now - 1_000 + n,
  })) as WireEvent[];
  return { site: 'demo', visitor: `v${index % 25}`, sent_at: now, events };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a collector whose database goes away', () => {
  it('answers 503 with Retry-After meanwhile, recovers by itself, and loses no acknowledged event', async () => {
    const { url } = collector as Running;
    const server = postgres as PrivatePostgres;
    const acknowledged: string[] = [];
    let unavailable = 0;
    let retryAfter: string | null = null;
    let next = 0;

    /** One sender, as the SDK does it: a batch is sent again until a 202. */
    async function sender(): Promise<void> {
      while (next < BATCHES) {
        const batch = batchOf(next++);
        for (;;) {
          const response = await postBatch(url, batch);
          if (response.status === 202) {
            await response.json();
            acknowledged.push(...batch.events.map((event) => event.id));
            break;
          }
          expect(response.status).toBe(503);
          retryAfter = response.headers.get('retry-after');
          unavailable++;
          await response.body?.cancel();
          await sleep(50);
        }
      }
    }

    const senders = Array.from({ length: SENDERS }, sender);
    while (acknowledged.length < 300) await sleep(5);
    server.crash();
    const crashedAt = acknowledged.length;
    await sleep(300);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ error: { code: 'store_unavailable' } });
    server.start();
    await Promise.all(senders);

    expect(crashedAt).toBeLessThan(BATCHES * 10);
    expect(unavailable).toBeGreaterThan(0);
    expect(retryAfter).toBe('1');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((collector as Running).child.exitCode).toBeNull();
    const stored = await queryRows<{ id: string }>(server.url, 'SELECT id FROM events');
    const ids = new Set(stored.map((row) => row.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    // Retried batches whose commit went through before the crash are duplicates, never counted twice.
    expect(stored.length).toBe(BATCHES * 10);
  });
});
