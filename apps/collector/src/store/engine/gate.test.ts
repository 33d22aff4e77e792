import { describe, expect, it } from 'vitest';
import { gate } from './gate.js';

describe('gate', () => {
  it('lets `limit` in at once and hands each freed slot to the longest waiter', async () => {
    const reads = gate(2);
    const order: string[] = [];
    await reads.enter();
    await reads.enter();
    const third = reads.enter().then(() => order.push('third'));
    const fourth = reads.enter().then(() => order.push('fourth'));
    await Promise.resolve();
    expect(order).toEqual([]);
    reads.leave();
    await third;
    expect(order).toEqual(['third']);
    reads.leave();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
    reads.leave();
    reads.leave();
    await reads.enter();
    await reads.enter();
  });
});
