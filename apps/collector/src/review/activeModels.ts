/**
 * Which models a site scores with, from the models it applied (newest first,
 * `store/siteModels.ts`) and the ones `DWELL_CONFIG` gives: a start applies
 * the config's model of a kind when it differs from the one the config gave
 * last time (the operator changed the file), and otherwise keeps the newest
 * applied one (perhaps through `PUT /model`). Pure: the caller reads and
 * records.
 */
import { modelVersion, type Model } from '@dwell/score';
import type { ModelKind, ModelSource, StoredModel } from '../store/siteModels.js';

/** A site's content model and reader model. */
export interface SiteModels {
  model: Model;
  reader: Model;
}

const KINDS = ['content', 'reader'] as const satisfies readonly ModelKind[];

function ofKind(models: SiteModels, kind: ModelKind): Model {
  return kind === 'content' ? models.model : models.reader;
}

/** The entry that records `model` of `kind` as applied to `site` now. */
export function appliedEntry(
  site: string,
  kind: ModelKind,
  model: Model,
  source: ModelSource,
  now: number,
): StoredModel {
  return { site, kind, version: modelVersion(model), model, source, appliedAt: now };
}

/** The newest applied model of each kind, else the fallback's. */
export function activeModels(history: readonly StoredModel[], fallback: SiteModels): SiteModels {
  const newest = (kind: ModelKind) => history.find((entry) => entry.kind === kind)?.model;
  return { model: newest('content') ?? fallback.model, reader: newest('reader') ?? fallback.reader };
}

/** The models a site starts with, and the config's models to record as applied now. */
export function modelsAtStart(
  site: string,
  configured: SiteModels,
  history: readonly StoredModel[],
  now: number,
): { active: SiteModels; record: StoredModel[] } {
  const record = KINDS.filter((kind) => {
    const lastFromConfig = history.find((entry) => entry.kind === kind && entry.source === 'config');
    return lastFromConfig?.version !== modelVersion(ofKind(configured, kind));
  }).map((kind) => appliedEntry(site, kind, ofKind(configured, kind), 'config', now));
  return { active: activeModels([...record, ...history], configured), record };
}

/** The entries that apply `candidate` over `current`: only the kinds whose version changes. */
export function changedEntries(
  site: string,
  current: SiteModels,
  candidate: Partial<SiteModels>,
  now: number,
): StoredModel[] {
  return KINDS.flatMap((kind) => {
    const next = kind === 'content' ? candidate.model : candidate.reader;
    if (!next || modelVersion(next) === modelVersion(ofKind(current, kind))) return [];
    return [appliedEntry(site, kind, next, 'api', now)];
  });
}
