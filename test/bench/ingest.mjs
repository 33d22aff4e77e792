// Ingest over loopback HTTP: autocannon POSTs batches of 20 events, each
// request with fresh event ids, to the collector in a child process, then the
// same load to a no-op endpoint of the same server; reports events/s, p50/p99.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';

/** Requests in flight: enough to fill group commits, few enough to bound the load. */
export const CONNECTIONS = 32;
export const EVENTS_PER_BATCH = 20;
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Random hex digits per load generator, so that two runs never send the same ids. */
const RUN_HEX = randomBytes(3).toString('hex');
let sequence = 0;

/**
 * An event id shaped as the SDK makes it (`packages/sdk/src/uuid.ts`,
 * `eventId`): a version 7 UUID, the time in ms first. The shape matters: the
 * collector's unique index on ids costs twice as much with random ids. The
 * bits after the time are this run's random digits and a counter (RFC 9562
 * allows a counter there), so the load generator does not spend on
 * randomness the time the server's figures should get.
 */
function eventId(time) {
  const hex = time.toString(16).padStart(12, '0');
  const rest = RUN_HEX + (sequence++).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${rest.slice(0, 3)}-8${rest.slice(3, 6)}-${rest.slice(6)}`;
}

/** A realistic batch: one visitor, two articles, views, engaged time, scroll, a share now and then. */
function batchFactory(run) {
  let counter = 0;
  return function nextBatch() {
    const n = ++counter;
    const now = Date.now();
    const visitor = `${run}-v${n % 50_000}`;
    const session = `${run}-s${n % 120_000}`;
    const events = [];
    for (let i = 0; i < EVENTS_PER_BATCH; i++) {
      const content = `/news/${(n * 31 + (i < 10 ? 0 : 7)) % 2_000}`;
      const ts = now - 1_000 + i;
      const base = `"id":"${eventId(ts)}","content":"${content}","session":"${session}","ts":${ts}`;
      const kind = i % 10;
      if (kind === 0)
        events.push(
          `{${base},"type":"view","title":"Article ${content}","url":"https://news.example${content}","referrer":""}`,
        );
      else if (kind === 9)
        events.push(
          n % 4 ? `{${base},"type":"scroll","depth":0.${kind}}` : `{${base},"type":"share","channel":"copy"}`,
        );
      else events.push(`{${base},"type":"engage","ms":5000}`);
    }
    return `{"site":"demo","visitor":"${visitor}","sent_at":${now},"events":[${events.join(',')}]}`;
  };
}

function run(url, nextBatch, seconds, connections = CONNECTIONS) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration: seconds,
        headers: {
          'content-type': 'application/json',
          'user-agent': BROWSER,
          origin: 'http://localhost:8787',
        },
        requests: [{ setupRequest: (request) => ({ ...request, body: nextBatch() }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** `cpuMicros`: the server's CPU time over the run, when known. */
function summary(result, cpuMicros) {
  return {
    cpuPerRequest: cpuMicros === undefined ? undefined : cpuMicros / result.requests.total,
    /** Events acknowledged with a 2xx. */
    acknowledged: result['2xx'] * EVENTS_PER_BATCH,
    requestsPerSecond: result.requests.average,
    eventsPerSecond: Math.round(result.requests.average * EVENTS_PER_BATCH),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** One measured run of `seconds`, with the server's CPU time per request from `serverCpu()` (µs so far). */
async function measured(url, nextBatch, seconds, serverCpu) {
  const before = await serverCpu();
  const result = await run(url, nextBatch, seconds);
  return summary(result, (await serverCpu()) - before);
}

/** Warms up, then measures the no-op endpoint and ingest for `seconds` each. */
export async function benchIngest(baseUrl, seconds, serverCpu) {
  const stamp = Date.now().toString(36);
  await run(`${baseUrl}/v1/events`, batchFactory(`${stamp}w`), 2);
  await run(`${baseUrl}/bench/noop`, batchFactory(`${stamp}n0`), 2);
  const noop = await measured(`${baseUrl}/bench/noop`, batchFactory(`${stamp}n`), seconds, serverCpu);
  const ingest = await measured(`${baseUrl}/v1/events`, batchFactory(`${stamp}i`), seconds, serverCpu);
  return { noop, ingest, ratio: ingest.requestsPerSecond / noop.requestsPerSecond };
}

/** Warms up, then measures ingest alone for `seconds` (against a server that stores nothing, say). */
export async function benchIngestOnly(baseUrl, seconds, serverCpu) {
  const stamp = Date.now().toString(36);
  await run(`${baseUrl}/v1/events`, batchFactory(`${stamp}w`), 2);
  return measured(`${baseUrl}/v1/events`, batchFactory(`${stamp}u`), seconds, serverCpu);
}

/**
 * Ingest only, spread over several collectors (one URL each) sharing the
 * same CONNECTIONS, as a load balancer would: warms up, then measures all at
 * once for `seconds`; events/s is the sum, latencies the worst of them.
 */
export async function benchIngestSpread(baseUrls, seconds, beforeMeasuring = async () => {}) {
  const stamp = Date.now().toString(36);
  const connections = Math.max(1, Math.floor(CONNECTIONS / baseUrls.length));
  const each = (tag, time) =>
    Promise.all(
      baseUrls.map((url, index) =>
        run(`${url}/v1/events`, batchFactory(`${stamp}${tag}${index}`), time, connections),
      ),
    );
  await each('w', 2);
  await beforeMeasuring();
  const results = (await each('i', seconds)).map(summary);
  const sum = (key) => results.reduce((total, result) => total + result[key], 0);
  return {
    requestsPerSecond: sum('requestsPerSecond'),
    eventsPerSecond: sum('eventsPerSecond'),
    acknowledged: sum('acknowledged'),
    p50: Math.max(...results.map((result) => result.p50)),
    p99: Math.max(...results.map((result) => result.p99)),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
  };
}

/**
 * Sustained work, not deferred work: ingest for `seconds` at full load, then
 * the time until the views have folded everything acknowledged. Events/s is
 * events materialized ÷ (run + drain); the lag is the views' at the end of
 * the run. `server` is `startServer`'s (run.mjs).
 */
export async function benchSustained(server, seconds) {
  const stamp = Date.now().toString(36);
  await run(`${server.url}/v1/events`, batchFactory(`${stamp}w`), 2);
  await server.drain();
  const before = await server.cpu();
  const result = summary(await run(`${server.url}/v1/events`, batchFactory(`${stamp}s`), seconds));
  return { ...result, ...(await drained(server, result.acknowledged, seconds, before)) };
}

/** Like `benchSustained`, the load spread over several collectors of one database (`benchIngestSpread`). */
export async function benchSustainedSpread(servers, seconds) {
  const figures = await benchIngestSpread(
    servers.map((server) => server.url),
    seconds,
    () => servers[0].drain(),
  );
  return { ...figures, ...(await drained(servers[0], figures.acknowledged, seconds)) };
}

async function drained(server, acknowledged, seconds, cpuBefore) {
  const lag = await server.lag();
  const drainMs = await server.drain();
  const cpu = cpuBefore === undefined ? undefined : (await server.cpu()) - cpuBefore;
  return {
    lagEvents: lag.events,
    lagMs: lag.ms,
    drainMs,
    materializedPerSecond: acknowledged / (seconds + drainMs / 1000),
    cpuPerEvent: cpu === undefined ? undefined : cpu / acknowledged,
  };
}

/**
 * The cost of each stage, from whole-process CPU: appends alone for
 * `seconds` while `hold()` keeps the materializer from folding (CPU per
 * event: checks and append), then the fold of all of it once released (CPU
 * per event and events/s of the materializer alone).
 */
export async function benchStages(server, seconds, hold) {
  const stamp = Date.now().toString(36);
  await run(`${server.url}/v1/events`, batchFactory(`${stamp}w`), 2);
  await server.drain();
  const release = await hold();
  const before = await server.cpu();
  const appended = summary(await run(`${server.url}/v1/events`, batchFactory(`${stamp}a`), seconds));
  const afterAppends = await server.cpu();
  await release();
  const drainMs = await server.drain();
  const foldCpu = (await server.cpu()) - afterAppends;
  return {
    appended,
    appendCpuPerEvent: (afterAppends - before) / appended.acknowledged,
    foldCpuPerEvent: foldCpu / appended.acknowledged,
    foldPerSecond: appended.acknowledged / (drainMs / 1000),
  };
}
