/**
 * What recording one event does to the stored record: the transition that
 * runs inside the store's transaction. Pure, so it is tested without a browser.
 */
import {
  emptyReader,
  emptyState,
  merge,
  mergeReaders,
  readerStateOf,
  readerWindowStart,
  stateOf,
  utcDay,
  windowStart,
  type EngagementState,
  type Model,
} from '@dwell/score';
import type { WireEvent } from '@dwell/contract';
import type { Session, Stored } from './store.js';
import { uuid } from './uuid.js';

/** The queue keeps at most this many events; the oldest go first (issue #3). */
export const QUEUE_LIMIT = 1_000;

/** The store keeps the states of at most this many contents, the most recently active (issue #3). */
export const MAX_CONTENTS = 200;

/** How many recorded event ids the store remembers, to record an event replayed after a crash once. */
export const RECENT_IDS = 100;

/**
 * The session that activity at `now` belongs to: `session`, or a new one once
 * the model's session timeout (DESIGN.md, "Session": 30 minutes by default)
 * passed without activity.
 */
export function touchSession(session: Session | undefined, now: number, model: Model): Session {
  return session && now - session.last < model.sessionTimeoutMinutes * 60_000
    ? { id: session.id, last: Math.max(now, session.last) }
    : { id: uuid(), last: now };
}

/**
 * Whether a content's state has its last event inside the model's window
 * ending at `now`. Once it has not, the collector's window (`fold`: events
 * from `now − windowDays`, inclusive) holds none of the state's events, so
 * the page must not count them either: a reader back after a month starts
 * the content afresh, as the collector does.
 */
export function isCurrent(
  state: EngagementState | undefined,
  now: number,
  model: Model,
): state is EngagementState {
  return (state?.last ?? -Infinity) >= windowStart({ now, windowDays: model.windowDays });
}

/**
 * Records an event, once however often it is given: it joins the session in
 * the store (tabs share it), the bounded queue, its content's state (afresh
 * if the old one is no longer `isCurrent`) and its UTC day's reader state;
 * contents whose last event left the window, and beyond the `MAX_CONTENTS`
 * most recent, are forgotten, and so are the days before the reader model's
 * window.
 */
export function recordEvent(stored: Stored, event: WireEvent, model: Model, readerModel: Model): void {
  const recent = stored.recent ?? [];
  if (recent.includes(event.id)) return;
  stored.recent = recent.concat(event.id).slice(-RECENT_IDS);
  stored.session = touchSession(stored.session, event.ts, model);
  event.session = stored.session.id;
  const queue = stored.queue.concat(event);
  const over = Math.max(0, queue.length - QUEUE_LIMIT);
  stored.queue = queue.slice(over);
  stored.dropped += over;
  const previous = stored.states[event.content];
  const states = {
    ...stored.states,
    [event.content]: merge(isCurrent(previous, event.ts, model) ? previous : emptyState(), stateOf(event)),
  };
  stored.states = Object.fromEntries(
    Object.entries(states)
      .filter(([, state]) => isCurrent(state, event.ts, model))
      .sort(([, a], [, b]) => (b.last ?? 0) - (a.last ?? 0))
      .slice(0, MAX_CONTENTS),
  );
  const day = utcDay(event.ts);
  const readers = {
    ...stored.readers,
    [day]: mergeReaders([stored.readers?.[day] ?? emptyReader(), readerStateOf(event)]),
  };
  const first = readerWindowStart(day, readerModel.windowDays);
  stored.readers = Object.fromEntries(Object.entries(readers).filter(([key]) => +key >= first));
}
