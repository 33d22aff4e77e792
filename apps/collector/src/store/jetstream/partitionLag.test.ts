import { describe, expect, it } from 'vitest';
import { lagMessages } from './partitionLag.js';

describe('lagMessages', () => {
  it('counts what the consumers lack, and one at least for a partition behind its position', () => {
    expect(lagMessages([{ partition: 0, messages: 3, behind: true }])).toBe(3);
    expect(lagMessages([{ partition: 0, messages: 0, behind: false }])).toBe(0);
    // The consumer is being made anew: it reports nothing yet, the position says a message is unfolded.
    expect(lagMessages([{ partition: 0, messages: 0, behind: true }])).toBe(1);
    expect(lagMessages([{ partition: 0, messages: null, behind: true }])).toBe(1);
    // Nothing known: not taken for caught up.
    expect(lagMessages([{ partition: 0, messages: null, behind: null }])).toBe(1);
  });
});
