/** The NATS connection of a collector or a materializer: the same options for both. */
import { connect, type NatsConnection } from '@nats-io/transport-node';

/**
 * Reconnects for as long as the process runs (a cluster's node restarts,
 * the stream recovers by itself); no async stack traces, which cost an
 * `Error` with its stack per publish: 3% of a collector's CPU in a profile
 * of the benchmark.
 */
export function connectNats(servers: string[], name: string): Promise<NatsConnection> {
  return connect({ servers, name, maxReconnectAttempts: -1, noAsyncTraces: true });
}
