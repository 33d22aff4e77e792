import { describe, expect, it } from 'vitest';
import { DAY, NOW } from '../testing.js';
import { RateLimiter } from './rateLimit.js';

const LIMIT = { perMinute: 60, burst: 3 };

describe('RateLimiter', () => {
  it('allows a burst, then one request per refill interval, per site and client', () => {
    const limiter = new RateLimiter();
    expect([1, 2, 3].map(() => limiter.take('demo', LIMIT, '10.0.0.1', NOW))).toEqual([0, 0, 0]);
    expect(limiter.take('demo', LIMIT, '10.0.0.1', NOW)).toBe(1);
    expect(limiter.take('other', LIMIT, '10.0.0.1', NOW)).toBe(0);
    expect(limiter.take('demo', LIMIT, '10.0.0.2', NOW)).toBe(0);
    expect(limiter.take('demo', LIMIT, '10.0.0.1', NOW + 1_000)).toBe(0);
    expect(limiter.take('demo', { perMinute: 6, burst: 1 }, '10.0.0.3', NOW)).toBe(0);
    expect(limiter.take('demo', { perMinute: 6, burst: 1 }, '10.0.0.3', NOW)).toBe(10);
  });

  it('never keys by the address itself, and changes the key every day', () => {
    const limiter = new RateLimiter();
    const today = limiter.clientKey('203.0.113.7', NOW);
    expect(today).not.toContain('203.0.113.7');
    expect(limiter.clientKey('203.0.113.7', NOW + 1_000)).toBe(today);
    expect(limiter.clientKey('203.0.113.7', NOW + DAY)).not.toBe(today);
    expect(new RateLimiter().clientKey('203.0.113.7', NOW)).not.toBe(today);
  });

  it('is off with 0 requests per minute', () => {
    const limiter = new RateLimiter();
    for (let i = 0; i < 100; i++) expect(limiter.take('demo', { perMinute: 0, burst: 1 }, 'x', NOW)).toBe(0);
  });
});
