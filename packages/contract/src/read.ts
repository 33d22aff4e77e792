/**
 * The read API's answers (DESIGN.md, "Read API"), as the collector builds
 * them and the dashboard reads them. Types only.
 */

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
  model: { max: number; windowDays: number; bands: Record<string, { min: number; label: string }> };
}
