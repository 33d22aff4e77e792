/**
 * The fuzz campaign: 10,000 generated requests (seeded, reproducible:
 * `DWELL_FUZZ_SEED`, `DWELL_FUZZ_RUNS`) against the real collector process,
 * 8 at a time over keep-alive connections — malformed in every way listed in
 * `testing/fuzzMalformed.ts` and `testing/fuzzTransport.ts`, or valid
 * envelopes with bad events among good ones (`testing/fuzzRequests.ts`). No
 * answer is a 5xx, every answer is one its category allows, each batch gets
 * exactly its 202, the process lives on without an error line, and then
 * every pair's score through the read API is `score(fold(...))` of the valid
 * events sent for it: none lost, none counted twice, replays included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, emptyState, fold, score, type ScoreEvent } from '@dwell/score';
import { tempDir } from '../testing.js';
import { fuzzRequests, type FuzzRequest } from '../testing/fuzzRequests.js';
import { fuzzSender, inPool, type Answer } from '../testing/fuzzSender.js';
import { freshSchema } from '../testing/postgres.js';
import { buildCollector, startCollectorProcess, type Running } from '../testing/process.js';

const SEED = Number(process.env.DWELL_FUZZ_SEED ?? 16_017);
/** `DWELL_FUZZ_STORE=postgres` runs the campaign against PostgreSQL instead of SQLite. */
const POSTGRES = process.env.DWELL_FUZZ_STORE === 'postgres';
const RUNS = Number(process.env.DWELL_FUZZ_RUNS ?? 10_000);
const CONNECTIONS = 8;
/** Every how many batches one is sent again after the campaign, as a retrying client would. */
const REPLAY_EVERY = 10;

type Sender = ReturnType<typeof fuzzSender>;

let collector: Running;

beforeAll(async () => {
  // npm test builds first; this makes a lone `vitest run` test the current sources too.
  buildCollector();
  const store: Record<string, string> = POSTGRES
    ? { DWELL_DATABASE_URL: await freshSchema() }
    : { DWELL_DATA_DIR: tempDir() };
  collector = await startCollectorProcess(store);
}, 60_000);
afterAll(() => collector?.kill());

/** What the campaign saw, for the assertions and README's figures. */
interface Tally {
  statuses: Map<number, number>;
  failures: string[];
  expected: Map<string, ScoreEvent[]>;
}

function check(tally: Tally, fuzz: FuzzRequest, index: number, status: number, text: string, replay = false) {
  tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
  const fail = (why: string) =>
    tally.failures.push(`#${index} ${fuzz.category}: ${why}: ${status} ${text.slice(0, 300)}`);
  if (!fuzz.statuses.includes(status)) return fail(`expected ${fuzz.statuses.join('/')}`);
  if (!fuzz.batch) return;
  const answer = JSON.parse(text) as { accepted: number; duplicates: number; rejected: { index: number }[] };
  const got = { ...answer, rejected: answer.rejected.map((entry) => entry.index) };
  const wanted = fuzz.batch.answer as typeof got;
  const expected =
    replay && !('bot' in wanted) ? { ...wanted, accepted: 0, duplicates: wanted.accepted } : wanted;
  if (JSON.stringify(got) !== JSON.stringify(expected))
    fail(`answer ${JSON.stringify(got)} is not ${JSON.stringify(expected)}`);
  if (replay) return;
  for (const [pair, events] of fuzz.batch.pairs)
    tally.expected.set(pair, [...(tally.expected.get(pair) ?? []), ...events]);
}

/** How many engages, views and shares a score shows: the model's per-event points, below every cap here. */
function counts(signals: Record<string, number>) {
  return (signals.engaged ?? 0) / 5 + (signals.view ?? 0) / 10 + (signals.share ?? 0) / 25;
}

/** A pair's score through the read API, asked again while the views are behind (503, by design). */
async function readScore(sender: Sender, pair: string): Promise<Answer> {
  const [visitor, content] = JSON.parse(pair) as [string, string];
  const path = `/v1/sites/demo/visitors/${encodeURIComponent(visitor)}/score?content=${encodeURIComponent(content)}`;
  const read: FuzzRequest = {
    category: 'read',
    method: 'GET',
    headers: { authorization: 'Bearer demo-read-key' },
    body: Buffer.alloc(0),
    statuses: [200],
  };
  let answer = await sender.send(read, path);
  for (let tries = 0; answer.status === 503 && tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    answer = await sender.send(read, path);
  }
  return answer;
}

describe('the fuzz campaign against the collector process', () => {
  it(`answers ${RUNS} generated requests without a 5xx and counts every valid event once`, async () => {
    const started = performance.now();
    const now = Date.now();
    const requests = fuzzRequests(now, RUNS, SEED);
    const tally: Tally = { statuses: new Map(), failures: [], expected: new Map() };
    const sender = fuzzSender(collector.url, CONNECTIONS);
    await inPool(requests, CONNECTIONS, async (fuzz, index) => {
      const { status, text } = await sender.send(fuzz);
      check(tally, fuzz, index, status, text);
    });
    const sentIn = performance.now() - started;
    const replays = requests.filter((fuzz, index) => fuzz.batch && index % REPLAY_EVERY === 0);
    await inPool(replays, CONNECTIONS, async (fuzz) => {
      const { status, text } = await sender.send(fuzz);
      check(tally, fuzz, requests.indexOf(fuzz), status, text, true);
    });

    const readsFrom = performance.now();
    // Every pair's authoritative score against @dwell/score over the events sent for it.
    let lost = 0;
    let doubled = 0;
    await inPool([...tally.expected], CONNECTIONS, async ([pair, events]) => {
      const answer = await readScore(sender, pair);
      if (answer.status !== 200) {
        return void tally.failures.push(`read ${pair}: ${answer.status} ${answer.text}`);
      }
      const got = JSON.parse(answer.text) as ReturnType<typeof score>;
      const wanted = score(fold(emptyState(), events, { now: Date.now(), windowDays: 30 }), DEFAULT_MODEL);
      const difference = counts(got.signals) - counts(wanted.signals);
      if (difference < 0) lost -= difference;
      if (difference > 0) doubled += difference;
      const { score: value, raw, band, model, signals } = got;
      if (JSON.stringify({ score: value, raw, band, model, signals }) !== JSON.stringify(wanted)) {
        tally.failures.push(`score of ${pair}: ${JSON.stringify(got)} is not ${JSON.stringify(wanted)}`);
      }
    });
    sender.close();
    const readIn = performance.now() - readsFrom;

    const health = await fetch(`${collector.url}/healthz`);
    const statuses = Object.fromEntries([...tally.statuses].sort(([a], [b]) => a - b));
    const sent = events(tally.expected);
    console.info(
      `fuzz seed ${SEED} on ${POSTGRES ? 'PostgreSQL' : 'SQLite'}: ${requests.length} requests + ${replays.length} replays in ` +
        `${(sentIn / 1000).toFixed(1)} s (reads ${(readIn / 1000).toFixed(1)} s), statuses ${JSON.stringify(statuses)}, ` +
        `${tally.expected.size} pairs, ${sent} valid events, ${lost} lost, ${doubled} counted twice`,
    );
    expect(tally.failures.slice(0, 10)).toEqual([]);
    expect(Object.keys(statuses).filter((status) => Number(status) >= 500 || status === '0')).toEqual([]);
    expect([lost, doubled]).toEqual([0, 0]);
    expect(collector.child.exitCode).toBeNull();
    expect(await health.json()).toMatchObject({ status: 'ok', server_errors: 0 });
    expect(collector.output()).not.toMatch(/ERROR/);
  }, 120_000);
});

/** The valid events sent, over all pairs. */
function events(expected: Map<string, ScoreEvent[]>): number {
  return [...expected.values()].reduce((sum, list) => sum + list.length, 0);
}
