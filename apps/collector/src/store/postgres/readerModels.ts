/**
 * Re-scoring a site's reader views when its reader model is not the one they
 * were scored with (`reader_models`): every `reader_days` row, the band
 * counts, and the audience the contents keep of them.
 */
import type pg from 'pg';
import { modelVersion, type Model } from '@dwell/score';
import { ReaderBandDeltas } from '../engine/readerBandDeltas.js';
import { rescoreSiteReaders, type ReaderDayRow } from '../engine/readerDays.js';
import { SITE_NAMESPACE } from './locks.js';
import { dropPeriods } from './readerPeriods.js';
import { dayRecordOf, flushBands, writeDays, type ReaderDayRecord } from './readers.js';

/**
 * Scores every reader row of the sites whose reader model is not known to be
 * the one they were scored with (no row is not knowing: after a rebuild the
 * rows are gone, and scoring once more is only redundant), and records the
 * version: under the site's row lock of `reader_models`, so one collector
 * does it. The materializer calls it when its reader models change
 * (`materializer.ts`), not in every fold.
 */
export async function useReaderModels(
  client: pg.PoolClient,
  sites: Iterable<string>,
  readerModelOf: (site: string) => Model,
): Promise<void> {
  const wanted = [...new Set(sites)].sort();
  if (!wanted.length) return;
  // Without a lock first: collectors starting together find it done.
  const { rows } = await client.query<{ site: string; version: string }>(
    'SELECT site, version FROM reader_models WHERE site = ANY($1)',
    [wanted],
  );
  const stored = new Map(rows.map((row) => [row.site, row.version]));
  for (const site of wanted) {
    const model = readerModelOf(site);
    const version = modelVersion(model);
    if (stored.get(site) === version) continue;
    const locked = await client.query<{ version: string }>(
      'SELECT version FROM reader_models WHERE site = $1 FOR UPDATE',
      [site],
    );
    const current = locked.rows[0]?.version;
    if (current === version) continue;
    await rescoreSite(client, site, model);
    await client.query(
      'INSERT INTO reader_models (site, version) VALUES ($1, $2) ON CONFLICT (site) DO UPDATE SET version = excluded.version',
      [site, version],
    );
  }
}

async function rescoreSite(client: pg.PoolClient, site: string, model: Model): Promise<void> {
  // Alone on the site: folds hold its lock shared while they add to its aggregates.
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SITE_NAMESPACE, site]);
  await client.query('DELETE FROM reader_day_bands WHERE site = $1', [site]);
  await dropPeriods(client, site);
  const { rows } = await client.query<ReaderDayRow & { visitor: string }>(
    'SELECT visitor, day, state, score_x10, band, next_day FROM reader_days WHERE site = $1 ORDER BY visitor, day',
    [site],
  );
  const bands = new ReaderBandDeltas();
  const writes: ReaderDayRecord[] = rescoreSiteReaders(site, rows, model, bands).flatMap(
    ({ visitor, days }) => days.map((day) => dayRecordOf(site, visitor, day)),
  );
  await writeDays(client, writes);
  await flushBands(client, bands);
  // Every content's audience from the new scores, the way the fold keeps it.
  await client.query(
    `UPDATE readers r SET audience_x10 = d.score_x10 FROM reader_days d
     WHERE r.site = $1 AND d.site = r.site AND d.visitor = r.visitor AND d.day = r.last_day AND r.audience_x10 <> d.score_x10`,
    [site],
  );
  await client.query(
    `UPDATE content_day_bands b SET audience_x10 = coalesce(
       (SELECT sum(r.audience_x10) FROM readers r
        WHERE r.site = b.site AND r.content = b.content AND r.last_day = b.day AND r.band = b.band), 0)
     WHERE b.site = $1`,
    [site],
  );
}
