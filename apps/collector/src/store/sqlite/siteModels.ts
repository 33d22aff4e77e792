/** SQLite's `site_models` (`../siteModels.ts`), in the log file: a rebuild of the views keeps it. */
import type Database from 'better-sqlite3';
import { storedModelOf, type SiteModelRow, type StoredModel } from '../siteModels.js';
import { unlessBusy } from './connection.js';

export function prepareSiteModels(log: Database.Database) {
  const select = log.prepare<[string], SiteModelRow>(
    'SELECT site, kind, version, model, source, applied_at FROM site_models WHERE site = ? ORDER BY seq DESC',
  );
  const insert = log.prepare(
    'INSERT INTO site_models (site, kind, version, model, source, applied_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return {
    history: (site: string): StoredModel[] => select.all(site).map(storedModelOf),
    record(entries: readonly StoredModel[]): void {
      // One transaction: a content and a reader model applied together are one change.
      unlessBusy(() =>
        log.transaction(() => {
          for (const entry of entries) {
            const { site, kind, version, model, source, appliedAt } = entry;
            insert.run(site, kind, version, JSON.stringify(model), source, appliedAt);
          }
        })(),
      );
    },
  };
}
