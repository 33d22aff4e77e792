/**
 * The zod schemas of `POST /v1/events` (DESIGN.md, "Wire format"). The
 * envelope is validated first and as a whole; each event is validated on its
 * own, so one bad event is rejected without costing the valid ones beside it.
 * Unknown fields are dropped, not refused: a newer SDK may send more.
 */
import { z } from 'zod';
import { isEventName, RATING_MAX, RATING_MIN } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { SITE_ID } from '../sites.js';

/** The most events one batch may carry (the 64 KiB body limit binds first in practice). */
export const MAX_EVENTS = 1000;

/** Latest representable time, ms (year 275760): larger "timestamps" are garbage. */
const MAX_TIME = 8.64e15;

/** No control characters (Unicode category Cc, NUL among them): ids end up in keys, logs and URLs. */
const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;

/**
 * A control character or a lone surrogate: in a `u` regex a surrogate pair
 * is one astral code point, so only a lone surrogate is of category Cs. One
 * scan finds that an id is fine; the two messages are worked out only when
 * it is not.
 */
const UNSTORABLE = /[\p{Cc}\p{Cs}]/u;

/**
 * The most UTF-8 bytes of a content id. PostgreSQL indexes it with the site
 * and the visitor, and a btree entry holds at most 2,704 bytes: 2,048
 * characters outside the BMP (8 KiB) would fail the whole transaction.
 */
export const MAX_CONTENT_BYTES = 2048;

/**
 * An identifier: 1–`max` characters, kept byte for byte by every store, so
 * it is compared, deduplicated and read back exactly. Refused rather than
 * repaired: a lone surrogate would become U+FFFD in storage, and two ids
 * that differ only there would be one ("x\ud800" a duplicate of "x\udc00").
 */
function identifier(max: number, maxBytes = Infinity) {
  // One check of zod's rather than a regex, a refine and a byte count: each check costs, and
  // ingest checks three ids an event (2.65 → 2.25 µs an event in a microbenchmark of the schema).
  return z
    .string()
    .min(1)
    .max(max)
    .check(function storable(payload) {
      const { value, issues } = payload;
      if (UNSTORABLE.test(value)) {
        if (!NO_CONTROL_CHARACTERS.test(value))
          issues.push({ code: 'custom', message: 'must not contain control characters', input: value });
        if (!value.isWellFormed())
          issues.push({
            code: 'custom',
            message: 'must be well-formed Unicode: no lone surrogate',
            input: value,
          });
      }
      // A UTF-16 code unit is at most 3 bytes of UTF-8: most ids need no count.
      if (value.length * 3 > maxBytes && Buffer.byteLength(value) > maxBytes)
        issues.push({ code: 'custom', message: `must be at most ${maxBytes} bytes in UTF-8`, input: value });
    })
    .describe('no control characters, well-formed Unicode (no lone surrogate)');
}

const time = z.number().min(0).max(MAX_TIME);

export const envelopeSchema = z.object({
  site: z.string().regex(SITE_ID, 'must be a site id: 1–64 letters, digits, _ or -'),
  visitor: identifier(128),
  sent_at: time,
  events: z.array(z.unknown()).max(MAX_EVENTS),
  dropped: z.number().int().min(0).optional(),
});

const base = {
  id: identifier(128),
  content: identifier(2048, MAX_CONTENT_BYTES),
  session: identifier(128),
  ts: time,
};

/**
 * Free text from the page (titles, URLs, channels, props), within `max`
 * characters, made storable everywhere: a lone surrogate (a title cut inside
 * an emoji) becomes U+FFFD and NUL is removed, because PostgreSQL refuses
 * both and one such event would fail its whole transaction.
 */
function text(max: number) {
  // `overwrite`, not `transform`: the field stays a string schema, which zod's compiled
  // object parser checks inline (a view's five fields: 4.4 → 0.3 µs in a microbenchmark).
  // Checks run in order, so a check added after this one sees the repaired text.
  return z
    .string()
    .max(max)
    .overwrite((value) => value.toWellFormed().replaceAll('\u0000', ''));
}

/**
 * A custom event's properties. Props do not count in any score, so props the
 * collector cannot keep are dropped and the event kept: refusing it would
 * make the browser's local score, which counted it, differ.
 */
const props = z
  .record(text(64), z.union([text(256), z.number(), z.boolean(), z.null()]))
  .refine((value) => Object.keys(value).length <= 20, 'at most 20 properties')
  .optional()
  .catch(undefined);

/** One event of a batch; the `type` chooses the fields. */
export const eventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('view'),
    title: text(1024).optional(),
    url: text(4096).optional(),
    referrer: text(4096).optional(),
    section: text(256).optional(),
    author: text(256).optional(),
  }),
  // A day of engaged time is already impossible for one event.
  z.object({ ...base, type: z.literal('engage'), ms: z.number().min(0).max(86_400_000) }),
  z.object({ ...base, type: z.literal('scroll'), depth: z.number().min(0).max(1) }),
  // Not empty once repaired: a channel of NULs alone is refused.
  z.object({ ...base, type: z.literal('share'), channel: text(64).min(1) }),
  z.object({
    ...base,
    type: z.literal('custom'),
    // The names a model can weigh (`custom:<name>`), as the SDK checks them too.
    name: z
      .string()
      .refine(isEventName, 'must be 1–64 letters, digits, _ . : or -, and not a name objects inherit'),
    props,
  }),
  z.object({
    ...base,
    type: z.literal('feedback'),
    rating: z.number().int('must be an integer from 1 to 5').min(RATING_MIN).max(RATING_MAX),
  }),
]) satisfies z.ZodType<WireEvent>;

export type Envelope = z.infer<typeof envelopeSchema>;
