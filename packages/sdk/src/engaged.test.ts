import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as Engaged from './engaged.js';

// The clock's state is the module's: each test imports a fresh copy.
async function freshClock(): Promise<typeof Engaged> {
  vi.resetModules();
  return import('./engaged.js');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the engaged-time clock', () => {
  it('counts nothing without an interaction', async () => {
    const clock = await freshClock();
    vi.advanceTimersByTime(1_000);
    expect(clock.takeEngaged()).toBe(0);
  });

  it('counts up to 5 s after each interaction, read every second', async () => {
    const clock = await freshClock();
    clock.interact();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(1_000);
      clock.peekEngaged();
    }
    expect(clock.takeEngaged()).toBe(5_000);
  });

  it('stops exactly at the idle edge: 4,999 ms after an interaction still counts, then nothing', async () => {
    const { IDLE_MS, interact, peekEngaged, takeEngaged } = await freshClock();
    interact();
    vi.advanceTimersByTime(1_000);
    peekEngaged();
    vi.advanceTimersByTime(1_000);
    peekEngaged();
    vi.advanceTimersByTime(1_000);
    peekEngaged();
    vi.advanceTimersByTime(1_000);
    peekEngaged();
    vi.advanceTimersByTime(999);
    expect(peekEngaged()).toBe(IDLE_MS - 1);
    vi.advanceTimersByTime(1_000);
    expect(takeEngaged()).toBe(IDLE_MS);
  });

  it('never adds more than MAX_STEP_MS at once: a sleeping laptop does not count', async () => {
    const { MAX_STEP_MS, mediaPlaying, takeEngaged } = await freshClock();
    mediaPlaying(true);
    vi.advanceTimersByTime(3_600_000);
    expect(takeEngaged()).toBe(MAX_STEP_MS);
  });

  it('counts playing media without interaction, second by second', async () => {
    const { mediaPlaying, peekEngaged, takeEngaged } = await freshClock();
    mediaPlaying(true);
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(1_000);
      peekEngaged();
    }
    mediaPlaying(false);
    vi.advanceTimersByTime(1_000);
    expect(takeEngaged()).toBe(30_000);
  });

  it('counts nothing while the page is hidden, blurred or frozen', async () => {
    const { attend, interact, peekEngaged, takeEngaged } = await freshClock();
    interact();
    vi.advanceTimersByTime(1_000);
    attend(false);
    for (let i = 0; i < 10; i++) {
      interact();
      vi.advanceTimersByTime(1_000);
      peekEngaged();
    }
    expect(takeEngaged()).toBe(1_000);
    attend(true);
    interact();
    vi.advanceTimersByTime(1_000);
    expect(takeEngaged()).toBe(1_000);
  });

  it('takes what it counted once', async () => {
    const { interact, takeEngaged } = await freshClock();
    interact();
    vi.advanceTimersByTime(1_500);
    expect(takeEngaged()).toBe(1_500);
    expect(takeEngaged()).toBe(0);
  });
});
