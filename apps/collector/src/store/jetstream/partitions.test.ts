import { describe, expect, it } from 'vitest';
import { DEFAULT_PARTITIONS, partitionOf, subjectOf } from './partitions.js';

describe('partitionOf', () => {
  it('puts one visitor in one partition, whatever else is sent', () => {
    expect(partitionOf('demo', 'v-1', 16)).toBe(partitionOf('demo', 'v-1', 16));
    // FNV-1a of "a\0b": pinned, so collectors of different versions agree on the partition.
    expect(partitionOf('a', 'b', 0x1_0000_0000)).toBe(0x10f3_abd2);
  });

  it('spreads visitors evenly', () => {
    const counts = new Array<number>(DEFAULT_PARTITIONS).fill(0);
    for (let index = 0; index < 16_000; index++) {
      const partition = partitionOf('demo', crypto.randomUUID(), DEFAULT_PARTITIONS);
      counts[partition] = (counts[partition] ?? 0) + 1;
    }
    for (const count of counts) expect(count).toBeGreaterThan(800);
    for (const count of counts) expect(count).toBeLessThan(1_200);
  });

  it('keeps the site apart from the visitor', () => {
    expect(partitionOf('ab', 'c', 1 << 30)).not.toBe(partitionOf('a', 'bc', 1 << 30));
  });

  it('names subjects after the partition', () => {
    expect(subjectOf('dwell.events', 3)).toBe('dwell.events.3');
  });
});
