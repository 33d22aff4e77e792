/**
 * Map keys made of several ids. Ids never contain control characters (the
 * ingest schemas refuse them), so a newline separates them unambiguously —
 * and joining is several times cheaper than JSON on the per-event path.
 */
export function keyOf(...parts: (string | number)[]): string {
  return parts.join('\n');
}
