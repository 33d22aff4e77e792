/**
 * The models each site has applied, kept by the store beside the log (a
 * rebuild of the views keeps them): the active content and reader models are
 * the latest of each kind, and the rest is their history (DESIGN.md, "Review
 * and adjust").
 */
import type { Model } from '@dwell/score';

/** What a model scores: one visitor's engagement with one content, or a reader's with the site. */
export type ModelKind = 'content' | 'reader';

/** Where an applied model came from: `DWELL_CONFIG` at a start, or `PUT /model`. */
export type ModelSource = 'config' | 'api';

export interface StoredModel {
  site: string;
  kind: ModelKind;
  /** `modelVersion(model)`. */
  version: string;
  model: Model;
  source: ModelSource;
  /** When it was applied, ms. */
  appliedAt: number;
}

/** A `site_models` row as both stores read it (the model as JSON). */
export interface SiteModelRow {
  site: string;
  kind: string;
  version: string;
  model: string;
  source: string;
  applied_at: number | string;
}

export function storedModelOf(row: SiteModelRow): StoredModel {
  return {
    site: row.site,
    kind: row.kind as ModelKind,
    version: row.version,
    model: JSON.parse(row.model) as Model,
    source: row.source as ModelSource,
    appliedAt: Number(row.applied_at),
  };
}
