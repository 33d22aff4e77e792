// The ranked-query benchmark: 1,000,000 visitor-content states stored through
// the collector's own ingest path (the built SqliteStore, in process), then
// the ranked content list requested over loopback HTTP, one request at a time.
import { performance } from 'node:perf_hooks';
import { DEFAULT_MODEL } from '../../packages/score/dist/index.js';
import { SqliteStore } from '../../apps/collector/dist/index.js';

const DAY = 86_400_000;
export const CONTENTS = 10_000;
/** Contents per visitor: 1,000,000 states are 200,000 visitors reading 5 articles each. */
const PER_VISITOR = 5;
const RUNS = 200;

/** A small deterministic generator (mulberry32), so every run seeds the same data. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * News-like data: each article is published on a day of the last 30 and read
 * mostly in its first days; a reader views it, often reads on, sometimes
 * comes back or shares it.
 */
export async function seedStates(dataDir, pairs) {
  const store = new SqliteStore(dataDir);
  await store.refresh('demo', DEFAULT_MODEL, Date.now());
  const next = random(42);
  const now = Date.now();
  const published = Array.from({ length: CONTENTS }, () => Math.floor(next() * 29));
  let events = 0;
  const started = performance.now();
  for (let visitor = 0; visitor * PER_VISITOR < pairs; visitor += 1_000) {
    const batches = [];
    for (let v = visitor; v < visitor + 1_000 && v * PER_VISITOR < pairs; v++) {
      const list = [];
      for (let k = 0; k < PER_VISITOR; k++) {
        const content = `/news/${Math.floor(next() ** 2 * CONTENTS)}`;
        const age = Math.max(0, published[Number(content.slice(6))] - Math.floor(-Math.log(1 - next()) * 2));
        const ts = now - age * DAY - Math.floor(next() * 3_600_000);
        const id = `${v}-${k}`;
        list.push({
          id: `${id}-v`,
          type: 'view',
          content,
          session: `s${v}`,
          ts,
          clientTs: ts,
          title: `Article ${content}`,
        });
        if (next() < 0.6)
          list.push({
            id: `${id}-e`,
            type: 'engage',
            content,
            session: `s${v}`,
            ts,
            clientTs: ts,
            ms: Math.floor(next() * 150_000),
          });
        if (next() < 0.15)
          list.push({ id: `${id}-r`, type: 'view', content, session: `t${v}`, ts: ts + 1, clientTs: ts + 1 });
        if (next() < 0.02)
          list.push({
            id: `${id}-f`,
            type: 'feedback',
            content,
            session: `s${v}`,
            ts,
            clientTs: ts,
            rating: 1 + Math.floor(next() * 5),
          });
        if (next() < 0.08)
          list.push({
            id: `${id}-s`,
            type: 'share',
            content,
            session: `s${v}`,
            ts,
            clientTs: ts,
            channel: 'copy',
          });
      }
      // A quarter of the readers also read in the previous period, on three days: /readers compares the two.
      if (v % 4 === 0) {
        for (let k = 0; k < 3; k++) {
          const ts = now - (31 + k * 3) * DAY;
          const content = `/news/${Math.floor(next() * CONTENTS)}`;
          list.push({ id: `${v}-p${k}`, type: 'view', content, session: `p${v}-${k}`, ts, clientTs: ts });
        }
      }
      events += list.length;
      batches.push(
        store.ingest({ site: 'demo', visitor: `v${v}`, model: DEFAULT_MODEL, receivedAt: now, events: list }),
      );
    }
    await Promise.all(batches);
    // Within the lag bound: the materializer folds what this chunk appended before the next one.
    await store.caughtUp();
  }
  const seconds = (performance.now() - started) / 1000;
  const contents = (
    await store.contentTotals({
      site: 'demo',
      model: DEFAULT_MODEL,
      now,
      range: { from: 0, to: Math.floor(now / DAY) },
    })
  ).length;
  await store.close();
  return { pairs, events, contents, seconds };
}

/** Requests `path` `RUNS` times after 10 warm-ups, one at a time; latency percentiles in ms. */
async function timeRequests(baseUrl, path, check) {
  const headers = { authorization: 'Bearer demo-read-key' };
  const times = [];
  for (let run = 0; run < RUNS + 10; run++) {
    const started = performance.now();
    const response = await globalThis.fetch(`${baseUrl}${path}`, { headers });
    const body = await response.json();
    if (response.status !== 200 || !check(body))
      throw new Error(`unexpected answer ${response.status} to ${path}`);
    if (run >= 10) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { runs: RUNS, p50: at(0.5), p95: at(0.95), max: times[times.length - 1] };
}

/** The default ranked list (with each item's audience and ratings). */
export function benchQuery(baseUrl) {
  return timeRequests(baseUrl, '/v1/sites/demo/content?limit=50', (body) => body.items.length === 50);
}

/** The reader segments of the default range: bands, series, movement and at-risk over every reader. */
export function benchReaders(baseUrl) {
  let readers = 0;
  const timed = timeRequests(baseUrl, '/v1/sites/demo/readers', (body) => (readers = body.readers) > 0);
  return timed.then((figures) => ({ ...figures, readers }));
}
