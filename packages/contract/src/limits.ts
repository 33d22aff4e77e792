/**
 * The limits of `POST /v1/events` (DESIGN.md, "Wire format"), the same for
 * the SDK that splits what it sends and the collector that refuses what is
 * over them.
 */

/**
 * Largest request body, bytes: the collector's limit, and the quota the
 * Fetch spec gives keepalive requests and beacons
 * (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch, "inflight keepalive bytes").
 */
export const MAX_BODY_BYTES = 65_536;

/** The most events one batch may carry (the body limit binds first in practice). */
export const MAX_EVENTS = 1000;

/** The most characters of an event id, a visitor id or a session id. */
export const MAX_ID_LENGTH = 128;

/** The most characters of a content id. */
export const MAX_CONTENT_LENGTH = 2048;

/**
 * The most UTF-8 bytes of a content id. PostgreSQL indexes it with the site
 * and the visitor, and a btree entry holds at most 2,704 bytes: 2,048
 * characters outside the BMP (8 KiB) would fail the whole transaction.
 */
export const MAX_CONTENT_BYTES = 2048;
