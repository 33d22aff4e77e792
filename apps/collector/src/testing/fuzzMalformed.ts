/**
 * The fuzz campaign's malformed bodies, by category, each with the statuses
 * it may get: truncated and garbage bodies, wrong types in every field, huge
 * and negative numbers, strings at and over their limits, deep nesting,
 * unicode edge cases, prototype and duplicate keys. Their events, if any,
 * are never under a `/f/` content: they cannot touch the scores the
 * campaign checks.
 */
import fc from 'fast-check';
import { envelopeText, request, variants, type Make, type Variant } from './fuzzBody.js';
import { transport } from './fuzzTransport.js';

const truncated = fc
  .double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
  .map((at): Make => (index, now) => {
    const text = envelopeText(index, now);
    return request('truncated', text.slice(0, Math.floor(at * text.length)), [400]);
  });

const garbage = fc
  .oneof(
    fc.uint8Array({ maxLength: 3_000 }).map((bytes) => Buffer.from(bytes)),
    fc.string({ unit: 'binary', maxLength: 200 }).map((text) => Buffer.from(text)),
    fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
  )
  .map(
    (body): Make =>
      () =>
        request('garbage', body, [400]),
  );

const anyValue = fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 20 }));

const wrongTypes = fc
  .record(
    {
      site: fc.oneof(fc.constant('demo'), anyValue),
      visitor: anyValue,
      sent_at: anyValue,
      events: fc.oneof(
        anyValue,
        fc.array(fc.dictionary(fc.constantFrom('id', 'type', 'content', 'session', 'ts', 'ms'), anyValue)),
      ),
    },
    { requiredKeys: [] },
  )
  .map(
    (body): Make =>
      () =>
        request('wrong types', JSON.stringify(body), [202, 400, 403]),
  );

const number = fc.constantFrom(
  '1e400',
  '-1e400',
  '-1',
  '-0',
  '1e308',
  '9007199254740993',
  '0.5',
  '8.64e15',
  '1e-400',
  '"1"',
);

const numbers = fc
  .tuple(number, number, fc.constantFrom('sent_at', 'ts', 'ms', 'depth', 'dropped'))
  .map(([one, other, field]): Make => (index, now) => {
    const event = `{"id":"m${index}","type":"engage","content":"/m/${index}","session":"s","ts":${field === 'ts' ? one : now},"ms":${field === 'ms' ? one : other},"depth":${other}}`;
    const text = envelopeText(index, now, event).replace(
      `"sent_at":${now}`,
      `"sent_at":${field === 'sent_at' ? one : now}`,
    );
    return request(
      'numbers',
      field === 'dropped' ? text.replace('{', `{"dropped":${one},`) : text,
      [202, 400],
    );
  });

const longStrings = fc
  .tuple(
    fc.constantFrom('visitor', 'site', 'id', 'content', 'title'),
    fc.constantFrom(-1, 0, 1),
    fc.constantFrom('a', 'é', '😀'),
  )
  .map(([field, offset, unit]): Make => (index, now) => {
    const limits: Record<string, number> = { visitor: 128, site: 64, id: 128, content: 2048, title: 1024 };
    const value = unit.repeat(limits[field]! + offset);
    const event = {
      id: `m${index}`,
      type: 'view',
      content: `/m/${index}`,
      session: 's',
      ts: now,
      title: 'T',
    };
    const envelope = { site: 'demo', visitor: `m${index}`, sent_at: now, events: [event] };
    if (field === 'visitor' || field === 'site') envelope[field] = value;
    else if (field === 'content') event.content = value;
    else event[field as 'id' | 'title'] = value;
    return request('long strings', JSON.stringify(envelope), [202, 400, 403]);
  });

const deep = fc
  .tuple(fc.integer({ min: 100, max: 32_000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
  .map(([depth, open, inside]): Make => (index, now) => {
    const close = open === '[' ? ']' : '}';
    const nested = `${open.repeat(depth)}${open === '[' ? '' : '1'}${close.repeat(depth)}`;
    const text = inside ? envelopeText(index, now, nested) : nested;
    return request('deep nesting', text, [202, 400, 413]);
  });

const unicode = fc
  .tuple(
    fc.constantFrom<Variant>(
      [(i, now) => `\ufeff${envelopeText(i, now)}`, [400]],
      [(i, now) => envelopeText(i, now).replace(`"visitor":"m${i}"`, `"visitor":"m${i}\\ud800"`), [400]],
      [(i, now) => envelopeText(i, now).replace(`"visitor":"m${i}"`, `"visitor":"m${i}\\u0000"`), [400]],
      [(i, now) => envelopeText(i, now).replace(`"id":"m${i}"`, `"id":"m${i}\\udfff"`), [202]],
      [(i, now) => envelopeText(i, now).replace('"site":"demo"', '"site":"dem\\u006f"'), [202]],
      [(i, now) => envelopeText(i, now).replace('"site":"demo"', '"site":"dem\u043e"'), [400]],
      [(i, now) => envelopeText(i, now).replace(`"visitor":"m${i}"`, `"visitor":"m${i}\u202e😀"`), [202]],
    ),
    fc.constantFrom<BufferEncoding>('utf8', 'utf8', 'utf16le'),
  )
  .map(([[make, statuses], encoding]): Make => (index, now) => {
    // In UTF-16 no body is JSON any more.
    const body = Buffer.from(make(index, now), encoding);
    return request('unicode', body, encoding === 'utf8' ? statuses : [400]);
  });

const prototypeKeys = variants('prototype keys', [
  [(i, now) => `{"__proto__":${envelopeText(i, now)}}`, [400]],
  [(i, now) => `{"constructor":{"prototype":${envelopeText(i, now)}}}`, [400]],
  [(i, now) => `${envelopeText(i, now).replace('"events":[', '"events":{"__proto__":[')}}`, [400]],
  [(i, now) => envelopeText(i, now).replace('{', '{"__proto__":{"site":"nope"},"constructor":1,'), [202]],
]);

const duplicateKeys = variants('duplicate keys', [
  // The last of duplicate keys wins, as JSON.parse has it.
  [(i, now) => envelopeText(i, now).replace('"events":[', '"events":"x","events":7,"events":['), [202]],
  [(i, now) => envelopeText(i, now).replace(/]}$/, '],"events":null}'), [400]],
  [(i, now) => envelopeText(i, now).replace('"site":"demo"', '"site":"demo","site":"nope"'), [403]],
]);

export const malformed: fc.Arbitrary<Make> = fc.oneof(
  truncated,
  garbage,
  wrongTypes,
  numbers,
  longStrings,
  deep,
  unicode,
  prototypeKeys,
  duplicateKeys,
  transport,
);
