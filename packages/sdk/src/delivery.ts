/**
 * Delivery: one tab at a time (a Web Lock) sends the stored queue in batches
 * and removes what the collector acknowledged. Nothing leaves the queue
 * before a 2xx, or a 4xx other than 429 — a batch the collector will never
 * accept. While the page is being hidden, this tab's undelivered events go out
 * by beacon; the collector counts an event id once however often it arrives.
 */
import type { Envelope, WireEvent } from '@dwell/contract';
import { parseRetryAfter, retryDelay } from './backoff.js';
import { warn } from './guard.js';
import { QUEUE_LIMIT } from './record.js';
import { read, write } from './store.js';
import { post, splitBySize } from './transport.js';

/** A batch goes out at this many events… */
export const BATCH_SIZE = 25;

/** …or this long after the first event waiting, whichever comes first (issue #3). */
export const FLUSH_DELAY_MS = 5_000;

/** The Web Lock that lets one tab at a time send the shared queue. */
export const SEND_LOCK = 'dwell-send';

type EnvelopeOf = (events: WireEvent[], dropped?: number) => Envelope;

let url = '';
let envelope: EnvelopeOf;
/** Events this tab created and has not seen delivered: what a beacon carries. */
const unsent = new Map<string, WireEvent>();
let timer: ReturnType<typeof setTimeout> | undefined;
let retryAt = 0;
let failures = 0;
let warned = false;

export function configureDelivery(endpoint: string, makeEnvelope: EnvelopeOf): void {
  url = `${endpoint}/v1/events`;
  envelope = makeEnvelope;
}

function schedule(ms: number): void {
  clearTimeout(timer);
  // setTimeout calls it with no arguments: not forced.
  timer = setTimeout(flushQueue, ms);
}

/** A new event: a beacon carries it until it is seen delivered, and a batch goes out soon. */
export function queued(event: WireEvent): void {
  unsent.set(event.id, event);
  if (unsent.size > QUEUE_LIMIT) unsent.delete(unsent.keys().next().value!);
  if (!timer) schedule(FLUSH_DELAY_MS);
}

/** Takes delivered events out of the stored queue, and the `dropped` their batch reported. */
function dequeue(events: WireEvent[], dropped = 0): Promise<unknown> {
  const ids = new Set(events.map((event) => event.id));
  return write((stored) => {
    stored.queue = stored.queue.filter((event) => !ids.has(event.id));
    stored.dropped = Math.max(0, stored.dropped - dropped);
  });
}

async function sendQueue(): Promise<void> {
  for (;;) {
    const known = [...unsent.keys()];
    const { queue, dropped } = await read();
    // Another tab may have sent some of this tab's events: a beacon need not carry them again.
    const waiting = new Set(queue.map((event) => event.id));
    for (const id of known) if (!waiting.has(id)) unsent.delete(id);
    // Sized with `dropped` in the envelope, as it is sent.
    const batch = splitBySize(queue.slice(0, BATCH_SIZE), (events) => envelope(events, dropped))[0];
    if (!batch) return;
    const response = await post(url, JSON.stringify(envelope(batch, dropped)));
    const status = response?.status;
    if (!status || status === 429 || status >= 500) {
      const wait = retryDelay(failures++, parseRetryAfter(response?.headers.get('retry-after')));
      retryAt = Date.now() + wait;
      return schedule(wait);
    }
    if (status >= 400 && !warned) {
      warned = true;
      // W10: the collector refused a batch with this status; it is dropped.
      warn(10, status);
    }
    failures = retryAt = 0;
    // The next turn's read no longer finds these, and so takes them out of `unsent`.
    await dequeue(batch, dropped);
  }
}

/** Sends the queue now, unless a retry is due later (`force`: even then); settles when done. */
export async function flushQueue(force?: boolean): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  if (force) retryAt = 0;
  if (Date.now() < retryAt) return schedule(retryAt - Date.now());
  try {
    await (navigator.locks ? navigator.locks.request(SEND_LOCK, sendQueue) : sendQueue());
  } catch {
    // The store failed under us: the next flush tries again.
  }
}

/** The page is being hidden: beacon this tab's undelivered events, in requests within the quota. */
export function beaconUnsent(): void {
  // Offline, a beacon is accepted and then lost: those events wait in the queue.
  if (!navigator.onLine) return;
  for (const chunk of splitBySize([...unsent.values()], envelope)) {
    if (!navigator.sendBeacon(url, JSON.stringify(envelope(chunk)))) break;
    for (const event of chunk) unsent.delete(event.id);
    // Started now: after pagehide there may be no later task to do it in.
    void dequeue(chunk);
  }
}

/** Forgets this tab's undelivered events (opt-out); the caller empties the store. */
export function forgetUnsent(): void {
  unsent.clear();
}
