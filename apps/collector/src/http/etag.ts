/** Conditional requests: the `If-None-Match` check of every answer that carries an `ETag`. */

/** Whether an `If-None-Match` header lists `etag` (or is `*`); weak tags match too (RFC 9110, 13.1.2). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
