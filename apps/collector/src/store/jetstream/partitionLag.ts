/**
 * How far the views are behind each partition of the stream: its durable
 * consumer's messages not yet delivered or delivered and not yet folded
 * (a fold acknowledges its messages once committed).
 */
import type { JetStreamManager } from '@nats-io/jetstream';
import { consumerOf } from './partitions.js';
import type { StreamOptions } from './streamOptions.js';

export interface PartitionLag {
  partition: number;
  /** Messages (one request's events each) the views do not hold yet; null when the consumer is not made yet. */
  messages: number | null;
}

export async function partitionLags(jsm: JetStreamManager, options: StreamOptions): Promise<PartitionLag[]> {
  const partitions = Array.from({ length: options.partitions }, (_, partition) => partition);
  return Promise.all(
    partitions.map(async (partition) => {
      const info = await jsm.consumers.info(options.stream, consumerOf(partition)).catch(() => null);
      return { partition, messages: info ? info.num_pending + info.num_ack_pending : null };
    }),
  );
}
