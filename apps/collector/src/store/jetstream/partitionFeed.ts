/**
 * One partition's messages as they arrive, held until folded: pull
 * requests one after another (`fetch`), each expiring after
 * `FETCH_EXPIRES_MS`, so a pull that broke — the consumer's leader was on a
 * node that died — is replaced within that time. (A long-running
 * `consume()` stopped delivering for good after a node's kill -9 in the
 * scale-out test.) It holds at most `FEED_BUFFER` messages: the rest wait
 * in the stream.
 */
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Logger } from '../../log.js';

/** Messages held ahead of the folds at most. */
export const FEED_BUFFER = 512;
/** How long one pull request waits for messages, ms. */
export const FETCH_EXPIRES_MS = 1_000;
/** How long the feed rests after a failed pull, ms (the stream may be electing a leader). */
export const FETCH_RETRY_MS = 250;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class PartitionFeed {
  readonly #held: JsMsg[] = [];
  readonly #reading: Promise<void>;
  #pull: ConsumerMessages | null = null;
  #arrived = (): void => {};
  #room = (): void => {};
  #stopped = false;

  constructor(consumer: Consumer, logger: Logger, partition: number) {
    this.#reading = this.#read(consumer, logger, partition);
  }

  /** The oldest held messages, at most `max`, once there are any or `waitMs` passed; they stay held until `folded`. */
  async next(max: number, waitMs: number): Promise<JsMsg[]> {
    if (!this.#held.length && !this.#stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.#arrived = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.#held.slice(0, max);
  }

  /** The first `count` held messages are folded. */
  folded(count: number): void {
    this.#held.splice(0, count);
    this.#room();
  }

  /** Stops pulling; resolves with the messages still held. */
  async stop(): Promise<JsMsg[]> {
    this.#stopped = true;
    this.#arrived();
    this.#room();
    await this.#pull?.close().catch(() => {});
    await this.#reading;
    return this.#held.splice(0);
  }

  async #read(consumer: Consumer, logger: Logger, partition: number): Promise<void> {
    let failing = false;
    while (!this.#stopped) {
      const room = FEED_BUFFER - this.#held.length;
      if (room <= 0) {
        await new Promise<void>((resolve) => (this.#room = resolve));
        continue;
      }
      try {
        this.#pull = await consumer.fetch({ max_messages: room, expires: FETCH_EXPIRES_MS });
        for await (const message of this.#pull) {
          this.#held.push(message);
          this.#arrived();
        }
        failing = false;
      } catch (error) {
        if (!failing && !this.#stopped)
          logger.error(`JetStream: pulling partition ${partition} failed`, error);
        failing = true;
        await sleep(FETCH_RETRY_MS);
      }
    }
  }
}
