/**
 * The stream, made at start when missing (collectors and materializers
 * may start in any order, and each makes sure of it), and the partitions'
 * consumers, made by whoever leases a partition. An existing stream keeps
 * its subjects and partitions; its limits (retention, size, duplicate
 * window) follow the configuration.
 */
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { consumerOf, subjectOf } from './partitions.js';
import type { StreamOptions } from './streamOptions.js';

/** JetStream's durations are nanoseconds. */
const nanos = (ms: number) => ms * 1_000_000;

/**
 * How long a fetched message may stay unacknowledged before it is delivered
 * again, ms: the holder folds in order and retries by itself, so a message
 * delivered again is one it has folded or holds already (and skips).
 */
export const ACK_WAIT_MS = 60_000;

/** The stream's creation time: positions saved for another stream of the same name start again (`positions.ts`). */
export async function ensureStream(jsm: JetStreamManager, options: StreamOptions): Promise<string> {
  const limits: Partial<StreamConfig> = {
    max_age: nanos(options.maxAgeMs),
    max_bytes: options.maxBytes,
    duplicate_window: nanos(options.duplicateWindowMs),
  };
  const existing = await jsm.streams.info(options.stream).catch(() => null);
  if (existing) {
    const { config } = existing;
    const changed = (Object.keys(limits) as (keyof typeof limits)[]).some(
      (key) => config[key] !== limits[key],
    );
    if (!changed) return existing.created;
    return (await jsm.streams.update(options.stream, { ...limits })).created;
  }
  const info = await jsm.streams
    .add({
      name: options.stream,
      subjects: [subjectOf(options.stream, '*')],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      // A full stream refuses new events (ingest answers 503) rather than dropping unfolded ones.
      discard: DiscardPolicy.New,
      num_replicas: options.replicas,
      ...limits,
    })
    .catch(async (error: unknown) => {
      // Another process made it in between.
      const made = await jsm.streams.info(options.stream).catch(() => null);
      if (made) return made;
      throw error;
    });
  return info.created;
}

/**
 * The durable pull consumer of one partition, made anew from `fromSeq` by
 * the materializer that has just leased it: delivery starts right after
 * the saved position and stays in stream order, whatever the previous
 * holder had fetched and not acknowledged (`leases.ts`).
 */
export async function startConsumer(
  jsm: JetStreamManager,
  options: StreamOptions,
  partition: number,
  fromSeq: number,
): Promise<string> {
  const name = consumerOf(partition);
  await jsm.consumers.delete(options.stream, name).catch(() => false);
  await jsm.consumers.add(options.stream, {
    durable_name: name,
    filter_subject: subjectOf(options.stream, partition),
    ack_policy: AckPolicy.All,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: fromSeq,
    ack_wait: nanos(ACK_WAIT_MS),
    max_ack_pending: -1,
  });
  return name;
}
