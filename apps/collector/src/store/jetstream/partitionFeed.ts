/**
 * One partition's messages as they arrive, held until folded: pull
 * requests one after another (`fetch`), each expiring after
 * `FETCH_EXPIRES_MS`, so a pull that broke — the consumer's leader was on a
 * node that died — is replaced within that time. (A long-running
 * `consume()` stopped delivering for good after a node's kill -9 in the
 * scale-out test.) It holds at most `FEED_BUFFER` messages: the rest wait
 * in the stream.
 *
 * Folding skips what is at or below the saved position, so the messages
 * must come without a gap: a delivery lost in transit (a pull answered
 * while a node died) would be delivered again only after the ack wait,
 * behind later messages, and be skipped. Each delivery is numbered by the
 * consumer; at a missing number the feed ends (`FeedGapError`) after the
 * messages before it, and the partition starts over from its position with
 * a consumer made anew — what nats.js's ordered consumers do.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Logger } from '../../log.js';

/** Messages held ahead of the folds at most. */
export const FEED_BUFFER = 512;
/** How long one pull request waits for messages, ms. */
export const FETCH_EXPIRES_MS = 1_000;
/** How long the feed rests after a failed pull, ms (the stream may be electing a leader). */
export const FETCH_RETRY_MS = 250;

/** A delivery went missing: the partition must start over from its saved position. */
export class FeedGapError extends Error {
  override name = 'FeedGapError';
}

export class PartitionFeed {
  readonly #held: JsMsg[] = [];
  readonly #reading: Promise<void>;
  #pull: ConsumerMessages | null = null;
  #arrived = (): void => {};
  #room = (): void => {};
  #stopped = false;
  /** The consumer's number of the last delivery taken; a new consumer's first is 1. */
  #delivered = 0;
  #gap: string | null = null;

  constructor(consumer: Consumer, logger: Logger, partition: number) {
    this.#reading = this.#read(consumer, logger, partition);
  }

  /**
   * The oldest held messages, at most `max`, once there are any or `waitMs`
   * passed; they stay held until `folded`. Throws `FeedGapError` once the
   * messages before a gap are folded.
   */
  async next(max: number, waitMs: number): Promise<JsMsg[]> {
    if (!this.#held.length && this.#gap) throw new FeedGapError(this.#gap);
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
    while (!this.#stopped && !this.#gap) {
      const room = FEED_BUFFER - this.#held.length;
      if (room <= 0) {
        await new Promise<void>((resolve) => (this.#room = resolve));
        continue;
      }
      try {
        this.#pull = await consumer.fetch({ max_messages: room, expires: FETCH_EXPIRES_MS });
        for await (const message of this.#pull) {
          const { deliverySequence } = message.info;
          if (deliverySequence !== this.#delivered + 1) {
            this.#gap = `partition ${partition}: delivery ${this.#delivered + 1} expected, ${deliverySequence} came`;
            this.#arrived();
            break;
          }
          this.#delivered = deliverySequence;
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
