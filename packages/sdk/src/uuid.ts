/**
 * A random RFC 4122 version 4 UUID. Not `crypto.randomUUID()`: it exists only
 * in secure contexts, and sites still serve pages over plain http. The
 * template "10000000-1000-4000-8000-100000000000" has each 0, 1 and 8
 * replaced by a random hex digit, with the variant bits kept for the 8.
 */
export function uuid(): string {
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) =>
    (+digit ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+digit / 4)))).toString(16),
  );
}
