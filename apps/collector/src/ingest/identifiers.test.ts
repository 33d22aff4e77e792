/**
 * Identifiers are exact strings on every store: through the HTTP app (so
 * validation is in the path) onto SQLite and a real PostgreSQL, generated
 * identifiers with lone surrogates, NUL and other control characters,
 * unpaired escapes and long unicode are either refused — a 4xx naming the
 * field — or stored and read back exactly, never merged with another and
 * never a duplicate unless that very string was sent before.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isEventName } from '@dwell/score';
import { createApp } from '../app.js';
import { silentLogger } from '../log.js';
import { SITE_ID, Sites } from '../sites.js';
import { PostgresStore } from '../store/postgres/postgresStore.js';
import { SqliteStore } from '../store/sqlite/sqliteStore.js';
import type { Store } from '../store/store.js';
import { demoSite, NOW, postEvents, tempDir } from '../testing.js';
import { freshSchema } from '../testing/postgres.js';
import { MAX_CONTENT_BYTES } from '@dwell/contract';

const WINDOW = { now: NOW, windowDays: 30 };

type Field = 'site' | 'visitor' | 'id' | 'session' | 'content' | 'name';

/** The longest value of each identifier, in characters (DESIGN.md, the schema). */
const MAX_LENGTH: Record<Exclude<Field, 'site' | 'name'>, number> = {
  visitor: 128,
  id: 128,
  session: 128,
  content: 2048,
};

/** Whether the collector must refuse `value` as `field`: the specification the stores are held to. */
function mustRefuse(field: Field, value: string): boolean {
  if (field === 'site') return !SITE_ID.test(value);
  if (field === 'name') return !isEventName(value);
  if (value.length === 0 || value.length > MAX_LENGTH[field]) return true;
  if (field === 'content' && Buffer.byteLength(value) > MAX_CONTENT_BYTES) return true;
  return !value.isWellFormed() || /\p{Cc}/u.test(value);
}

const loneSurrogate = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\udc00\ud800');
const control = fc.constantFrom('\u0000', '\u0001', '\t', '\n', '\r', '\u001f', '\u007f', '\u0085', '\u009f');
const tricky = fc.constantFrom(
  '\ufffd',
  '\ufeff',
  '\u200b',
  '\u202e',
  '\ufffe',
  '\uffff',
  '\u{10ffff}',
  '\ud83d\ude00',
  '👩‍👩‍👧',
  'é',
  'e\u0301',
  'demo',
  '__proto__',
  'constructor',
  '%00',
  '\\u0000',
  '\\ud800',
  ' ',
);

/** Short identifiers pieced from ordinary text and every kind of trouble. */
const pieced = fc
  .array(
    fc.oneof(
      { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 }), weight: 4 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 2 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }), weight: 2 },
      loneSurrogate,
      control,
      tricky,
    ),
    { minLength: 0, maxLength: 6 },
  )
  .map((parts) => parts.join(''));

/** Long identifiers of one character repeated, at and around every limit (characters and bytes). */
const long = fc
  .tuple(
    fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\u0000'),
    fc.oneof(fc.constantFrom(127, 128, 129, 511, 512, 513, 1023, 1024, 2047, 2048, 2049), fc.nat(2100)),
  )
  .map(([unit, count]) => unit.repeat(Math.ceil(count / unit.length)).slice(0, count));

const identifierText = fc.oneof({ arbitrary: pieced, weight: 3 }, long);

interface Backend {
  name: string;
  open(): Promise<Store>;
}

const BACKENDS: Backend[] = [
  { name: 'SQLite', open: async () => new SqliteStore(tempDir()) },
  {
    name: 'PostgreSQL',
    open: async () =>
      PostgresStore.open({ url: await freshSchema(), logger: silentLogger, retentionMonths: 0, poolSize: 4 }),
  },
];

const opened: Store[] = [];
afterAll(() => Promise.all(opened.map((store) => store.close())));

interface Rejection {
  index: number;
  issues: { path: string; message: string }[];
}

describe.each(BACKENDS)('identifiers on $name', (backend) => {
  it('are refused naming the field, or stored and read back exactly, never a duplicate when fresh', async () => {
    const store = await backend.open();
    opened.push(store);
    const app = createApp({ sites: new Sites([demoSite()]), store, now: () => NOW, demoDir: null });
    /** Event ids stored so far, exactly as sent. */
    const storedIds = new Set<string>();
    /** Views stored per exact (visitor, content), to see that no two ids merge. */
    const views = new Map<string, number>();
    let run = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Field>('site', 'visitor', 'id', 'session', 'content', 'name'),
        identifierText,
        async (field, value) => {
          run++;
          const visitor = field === 'visitor' ? value : field === 'content' ? 'v-content' : `v${field}${run}`;
          const content = field === 'content' ? value : '/c';
          const session = field === 'session' ? value : 's';
          const event = {
            id: field === 'id' ? value : `fresh-${run}`,
            type: field === 'name' ? 'custom' : 'view',
            content,
            session,
            ts: NOW,
            ...(field === 'name' ? { name: value } : {}),
          };
          const body = {
            site: field === 'site' ? value : 'demo',
            visitor,
            sent_at: NOW,
            events: [event],
          };
          const response = await postEvents(app, body);
          const answer = await response.json();
          const refuse = mustRefuse(field, value);

          if (field === 'site' || field === 'visitor') {
            if (refuse) {
              const paths = new Set(answer.error.issues.map((issue: { path: string }) => issue.path));
              expect([response.status, paths]).toEqual([400, new Set([field])]);
              expect(answer.error.message).toContain(field);
              return;
            }
            if (field === 'site' && value !== 'demo') {
              expect([response.status, answer.error.code]).toEqual([403, 'unknown_site']);
              return;
            }
          }
          expect(response.status).toBe(202);
          if (refuse) {
            expect(answer.accepted).toBe(0);
            const rejected = answer.rejected as Rejection[];
            expect(rejected.map((entry) => entry.index)).toEqual([0]);
            expect(new Set(rejected[0]!.issues.map((issue) => issue.path))).toEqual(new Set([field]));
            return;
          }
          const duplicate = storedIds.has(event.id);
          expect(answer).toEqual({
            accepted: duplicate ? 0 : 1,
            duplicates: duplicate ? 1 : 0,
            rejected: [],
          });
          if (duplicate) return;
          storedIds.add(event.id);

          // Sent again, the very same id is a duplicate: it was stored and compared exactly.
          expect(await (await postEvents(app, body)).json()).toMatchObject({ accepted: 0, duplicates: 1 });
          const state = await store.visitorState('demo', visitor, content, WINDOW);
          if (field === 'name') {
            expect(state.custom).toEqual({ [value]: 1 });
            return;
          }
          const key = `${visitor}\n${content}`;
          views.set(key, (views.get(key) ?? 0) + 1);
          expect(state.views).toBe(views.get(key));
          if (field === 'session') expect(state.sessions).toEqual([value]);
        },
      ),
      { numRuns: 250, seed: 16 },
    );
  });

  it('keeps every identifier at its limit in characters and bytes, all in one event', async () => {
    const store = await backend.open();
    opened.push(store);
    const app = createApp({ sites: new Sites([demoSite()]), store, now: () => NOW, demoDir: null });
    const astral = (count: number) => '😀'.repeat(count);
    const event = {
      id: astral(64),
      type: 'view',
      content: astral(MAX_CONTENT_BYTES / 4),
      session: astral(64),
      ts: NOW,
    };
    const visitor = astral(64);
    const response = await postEvents(app, { site: 'demo', visitor, sent_at: NOW, events: [event] });
    expect([response.status, await response.json()]).toEqual([
      202,
      { accepted: 1, duplicates: 0, rejected: [] },
    ]);
    const state = await store.visitorState('demo', visitor, event.content, WINDOW);
    expect(state).toMatchObject({ views: 1, sessions: [event.session] });
    // One byte more is refused the same on every store, before any store sees it.
    const over = await postEvents(app, {
      site: 'demo',
      visitor,
      sent_at: NOW,
      events: [{ ...event, id: 'other', content: `${event.content}a` }],
    });
    expect((await over.json()).rejected).toEqual([
      {
        index: 0,
        issues: [{ path: 'content', message: `must be at most ${MAX_CONTENT_BYTES} bytes in UTF-8` }],
      },
    ]);
  });

  it("refuses the issue's lone surrogates instead of merging them", async () => {
    const store = await backend.open();
    opened.push(store);
    const app = createApp({ sites: new Sites([demoSite()]), store, now: () => NOW, demoDir: null });
    const event = { id: 'x\ud800', type: 'view', content: '/a', session: 's', ts: NOW };
    const first = await postEvents(app, { site: 'demo', visitor: 'v', sent_at: NOW, events: [event] });
    expect(await first.json()).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: [
        { index: 0, issues: [{ path: 'id', message: 'must be well-formed Unicode: no lone surrogate' }] },
      ],
    });
    for (const visitor of ['v\ud800', 'v\udc00']) {
      const response = await postEvents(app, { site: 'demo', visitor, sent_at: NOW, events: [] });
      expect([response.status, (await response.json()).error.issues]).toEqual([
        400,
        [{ path: 'visitor', message: 'must be well-formed Unicode: no lone surrogate' }],
      ]);
    }
    const paired = await postEvents(app, {
      site: 'demo',
      visitor: 'v\ud83d\ude00',
      sent_at: NOW,
      events: [{ ...event, id: 'x\ud83d\ude00' }],
    });
    expect(await paired.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await store.visitorState('demo', 'v😀', '/a', WINDOW)).toMatchObject({ views: 1 });
  });
});
