import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, parseRetryAfter, retryDelay } from './backoff.js';

describe('retryDelay', () => {
  it('doubles from 1 s with jitter between half and all of the step', () => {
    expect(retryDelay(0, 0, 0)).toBe(500);
    expect(retryDelay(0, 0, 1)).toBe(1_000);
    expect(retryDelay(3, 0, 0)).toBe(4_000);
    expect(retryDelay(3, 0, 1)).toBe(8_000);
  });

  it('is capped at 5 minutes however many failures', () => {
    expect(retryDelay(8, 0, 1)).toBe(256_000);
    expect(retryDelay(9, 0, 1)).toBe(BACKOFF_MAX_MS);
    expect(retryDelay(50, 0, 1)).toBe(BACKOFF_MAX_MS);
    expect(retryDelay(5000, 0, 1)).toBe(BACKOFF_MAX_MS);
  });

  it('waits at least Retry-After, within the cap', () => {
    expect(retryDelay(0, 30_000, 0)).toBe(30_000);
    expect(retryDelay(0, 3_600_000, 0)).toBe(BACKOFF_MAX_MS);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and 0 for nothing usable', () => {
    const now = Date.UTC(2026, 10, 22, 12);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(new Date(now + 30_000).toUTCString(), now)).toBe(30_000);
    expect(parseRetryAfter(new Date(now - 30_000).toUTCString(), now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBe(0);
  });
});
