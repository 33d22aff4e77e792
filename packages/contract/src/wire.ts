/**
 * The wire format of `POST /v1/events` (DESIGN.md, "Wire format"), as types
 * shared by the SDK that sends it and the collector that validates it. Types
 * only: nothing here reaches a bundle.
 */

interface EventBase {
  /** UUID made when the event is created; delivery is idempotent on it. */
  id: string;
  /** Content id: canonical path, `data-content`, or `location.pathname`. */
  content: string;
  session: string;
  /** Client clock, ms since the epoch; the collector corrects it with `sent_at`. */
  ts: number;
}

export interface ViewEvent extends EventBase {
  type: 'view';
  title?: string;
  url?: string;
  referrer?: string;
  section?: string;
  author?: string;
}

export interface EngageEvent extends EventBase {
  type: 'engage';
  ms: number;
}

export interface ScrollEvent extends EventBase {
  type: 'scroll';
  depth: number;
}

export interface ShareEvent extends EventBase {
  type: 'share';
  channel: string;
}

export interface CustomWireEvent extends EventBase {
  type: 'custom';
  name: string;
  props?: Record<string, string | number | boolean | null>;
}

/** The reader's rating of the content (DESIGN.md, "Feedback"); a later one replaces it. */
export interface FeedbackEvent extends EventBase {
  type: 'feedback';
  /** An integer from 1 ("not worth my time") to 5 ("very worth it"). */
  rating: number;
}

export type WireEvent = ViewEvent | EngageEvent | ScrollEvent | ShareEvent | CustomWireEvent | FeedbackEvent;

export interface Envelope {
  site: string;
  visitor: string;
  /** Client clock when the batch was sent. */
  sent_at: number;
  events: WireEvent[];
  /** Events the SDK's bounded queue had to drop since the last batch. */
  dropped?: number;
}

/** `202` body of `POST /v1/events`. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; issues: { path: string; message: string }[] }[];
}
