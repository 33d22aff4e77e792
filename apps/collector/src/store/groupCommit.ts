/**
 * Group commit: work submitted in the same tick of the event loop is committed
 * by one call, so one durable commit (one fsync) acknowledges many requests.
 * Each caller's promise settles only after that commit, with its own result.
 */

/** Commits a group of items at once and returns one result per item, in order. */
export type CommitGroup<Item, Result> = (items: Item[]) => Result[];

/** The most items one commit takes; what arrives beyond it waits for the next one. */
export const MAX_GROUP = 512;

export interface GroupCommitter<Item, Result> {
  submit(item: Item): Promise<Result>;
  /** Resolves when everything submitted so far has been committed or has failed. */
  drain(): Promise<void>;
}

interface Pending<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export function groupCommit<Item, Result>(commit: CommitGroup<Item, Result>): GroupCommitter<Item, Result> {
  let queue: Pending<Item, Result>[] = [];
  let scheduled = false;
  let idle: (() => void)[] = [];

  function flush(): void {
    const group = queue.slice(0, MAX_GROUP);
    queue = queue.slice(group.length);
    try {
      const results = commit(group.map((pending) => pending.item));
      group.forEach((pending, index) => pending.resolve(results[index] as Result));
    } catch (error) {
      // The transaction rolled back: nobody in the group was acknowledged.
      for (const pending of group) pending.reject(error);
    }
    if (queue.length) return void setImmediate(flush);
    scheduled = false;
    const waiting = idle;
    idle = [];
    for (const resolve of waiting) resolve();
  }

  return {
    submit(item) {
      return new Promise<Result>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          // setImmediate runs after the I/O callbacks of this loop turn, so the
          // requests parsed in the same turn land in the same group.
          setImmediate(flush);
        }
      });
    },
    drain() {
      return scheduled ? new Promise<void>((resolve) => idle.push(resolve)) : Promise.resolve();
    },
  };
}
