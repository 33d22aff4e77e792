/** A counting semaphore, to bound how many of some operation run at once. */

export interface Gate {
  /** Waits for a free slot and takes it. */
  enter(): Promise<void>;
  /** Gives the slot back: to the longest waiter, if any. */
  leave(): void;
}

export function gate(limit: number): Gate {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    async enter() {
      if (active < limit) active += 1;
      // The slot is handed over by leave(), so a newcomer cannot take it first.
      else await new Promise<void>((resolve) => waiting.push(resolve));
    },
    leave() {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    },
  };
}
