/**
 * How far the views are behind each partition of the stream: its durable
 * consumer's messages not yet delivered, or delivered and not yet folded
 * (a fold acknowledges its messages once committed); and, from the saved
 * position, whether the partition holds a message not folded at all — which
 * is all there is to know while no materializer has made its consumer yet
 * (or is making it anew, taking the partition over).
 */
import type { JetStreamManager } from '@nats-io/jetstream';
import { consumerOf, partitionsOf } from './partitions.js';
import type { StreamOptions } from './streamOptions.js';

export interface PartitionLag {
  partition: number;
  /** Messages (one request's events each) the views do not hold yet; null when that is not known. */
  messages: number | null;
  /** Whether the partition's last message is past the saved position; null when the database did not answer. */
  behind: boolean | null;
}

/** Messages the views lack in all: a partition known to be behind counts one at least. */
export function lagMessages(partitions: readonly PartitionLag[]): number {
  return partitions.reduce((sum, { messages, behind }) => sum + Math.max(messages ?? 1, behind ? 1 : 0), 0);
}

export async function partitionLags(
  jsm: JetStreamManager,
  options: StreamOptions,
  lastSeqs: readonly number[],
  positions: readonly number[] | null,
): Promise<PartitionLag[]> {
  return Promise.all(
    partitionsOf(options).map(async (partition) => {
      const info = await jsm.consumers.info(options.stream, consumerOf(partition)).catch(() => null);
      const last = lastSeqs[partition] ?? 0;
      const behind = positions ? last > (positions[partition] ?? 0) : null;
      // Without a consumer, a partition whose messages are all folded lacks none.
      const messages = info ? info.num_pending + info.num_ack_pending : behind === false ? 0 : null;
      return { partition, messages, behind };
    }),
  );
}
