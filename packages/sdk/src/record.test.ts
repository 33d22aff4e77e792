import {
  DAY_MS,
  DEFAULT_MODEL,
  DEFAULT_READER_MODEL,
  emptyReader,
  emptyState,
  fold,
  foldReader,
  readerWindow,
  score,
  utcDay,
  type Model,
} from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCurrent, MAX_CONTENTS, QUEUE_LIMIT, recordEvent as record, touchSession } from './record.js';
import type { Stored } from './store.js';

const NOW = Date.UTC(2026, 10, 22, 12);
const blank = (): Stored => ({ queue: [], dropped: 0, states: {} });

const SESSION_TIMEOUT_MS = DEFAULT_MODEL.sessionTimeoutMinutes * 60_000;

/** Records with the default models, as most tests here do. */
const recordEvent = (stored: Stored, event: WireEvent, model: Model, reader = DEFAULT_READER_MODEL): void =>
  record(stored, event, model, reader);

/** The reader score of a record, on the day of `now`. */
function readerScore(stored: Stored, now = NOW, model = DEFAULT_READER_MODEL): ReturnType<typeof score> {
  const days = Object.entries(stored.readers ?? {}).map(([day, state]) => ({ day: +day, state }));
  return score(readerWindow(days, utcDay(now), model.windowDays), model);
}

let sequence = 0;
function event(fields: Partial<WireEvent> = {}): WireEvent {
  return { id: `e${sequence++}`, type: 'view', content: '/a', session: '', ts: NOW, ...fields } as WireEvent;
}

describe('touchSession', () => {
  it('keeps the session until 30 minutes without activity, exactly', () => {
    const session = { id: 's1', last: NOW };
    expect(touchSession(session, NOW + SESSION_TIMEOUT_MS - 1, DEFAULT_MODEL)).toEqual({
      id: 's1',
      last: NOW + SESSION_TIMEOUT_MS - 1,
    });
    expect(touchSession(session, NOW + SESSION_TIMEOUT_MS, DEFAULT_MODEL).id).not.toBe('s1');
  });

  it("follows the model's session timeout", () => {
    const model = { ...DEFAULT_MODEL, sessionTimeoutMinutes: 5 };
    expect(touchSession({ id: 's1', last: NOW }, NOW + 299_999, model).id).toBe('s1');
    expect(touchSession({ id: 's1', last: NOW }, NOW + 300_000, model).id).not.toBe('s1');
  });

  it('starts a session when there is none, and never moves `last` back', () => {
    expect(touchSession(undefined, NOW, DEFAULT_MODEL)).toMatchObject({ last: NOW });
    expect(touchSession({ id: 's1', last: NOW }, NOW - 5, DEFAULT_MODEL)).toEqual({ id: 's1', last: NOW });
  });
});

describe('isCurrent', () => {
  const windowMs = DEFAULT_MODEL.windowDays * DAY_MS;

  it('holds a state whose last event is exactly windowDays old, and not 1 ms older', () => {
    const state = { ...emptyState(), first: NOW, last: NOW };
    expect(isCurrent(state, NOW + windowMs, DEFAULT_MODEL)).toBe(true);
    expect(isCurrent(state, NOW + windowMs + 1, DEFAULT_MODEL)).toBe(false);
  });

  it('holds no empty or missing state', () => {
    expect(isCurrent(emptyState(), NOW, DEFAULT_MODEL)).toBe(false);
    expect(isCurrent(undefined, NOW, DEFAULT_MODEL)).toBe(false);
  });
});

describe('recordEvent', () => {
  it('names the stored session on the event, queues it and folds it into its content', () => {
    const stored = blank();
    const view = event();
    recordEvent(stored, view, DEFAULT_MODEL);
    const share = event({ type: 'share', channel: 'x', ts: NOW + 1000 } as Partial<WireEvent>);
    recordEvent(stored, share, DEFAULT_MODEL);
    expect(view.session).toBe(stored.session?.id);
    expect(share.session).toBe(view.session);
    expect(stored.queue).toEqual([view, share]);
    expect(stored.states['/a']).toMatchObject({ views: 1, shares: 1, sessions: [view.session] });
  });

  it('drops the oldest beyond 1,000 queued events and counts them', () => {
    const stored = blank();
    for (let i = 0; i < QUEUE_LIMIT + 3; i++) recordEvent(stored, event({ ts: NOW + i }), DEFAULT_MODEL);
    expect(stored.queue).toHaveLength(QUEUE_LIMIT);
    expect(stored.dropped).toBe(3);
    expect(stored.queue[0]?.ts).toBe(NOW + 3);
  });

  it('keeps the 200 most recently active contents', () => {
    const stored = blank();
    for (let i = 0; i < MAX_CONTENTS + 5; i++)
      recordEvent(stored, event({ content: `/c${i}`, ts: NOW + i }), DEFAULT_MODEL);
    expect(Object.keys(stored.states)).toHaveLength(MAX_CONTENTS);
    expect(stored.states['/c0']).toBeUndefined();
    expect(stored.states[`/c${MAX_CONTENTS + 4}`]).toBeDefined();
  });

  it('forgets a content whose last event left the window', () => {
    const stored = blank();
    recordEvent(stored, event({ content: '/old', ts: NOW - 31 * 86_400_000 }), DEFAULT_MODEL);
    recordEvent(stored, event({ content: '/new', ts: NOW }), DEFAULT_MODEL);
    expect(Object.keys(stored.states)).toEqual(['/new']);
  });

  it("starts a content afresh once its last event has left the window, as the collector's window does", () => {
    const windowMs = DEFAULT_MODEL.windowDays * DAY_MS;
    // Back exactly a window later, the first view is still inside it (2 views); 1 ms later, it is not.
    for (const [gap, views] of [
      [windowMs, 2],
      [windowMs + 1, 1],
    ] as const) {
      const stored = blank();
      const first = event({ ts: NOW });
      const back = event({ ts: NOW + gap });
      recordEvent(stored, first, DEFAULT_MODEL);
      recordEvent(stored, back, DEFAULT_MODEL);
      // What the collector folds: the events from `now − windowDays` on (`fold`), with the sessions the store named.
      const collector = fold(emptyState(), [first, back], {
        now: back.ts,
        windowDays: DEFAULT_MODEL.windowDays,
      });
      expect(stored.states['/a']).toEqual(collector);
      expect(collector.views).toBe(views);
    }
  });

  it('records an event once however often it is given', () => {
    const stored = blank();
    const share = event({ type: 'share', channel: 'x' } as Partial<WireEvent>);
    recordEvent(stored, share, DEFAULT_MODEL);
    recordEvent(stored, share, DEFAULT_MODEL);
    expect(stored.queue).toHaveLength(1);
    expect(stored.states['/a']?.shares).toBe(1);
    expect(stored.readers?.[utcDay(NOW)]?.shares).toBe(1);
  });
});

describe('recordEvent: the reader state', () => {
  it('folds each event into its UTC day, in the same change as the content state', () => {
    const stored = blank();
    const midnight = utcDay(NOW) * DAY_MS;
    recordEvent(stored, event({ content: '/a', ts: midnight - 1 }), DEFAULT_MODEL);
    recordEvent(stored, event({ content: '/b', ts: midnight }), DEFAULT_MODEL);
    recordEvent(
      stored,
      event({ type: 'engage', ms: 600_000, ts: midnight + 1 } as Partial<WireEvent>),
      DEFAULT_MODEL,
    );
    recordEvent(
      stored,
      event({ type: 'feedback', rating: 5, ts: midnight + 2 } as Partial<WireEvent>),
      DEFAULT_MODEL,
    );
    expect(Object.keys(stored.readers ?? {}).map(Number)).toEqual([utcDay(NOW) - 1, utcDay(NOW)]);
    expect(stored.readers?.[utcDay(NOW)]).toMatchObject({
      days: [utcDay(NOW)],
      views: 1,
      engagedMs: 600_000,
    });
    expect(stored.states['/a']?.rating).toEqual([midnight + 2, 5]);
    // Two days (monthly +10), two contents (+20), 10 minutes (+5), rated 5 (promoter +25).
    expect(readerScore(stored)).toMatchObject({
      raw: 60,
      band: 'medium',
      signals: { monthly: 10, breadth: 20, depth: 5, promoter: 25 },
    });
  });

  it('survives the bound on contents: dropping an old content state changes no reader score', () => {
    const stored = blank();
    for (let i = 0; i < 5; i++) recordEvent(stored, event({ content: `/c${i}`, ts: NOW + i }), DEFAULT_MODEL);
    const before = readerScore(stored, NOW + 5);
    // Contents beyond the bound, on the same model that has breadth capped at 5.
    for (let i = 5; i < MAX_CONTENTS + 5; i++) {
      recordEvent(
        stored,
        event({ type: 'custom', name: 'x', content: `/c${i}`, ts: NOW + i } as Partial<WireEvent>),
        DEFAULT_MODEL,
      );
    }
    expect(stored.states['/c0']).toBeUndefined();
    expect(readerScore(stored, NOW + MAX_CONTENTS + 5)).toEqual(before);
    expect(stored.readers?.[utcDay(NOW)]?.custom).toEqual({ x: MAX_CONTENTS });
  });

  it('keeps the 200-content bound from touching the reader breadth', () => {
    const model = {
      ...DEFAULT_READER_MODEL,
      signals: { breadth: { measure: 'contents', points: 1 } },
    } as Model;
    const stored = blank();
    for (let i = 0; i < MAX_CONTENTS + 20; i++)
      recordEvent(stored, event({ content: `/c${i}`, ts: NOW + i }), DEFAULT_MODEL, model);
    expect(Object.keys(stored.states)).toHaveLength(MAX_CONTENTS);
    expect(readerScore(stored, NOW, model).raw).toBe(MAX_CONTENTS + 20);
  });

  it("drops the days before the reader model's window, at the UTC day boundary", () => {
    const stored = blank();
    const today = utcDay(NOW);
    const windowDays = DEFAULT_READER_MODEL.windowDays;
    // The first day of a window ending today, its last millisecond before, and today.
    recordEvent(stored, event({ ts: (today - windowDays) * DAY_MS + DAY_MS - 1 }), DEFAULT_MODEL);
    recordEvent(stored, event({ ts: (today - windowDays + 1) * DAY_MS }), DEFAULT_MODEL);
    recordEvent(stored, event({ ts: today * DAY_MS }), DEFAULT_MODEL);
    expect(Object.keys(stored.readers ?? {}).map(Number)).toEqual([today - windowDays + 1, today]);
    // Tomorrow's first event leaves the window's first day behind.
    recordEvent(stored, event({ ts: (today + 1) * DAY_MS }), DEFAULT_MODEL);
    expect(Object.keys(stored.readers ?? {}).map(Number)).toEqual([today, today + 1]);
  });

  it("follows the reader model's window, not the content model's", () => {
    const stored = blank();
    const week = { ...DEFAULT_READER_MODEL, windowDays: 7 };
    recordEvent(stored, event({ ts: NOW - 7 * DAY_MS }), DEFAULT_MODEL, week);
    recordEvent(stored, event({ ts: NOW - 6 * DAY_MS }), DEFAULT_MODEL, week);
    recordEvent(stored, event({ ts: NOW }), DEFAULT_MODEL, week);
    expect(Object.keys(stored.readers ?? {}).map(Number)).toEqual([utcDay(NOW) - 6, utcDay(NOW)]);
    expect(Object.keys(stored.states)).toEqual(['/a']);
  });
});

describe('recordEvent: the content states against the collector', () => {
  /** A gap between two events: within a session, between sessions, or longer than the window. */
  const gapArbitrary = fc.oneof(
    fc.integer({ min: 0, max: 60_000 }),
    fc.integer({ min: SESSION_TIMEOUT_MS, max: DAY_MS }),
    fc.integer({ min: DEFAULT_MODEL.windowDays * DAY_MS + 1, max: 2 * DEFAULT_MODEL.windowDays * DAY_MS }),
  );
  const stepOf = (gap: fc.Arbitrary<number>) =>
    fc.record({
      gap,
      content: fc.constantFrom('/a', '/b', '/c'),
      type: fc.constantFrom('view', 'engage', 'scroll', 'share', 'custom', 'feedback'),
      amount: fc.integer({ min: 0, max: 60_000 }),
    });
  const stepArbitrary = stepOf(gapArbitrary);
  /** The reader's window is whole days: gaps of days put events on either side of its first day. */
  const readerStepArbitrary = stepOf(fc.oneof(gapArbitrary, fc.integer({ min: DAY_MS, max: 8 * DAY_MS })));

  /** What each type carries beside the common fields, from one generated amount. */
  function fieldsOf(type: string, amount: number): object {
    if (type === 'engage') return { ms: amount };
    if (type === 'scroll') return { depth: amount / 60_000 };
    if (type === 'custom') return { name: 'comment' };
    return type === 'feedback' ? { rating: 1 + (amount % 5) } : {};
  }

  it('equals fold over the window for every content, while no run of activity crosses its start', () => {
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 25 }), (steps) => {
        const stored = blank();
        const recorded: WireEvent[] = [];
        let ts = NOW;
        for (const { gap, content, type, amount } of steps) {
          ts += gap;
          const recordedEvent = event({ content, type, ts, ...fieldsOf(type, amount) } as Partial<WireEvent>);
          recordEvent(stored, recordedEvent, DEFAULT_MODEL);
          recorded.push(recordedEvent);
        }
        // 25 events a day apart at most span less than the 30-day window: only a longer gap
        // can put events before its start, and the page then starts the content afresh.
        for (const content of ['/a', '/b', '/c']) {
          const events = recorded.filter((recordedEvent) => recordedEvent.content === content);
          const collector = fold(emptyState(), events, { now: ts, windowDays: DEFAULT_MODEL.windowDays });
          const local = stored.states[content];
          if (collector.first === null)
            expect(local === undefined || !isCurrent(local, ts, DEFAULT_MODEL)).toBe(true);
          else expect(local).toEqual(collector);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("keeps the reader state of the collector's window, whole UTC days, whatever the gaps", () => {
    fc.assert(
      fc.property(fc.array(readerStepArbitrary, { minLength: 1, maxLength: 25 }), (steps) => {
        const stored = blank();
        const recorded: WireEvent[] = [];
        let ts = NOW;
        for (const { gap, content, type, amount } of steps) {
          ts += gap;
          const recordedEvent = event({ content, type, ts, ...fieldsOf(type, amount) } as Partial<WireEvent>);
          recordEvent(stored, recordedEvent, DEFAULT_MODEL);
          recorded.push(recordedEvent);
        }
        const today = utcDay(ts);
        const first = today - DEFAULT_READER_MODEL.windowDays + 1;
        const inWindow = recorded.filter((recordedEvent) => utcDay(recordedEvent.ts) >= first);
        const days = Object.entries(stored.readers ?? {}).map(([day, state]) => ({ day: +day, state }));
        const local = readerWindow(days, today, DEFAULT_READER_MODEL.windowDays);
        expect(local).toEqual(foldReader(emptyReader(), inWindow));
      }),
      { numRuns: 300 },
    );
  });
});
