/**
 * The models a materializer folds with: each site's latest of each kind in
 * `site_models`, which every collector records at start and on `PUT /model`
 * (`../../review/modelChanges.ts`), read again every `MODEL_POLL_MS`. A site
 * with none is scored with the defaults, as the collectors score it.
 */
import type pg from 'pg';
import { DEFAULT_MODEL, DEFAULT_READER_MODEL, modelVersion, type Model } from '@dwell/score';
import type { FoldModels } from '../engine/foldPlan.js';
import { useReaderModels } from '../postgres/readerModels.js';
import { transaction } from '../postgres/pool.js';

/** How often a materializer reads the applied models, ms. */
export const MODEL_POLL_MS = 1_000;

const LATEST = `
  SELECT DISTINCT ON (site, kind) site, kind, model FROM site_models ORDER BY site, kind, seq DESC`;

export class StoredModels implements FoldModels {
  readonly #content = new Map<string, Model>();
  readonly #reader = new Map<string, Model>();
  #readerVersions = '';

  // Arrow functions: the fold passes them on unbound.
  readonly content = (site: string): Model => this.#content.get(site) ?? DEFAULT_MODEL;
  readonly reader = (site: string): Model => this.#reader.get(site) ?? DEFAULT_READER_MODEL;
  readonly sites = (): Iterable<string> => this.#reader.keys();

  /**
   * Reads the latest models; when a reader model changed, scores that
   * site's reader rows again (`useReaderModels`: once, whichever process
   * gets there first) before the next folds use it.
   */
  async poll(pool: pg.Pool): Promise<void> {
    const { rows } = await pool.query<{ site: string; kind: string; model: string }>(LATEST);
    const reader = new Map<string, Model>();
    for (const row of rows) {
      const model = JSON.parse(row.model) as Model;
      if (row.kind === 'content') this.#content.set(row.site, model);
      else reader.set(row.site, model);
    }
    const versions = [...reader].map(([site, model]) => `${site}:${modelVersion(model)}`).join(',');
    if (versions === this.#readerVersions) return;
    await transaction(pool, (client) => useReaderModels(client, reader.keys(), (site) => reader.get(site)!));
    for (const [site, model] of reader) this.#reader.set(site, model);
    this.#readerVersions = versions;
  }
}
