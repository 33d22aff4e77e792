/**
 * The read API's answers (DESIGN.md, "Read API"), as the collector builds
 * them and the dashboard reads them. Types only.
 */
import type { ModelSignal } from './review.js';

/** A content and its metadata, as read from its latest view. */
export interface ContentRef {
  content: string;
  title: string | null;
  url: string | null;
  section: string | null;
  author: string | null;
}

/** An item of the ranked content list (`GET /v1/sites/:site/content`). */
export interface ContentItem extends ContentRef {
  /** Mean score of the readers in the range, 0–100. */
  score: number;
  /** Band of the mean score. */
  band: string;
  /** The 95% interval of the mean score. */
  low: number;
  high: number;
  readers: number;
  views: number;
  engaged_ms_avg: number;
  shares: number;
  /** Share of the readers who viewed it in more than one session. */
  repeat_rate: number;
  /** Readers by band; every band of the model is present. */
  bands: Record<string, number>;
  /**
   * The loyalty of its readers: the mean reader score (0–100) of the readers
   * in the range, each as of their latest activity on it; `null` without readers.
   */
  audience: number | null;
  /** The readers' ratings of it, each reader's latest. */
  ratings: RatingSummary;
}

/** Ratings of a content (DESIGN.md, "Feedback"). */
export interface RatingSummary {
  count: number;
  /** Total ÷ count, to two decimals; `null` without ratings. */
  mean: number | null;
  /** How many readers gave 1, 2, 3, 4 and 5: `distribution[rating - 1]`. */
  distribution: [number, number, number, number, number];
}

export interface ContentList {
  from: string;
  to: string;
  items: ContentItem[];
}

export interface ContentDetail extends ContentItem {
  from: string;
  to: string;
  series: {
    day: string;
    views: number;
    readers: number;
    score: number;
    engaged_ms: number;
    shares: number;
  }[];
}

export interface Overview {
  from: string;
  to: string;
  score: number;
  low: number;
  high: number;
  band: string;
  bands: Record<string, number>;
  contents: number;
  visitors: number;
  readers: number;
  views: number;
  shares: number;
  engaged_ms_avg: number;
  series: {
    day: string;
    visitors: number;
    readers: number;
    views: number;
    score: number;
    bands: Record<string, number>;
  }[];
}

/** A content whose score fell (`GET /v1/sites/:site/drops`). */
export interface Drop extends ContentRef {
  score: number;
  previous_score: number;
  drop: number;
  readers: number;
  previous_readers: number;
  band: string;
  significant: boolean;
}

export interface Drops {
  previous_from: string;
  previous_to: string;
  items: Drop[];
}

export interface Signals {
  readers: number;
  signals: { signal: string; points: number; score_points: number; readers: number }[];
}

export interface ModelInfo {
  version: string;
  model: {
    max: number;
    windowDays: number;
    bands: Record<string, { min: number; label: string }>;
    signals?: Record<string, ModelSignal>;
  };
  /** The reader model (`GET /v1/sites/:site/model`). */
  reader?: ModelInfo;
}

/** `GET /v1/sites/:site/visitors/:visitor/score` without `content`: the authoritative reader score. */
export interface ReaderScore {
  site: string;
  visitor: string;
  score: number;
  raw: number;
  band: string;
  /** Version of the reader model. */
  model: string;
  signals: Record<string, number>;
  active_days: number;
  contents: number;
  engaged_ms: number;
  /** Mean of the reader's latest rating of each content; `null` without ratings. */
  rating_mean: number | null;
  /** The reader's latest activity (ISO time); `null` when none is in the window. */
  last_seen: string | null;
}

/** A reader whose band fell against the previous period (`Readers.at_risk`). */
export interface AtRiskReader {
  visitor: string;
  previous_score: number;
  previous_band: string;
  /** 0 and the lowest band when the reader is gone (no activity in the range). */
  score: number;
  band: string;
  /** previous_score − score. */
  fall: number;
  /** Day of the latest activity, `YYYY-MM-DD`. */
  last_seen: string;
}

/** `GET /v1/sites/:site/readers`: reader segments in a range. */
export interface Readers {
  /** Version of the reader model. */
  model: string;
  from: string;
  to: string;
  /** Readers active in the range. */
  readers: number;
  /** Readers by band, each scored as of their latest activity in the range; every band is present. */
  bands: Record<string, number>;
  /** Readers active each day, by their band as of that day. */
  series: { day: string; readers: number; bands: Record<string, number> }[];
  /** Against the previous period of the same length: readers of both periods whose band rose, stayed or fell, and readers new or gone. */
  movement: { up: number; same: number; down: number; new: number; gone: number };
  /** Readers high or medium in the previous period and lower or gone now, largest fall first. */
  at_risk: AtRiskReader[];
}
