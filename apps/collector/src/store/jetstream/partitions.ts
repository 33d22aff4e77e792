/**
 * The stream's partitions: each visitor's events go to one subject, so one
 * materializer folds a visitor's events at a time and a read of that
 * visitor waits for one partition only.
 */

/** Partitions of a new stream: enough to spread over many materializers, few enough to lease one by one. */
export const DEFAULT_PARTITIONS = 16;

/** FNV-1a's 32-bit offset basis and prime (http://www.isthe.com/chongo/tech/comp/fnv/). */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The partition of a site's visitor: FNV-1a of `site`, a NUL, `visitor`, modulo `partitions`. */
export function partitionOf(site: string, visitor: string, partitions: number): number {
  let hash = FNV_OFFSET;
  const key = `${site}\u0000${visitor}`;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash % partitions;
}

/** The subject of one partition of a stream, `<stream>.<partition>` (`*`: every partition). */
export function subjectOf(stream: string, partition: number | '*'): string {
  return `${stream}.${partition}`;
}

/** Every partition of a stream of `partitions`, in order. */
export function partitionsOf({ partitions }: { partitions: number }): number[] {
  return Array.from({ length: partitions }, (_, partition) => partition);
}

/** The durable consumer that folds one partition. */
export function consumerOf(partition: number): string {
  return `dwell-fold-${partition}`;
}
