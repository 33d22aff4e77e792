/**
 * Whatever arrives at `POST /v1/events` — arbitrary JSON, wrong types, huge
 * numbers, deep nesting, any unicode, invalid UTF-8 — the answer is never a
 * 5xx and the collector keeps working.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelope, NOW, postEvents, testApp, wireEvent } from '../testing.js';

const { app } = testApp();

/** Events stored along the way: the properties must reach the store, not only the validators. */
let accepted = 0;

async function statusOf(body: BodyInit, type = 'application/json'): Promise<number> {
  const response = await app.request('/v1/events', {
    method: 'POST',
    body,
    headers: { 'content-type': type, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0' },
  });
  const result = (await response.json()) as { accepted?: number };
  accepted += result.accepted ?? 0;
  return response.status;
}

function expectNo5xx(status: number): void {
  expect(status).toBeGreaterThanOrEqual(200);
  expect(status).toBeLessThan(500);
}

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\ud800', '\udfff\ud800', '\u202e', '👩‍👩‍👧', '__proto__', 'constructor', ''),
);

const hugeNumber = fc.constantFrom(
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '9007199254740993',
  '1'.repeat(400),
  '0.1e99999',
);

/** Mostly `likely`, sometimes anything. */
function mostly<T>(likely: fc.Arbitrary<T>, ...others: fc.Arbitrary<unknown>[]) {
  return fc.oneof({ arbitrary: likely, weight: 6 }, ...others.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

/** Events whose fields are plausible, any text, or any JSON value. */
const eventArbitrary = fc.record(
  {
    id: mostly(fc.uuid(), anyText, fc.jsonValue()),
    type: mostly(fc.constantFrom('view', 'engage', 'scroll', 'share', 'custom'), fc.jsonValue()),
    content: mostly(fc.constantFrom('/a/1', '/b'), anyText, fc.jsonValue()),
    session: mostly(fc.constant('s1'), anyText),
    ts: mostly(fc.constant(NOW), fc.double(), fc.integer(), fc.jsonValue()),
    ms: mostly(fc.integer({ min: 0, max: 90_000 }), fc.double(), fc.jsonValue()),
    depth: mostly(fc.double({ min: 0, max: 1, noNaN: true }), fc.double(), fc.jsonValue()),
    channel: mostly(fc.constant('copy'), anyText),
    name: mostly(fc.constantFrom('comment', 'subscribe'), anyText, fc.constant('toString')),
    title: anyText,
    props: fc.oneof(fc.jsonValue(), fc.dictionary(anyText, fc.jsonValue(), { maxKeys: 30 })),
  },
  { requiredKeys: ['id', 'type', 'content', 'session', 'ts'] },
);

describe('POST /v1/events never answers 5xx', () => {
  it('for arbitrary JSON bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.json(), fc.constantFrom('application/json', 'text/plain'), async (body, type) => {
        expectNo5xx(await statusOf(body, type));
      }),
      { numRuns: 200 },
    );
  });

  it('for envelopes with fields of every wrong type', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            site: fc.oneof(fc.constant('demo'), fc.jsonValue()),
            visitor: fc.oneof(fc.constant('v1'), anyText, fc.jsonValue()),
            sent_at: fc.oneof(fc.constant(NOW), fc.double(), fc.jsonValue()),
            events: fc.oneof(fc.array(eventArbitrary, { maxLength: 8 }), fc.jsonValue()),
            dropped: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          expectNo5xx(await statusOf(JSON.stringify(body)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for valid envelopes of arbitrary events, some of which are stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArbitrary, { minLength: 1, maxLength: 10 }),
        anyText,
        async (events, visitor) => {
          expectNo5xx(await statusOf(JSON.stringify(envelope(events, { visitor: visitor || 'v1' }))));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for huge numbers, deep nesting, long strings and invalid UTF-8', async () => {
    await fc.assert(
      fc.asyncProperty(hugeNumber, async (number) => {
        const text = JSON.stringify(envelope([wireEvent('engage')])).replace('"ms":15000', `"ms":${number}`);
        expectNo5xx(await statusOf(text.replace(`"sent_at":${NOW}`, `"sent_at":${number}`)));
        expectNo5xx(await statusOf(text));
      }),
    );
    for (const depth of [1_000, 20_000]) {
      const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      expectNo5xx(await statusOf(nested));
      expectNo5xx(
        await statusOf(`{"site":"demo","visitor":"v","sent_at":1,"events":[{"id":"x","extra":${nested}}]}`),
      );
      expectNo5xx(await statusOf(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));
    }
    expectNo5xx(
      await statusOf(JSON.stringify(envelope([wireEvent('view', { content: 'é'.repeat(30_000) })]))),
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), async (bytes) => {
        expectNo5xx(await statusOf(new Uint8Array(bytes), 'text/plain'));
      }),
      { numRuns: 100 },
    );
  });

  it('and still works afterwards, having stored the valid events among them', async () => {
    expect(accepted).toBeGreaterThan(200);
    const response = await postEvents(app, envelope([wireEvent('view', { content: '/after' })]));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: 1 });
  });
});
