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

/**
 * An event's id: an RFC 9562 version 7 UUID, whose first 48 bits are the
 * time in ms and the other 74 random, from the random bits of a v4. The
 * collector keeps each event id in a unique index (exactly-once delivery):
 * time-ordered ids land side by side at its right edge, where random ones
 * would each dirty a page of their own, which halves what storing an event
 * costs there (README, "Performance"). The visitor and session ids stay
 * random: when a visitor first came is nobody's business.
 */
export function eventId(time: number): string {
  const hex = time.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${uuid().slice(15)}`;
}
