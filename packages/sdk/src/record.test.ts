import { DEFAULT_MODEL } from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import { describe, expect, it } from 'vitest';
import { MAX_CONTENTS, QUEUE_LIMIT, recordEvent, touchSession } from './record.js';

const SESSION_TIMEOUT_MS = DEFAULT_MODEL.sessionTimeoutMinutes * 60_000;
import type { Stored } from './store.js';

const NOW = Date.UTC(2026, 10, 22, 12);
const blank = (): Stored => ({ queue: [], dropped: 0, states: {} });

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

  it('records an event once however often it is given', () => {
    const stored = blank();
    const share = event({ type: 'share', channel: 'x' } as Partial<WireEvent>);
    recordEvent(stored, share, DEFAULT_MODEL);
    recordEvent(stored, share, DEFAULT_MODEL);
    expect(stored.queue).toHaveLength(1);
    expect(stored.states['/a']?.shares).toBe(1);
  });
});
