/**
 * Rate limiting per site and client. The client is known only by a keyed hash
 * of its address whose key is random and replaced every UTC day, so the
 * limiter's memory cannot be linked to an address, nor to yesterday's client.
 * No address is ever stored or logged.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { DAY_MS } from '@dwell/score';
import type { RateLimit } from '../sites.js';

/** Buckets kept before idle (full) ones are pruned. */
export const MAX_BUCKETS = 100_000;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  #day = -1;
  #salt = Buffer.alloc(0);
  #buckets = new Map<string, Bucket>();

  /** The salted hash of an address for today; exposed for tests. */
  clientKey(address: string, now: number): string {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.#day) {
      this.#day = day;
      this.#salt = randomBytes(32);
      // Yesterday's buckets are keyed with yesterday's salt: forget them.
      this.#buckets = new Map();
    }
    return createHmac('sha256', this.#salt).update(address).digest('base64url');
  }

  /** Takes one request from the bucket; returns 0 when allowed, else the seconds to wait. */
  take(site: string, limit: RateLimit, address: string, now: number): number {
    if (limit.perMinute <= 0) return 0;
    const key = `${site} ${this.clientKey(address, now)}`;
    const perMs = limit.perMinute / 60_000;
    const bucket = this.#buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.#buckets.set(key, bucket);
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    }
    bucket.tokens -= 1;
    if (this.#buckets.size >= MAX_BUCKETS && !this.#buckets.has(key)) this.#prune(now, perMs, limit.burst);
    this.#buckets.set(key, bucket);
    return 0;
  }

  /** Drops buckets that have refilled (they equal a fresh one), or all of them if none has. */
  #prune(now: number, perMs: number, burst: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= burst) this.#buckets.delete(key);
    }
    if (this.#buckets.size >= MAX_BUCKETS) this.#buckets.clear();
  }
}
