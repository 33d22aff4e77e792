/**
 * Group commit: work submitted in the same tick of the event loop is committed
 * by one call, so one durable commit (one fsync) acknowledges many requests.
 * Each caller's promise settles only after that commit, with its own result.
 *
 * A commit may be synchronous (SQLite) or return a promise (PostgreSQL); with
 * `concurrency` above 1, that many asynchronous commits run at once (one per
 * pooled connection), and what arrives while all are busy forms the next group.
 */

/** Commits a group of items at once and returns one result per item, in order. */
export type CommitGroup<Item, Result> = (items: Item[]) => Result[] | Promise<Result[]>;

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

export function groupCommit<Item, Result>(
  commit: CommitGroup<Item, Result>,
  options: { concurrency?: number } = {},
): GroupCommitter<Item, Result> {
  const concurrency = options.concurrency ?? 1;
  let queue: Pending<Item, Result>[] = [];
  let scheduled = false;
  let running = 0;
  let idle: (() => void)[] = [];

  function settle(group: Pending<Item, Result>[], outcome: { results: Result[] } | { error: unknown }): void {
    if ('results' in outcome)
      group.forEach((pending, index) => pending.resolve(outcome.results[index] as Result));
    // The transaction rolled back: nobody in the group was acknowledged.
    else for (const pending of group) pending.reject(outcome.error);
  }

  function schedule(): void {
    if (scheduled || !queue.length || running >= concurrency) return;
    scheduled = true;
    // setImmediate runs after the I/O callbacks of this loop turn, so the
    // requests parsed in the same turn land in the same group.
    setImmediate(flush);
  }

  function finished(): void {
    running--;
    schedule();
    if (scheduled || running) return;
    const waiting = idle;
    idle = [];
    for (const resolve of waiting) resolve();
  }

  function flush(): void {
    scheduled = false;
    const group = queue.slice(0, MAX_GROUP);
    queue = queue.slice(group.length);
    running++;
    let outcome: Result[] | Promise<Result[]>;
    try {
      outcome = commit(group.map((pending) => pending.item));
    } catch (error) {
      settle(group, { error });
      return finished();
    }
    if (outcome instanceof Promise) {
      outcome.then(
        (results) => settle(group, { results }),
        (error: unknown) => settle(group, { error }),
      );
      void outcome.catch(() => {}).then(finished);
      schedule();
    } else {
      settle(group, { results: outcome });
      finished();
    }
  }

  return {
    submit(item) {
      return new Promise<Result>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
    drain() {
      return scheduled || running ? new Promise<void>((resolve) => idle.push(resolve)) : Promise.resolve();
    },
  };
}
