/** PostgreSQL's `site_models` (`../siteModels.ts`): what every collector of the database serves. */
import type pg from 'pg';
import { storedModelOf, type SiteModelRow, type StoredModel } from '../siteModels.js';

export function prepareSiteModels(pool: pg.Pool) {
  return {
    async history(site: string): Promise<StoredModel[]> {
      const { rows } = await pool.query<SiteModelRow>(
        'SELECT site, kind, version, model, source, applied_at FROM site_models WHERE site = $1 ORDER BY seq DESC',
        [site],
      );
      return rows.map(storedModelOf);
    },
    async record(entries: readonly StoredModel[]): Promise<void> {
      // One statement: a content and a reader model applied together are one change.
      await pool.query(
        `INSERT INTO site_models (site, kind, version, model, source, applied_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[])`,
        [
          entries.map((entry) => entry.site),
          entries.map((entry) => entry.kind),
          entries.map((entry) => entry.version),
          entries.map((entry) => JSON.stringify(entry.model)),
          entries.map((entry) => entry.source),
          entries.map((entry) => entry.appliedAt),
        ],
      );
    },
  };
}
