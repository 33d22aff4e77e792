import { describe, expect, it } from 'vitest';
import { groupCommit, MAX_GROUP } from './groupCommit.js';

describe('groupCommit', () => {
  it('commits what arrives in one tick together and gives each caller its own result', async () => {
    const groups: number[][] = [];
    const committer = groupCommit((items: number[]) => {
      groups.push(items);
      return items.map((item) => item * 10);
    });
    const results = await Promise.all([1, 2, 3].map((item) => committer.submit(item)));
    expect(results).toEqual([10, 20, 30]);
    expect(groups).toEqual([[1, 2, 3]]);
    expect(await committer.submit(4)).toBe(40);
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every caller of a failed commit, and goes on with the next group', async () => {
    let fail = true;
    const committer = groupCommit((items: string[]) => {
      if (fail) throw new Error('disk full');
      return items;
    });
    const failed = [committer.submit('a'), committer.submit('b')];
    await expect(Promise.all(failed)).rejects.toThrow('disk full');
    await expect(failed[1]).rejects.toThrow('disk full');
    fail = false;
    expect(await committer.submit('c')).toBe('c');
  });

  it(`splits more than ${MAX_GROUP} items over several commits, and drain() waits for all`, async () => {
    const sizes: number[] = [];
    const committer = groupCommit((items: number[]) => {
      sizes.push(items.length);
      return items;
    });
    const pending = Array.from({ length: MAX_GROUP + 10 }, (_, index) => committer.submit(index));
    await committer.drain();
    expect(sizes).toEqual([MAX_GROUP, 10]);
    expect((await Promise.all(pending)).length).toBe(MAX_GROUP + 10);
  });
});
