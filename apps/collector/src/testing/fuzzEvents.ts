/**
 * Events for the fuzz campaign (`ingest/fuzz.test.ts`), as JSON text: events
 * the collector must count — with every oddity the wire format allows
 * (repaired free text, unknown and prototype keys, duplicate keys whose last
 * value is valid, ids at their limits, invalid UTF-8 inside free text) — and
 * events it must reject whatever surrounds them.
 */
import fc from 'fast-check';
import type { ScoreEvent } from '@dwell/score';

/** A piece of a body: text, or raw bytes (to put invalid UTF-8 inside a string). */
export type Part = string | Uint8Array;

/** A counted event: its text, and what the collector folds. */
export interface GoodEvent {
  parts: Part[];
  event: ScoreEvent;
}

/** The time of the events and of `sent_at`, and where an event goes. */
export interface EventPlace {
  now: number;
  id: string;
  content: string;
}

const DAY_MS = 86_400_000;
const INVALID_UTF8 = Uint8Array.from([0xff, 0xc0, 0xaf, 0xed, 0xa0, 0x80]);

/** JSON text of a string whose lone surrogates stay `\udxxx` escapes (JSON.stringify writes them so). */
const text = (value: string) => JSON.stringify(value);

/** Free text the collector repairs or keeps, never a reason to refuse the event. */
const freeText = fc.constantFrom<Part[]>(
  ['"Waves 🌊"'],
  ['"cut \\ud83c"'],
  ['"nul \\u0000 inside"'],
  ['"\\u202eRTL\\u202c"'],
  [text('t'.repeat(1024))],
  ['"bytes ', INVALID_UTF8, '"'],
  ['"\\udfff\\ud800"'],
);

/** Share channels within 64 characters once repaired. */
const channel = fc.constantFrom<Part[]>(
  ['"copy"'],
  ['"cut \\ud83c"'],
  ['"\\u202eRTL"'],
  ['"x', INVALID_UTF8, '"'],
);

/** Keys the schema drops: unknown, prototype names, deep nesting, a duplicate whose last value is valid. */
const extraKeys = fc.constantFrom(
  '',
  ',"__proto__":{"type":"nap"}',
  ',"constructor":{"prototype":{"ms":1}}',
  ',"toString":"x","hasOwnProperty":1',
  `,"extra":${'['.repeat(500)}${']'.repeat(500)}`,
  ',"future_field":{"a":[1,2,3]}',
);

/** An id within the limits: a suffix after the unique part, up to exactly 128 characters. */
const idSuffix = fc.constantFrom('', '-😀', '-é', '-e\u0301', '-\u202e', '-__proto__', 'pad128');

function idText(id: string, suffix: string): Part[] {
  if (suffix === 'pad128') return [text(`${id}-${'a'.repeat(127 - id.length)}`)];
  return [text(id + suffix)];
}

const base = (place: EventPlace, type: string, session = 's1'): string =>
  `"content":${text(place.content)},"session":${text(session)},"ts":${place.now - 1_000},"type":"${type}"`;

/** A view: titles and URLs of every kind, ids of every allowed kind. */
export const goodView = fc
  .tuple(freeText, extraKeys, idSuffix)
  .map(([title, extra, suffix]) => (place: EventPlace): GoodEvent => ({
    parts: [
      '{"id":',
      ...idText(place.id, suffix),
      ',',
      base(place, 'view'),
      ',"title":',
      ...title,
      extra,
      '}',
    ],
    event: { type: 'view', session: 's1', ts: place.now - 1_000 },
  }));

/** An engage of exactly 15 s (one `engaged` count), its number and keys written in various ways. */
export const goodEngage = fc
  .tuple(fc.constantFrom('15000', '15000.0', '1.5e4', '15e3'), extraKeys, idSuffix, fc.boolean())
  .map(([ms, extra, suffix, duplicated]) => (place: EventPlace): GoodEvent => ({
    parts: [
      '{',
      duplicated ? '"type":"nap","ms":"long",' : '',
      '"id":',
      ...idText(place.id, suffix),
      ',',
      base(place, 'engage'),
      `,"ms":${ms}`,
      extra,
      '}',
    ],
    event: { type: 'engage', session: 's1', ts: place.now - 1_000, ms: 15_000 },
  }));

/** A share, a scroll or a custom event with props the collector drops. */
export const goodOther = fc
  .tuple(fc.constantFrom('share', 'scroll', 'custom'), channel, extraKeys)
  .map(([type, channelText, extra]) => (place: EventPlace): GoodEvent => {
    const fields = {
      share: [',"channel":', ...channelText],
      scroll: [',"depth":0.75'],
      custom: [`,"name":"comment","props":{"__proto__":1,"deep":${'['.repeat(200)}${']'.repeat(200)}}`],
    }[type]!;
    const event: ScoreEvent = { type: type as ScoreEvent['type'], session: 's1', ts: place.now - 1_000 };
    if (type === 'scroll') event.depth = 0.75;
    if (type === 'custom') event.name = 'comment';
    return { parts: ['{"id":', text(place.id), ',', base(place, type), ...fields, extra, '}'], event };
  });

/** Events refused whatever surrounds them: every field wrong in some way, or no object at all. */
export const badEvent = fc.constantFrom<(place: EventPlace) => Part[]>(
  (p) => [`{"id":${text(p.id)},${base(p, 'nap')}}`],
  (p) => [`{${base(p, 'view')}}`],
  (p) => [`{"id":"",${base(p, 'view')}}`],
  (p) => [`{"id":${text(`${p.id}\ud800`)},${base(p, 'view')}}`],
  (p) => [`{"id":"${p.id}\\udc00",${base(p, 'view')}}`],
  (p) => [`{"id":${text(p.id.padEnd(129, 'x'))},${base(p, 'view')}}`],
  (p) => [`{"id":12,${base(p, 'view')}}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'view', 's\u0000')}}`],
  (p) => [`{"id":${text(p.id)},"content":"","session":"s1","ts":${p.now},"type":"view"}`],
  (p) => [
    `{"id":${text(p.id)},"content":${text('😀'.repeat(513))},"session":"s1","ts":${p.now},"type":"view"}`,
  ],
  (p) => [`{"id":${text(p.id)},"content":"/x","session":"s1","ts":-1,"type":"view"}`],
  (p) => [`{"id":${text(p.id)},"content":"/x","session":"s1","ts":"now","type":"view"}`],
  (p) => [`{"id":${text(p.id)},"content":"/x","session":"s1","ts":1e400,"type":"view"}`],
  (p) => [`{"id":${text(p.id)},"content":"/x","session":"s1","ts":${p.now + 3_600_000},"type":"view"}`],
  (p) => [`{"id":${text(p.id)},"content":"/x","session":"s1","ts":${p.now - 40 * DAY_MS},"type":"view"}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'engage')},"ms":-1}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'engage')},"ms":"15000"}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'engage')},"ms":86400001}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'engage')},"ms":1e999}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'engage')},"ms":15000,"ms":null}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'scroll')},"depth":1.5}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'scroll')},"depth":-0.1}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'share')},"channel":""}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'share')},"channel":"\\u0000"}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'custom')},"name":"__proto__"}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'custom')},"name":"constructor"}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'custom')},"name":"two words"}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'view')},"title":${text('t'.repeat(1025))}}`],
  (p) => [`{"id":${text(p.id)},${base(p, 'view')},"type":"nap"}`],
  (p) => [`{"__proto__":{"id":${text(p.id)},${base(p, 'view')}}}`],
  () => ['null'],
  () => ['42'],
  () => ['"view"'],
  () => ['[]'],
  () => ['true'],
);
