export type { ErrorBody, Issue } from './issue.js';
export {
  MAX_BODY_BYTES,
  MAX_CONTENT_BYTES,
  MAX_CONTENT_LENGTH,
  MAX_EVENTS,
  MAX_ID_LENGTH,
} from './limits.js';
export type {
  AtRiskReader,
  ContentDetail,
  ContentItem,
  ContentList,
  ContentRef,
  Drop,
  Drops,
  ModelInfo,
  Overview,
  RatingSummary,
  Readers,
  ReaderScore,
  Signals,
} from './read.js';
export type {
  CustomWireEvent,
  EngageEvent,
  Envelope,
  FeedbackEvent,
  IngestResult,
  ScrollEvent,
  ShareEvent,
  ViewEvent,
  WireEvent,
} from './wire.js';
