/**
 * Which aggregates answer a content read, decided once for both stores:
 * the default range (the model window ending today) is summed already in
 * `content_live`; any other range ending today is summed from `content_days`;
 * a range ending before today takes its event sums from `content_days` but
 * its readers from the stored daily states, as of the range's end
 * (`readerHistory.ts`). Each store supplies only the queries.
 */
import { dayOf } from '../../days.js';
import type { Awaitable } from './async.js';
import { withReaders } from './readerHistory.js';
import type { ContentDetails, ContentQuery, ContentTotals, Store } from '../store.js';

export type TotalsQuery = ContentQuery & { content?: string };

/** What a store provides to `contentReads`. */
export interface ContentSource {
  /** Makes `content_live` sum the site's days from `fromDay` on. */
  ensureLive(site: string, fromDay: number): Awaitable<void>;
  /** Totals from `content_live` as it is, or summed from `content_days` over the range. */
  totals(table: 'live' | 'days', query: TotalsQuery): Awaitable<ContentTotals[]>;
  /** Metadata, and bands summed from `content_day_bands` over the range. */
  details(query: ContentQuery, contents: readonly string[]): Awaitable<Map<string, ContentDetails>>;
  /** Past ranges: the readers as of the range's end (all contents when `contents` is omitted). */
  history: {
    readerTotals(query: ContentQuery, contents?: readonly string[]): Promise<Map<string, ContentTotals>>;
    bands(query: ContentQuery, contents: readonly string[]): Promise<Map<string, ContentDetails['bands']>>;
  };
}

export type ContentReads = Pick<Store, 'contentTotals' | 'contentDetails'>;

export function contentReads(source: ContentSource): ContentReads {
  return {
    async contentTotals(query: TotalsQuery): Promise<ContentTotals[]> {
      const today = dayOf(query.now);
      if (query.range.to >= today && query.range.from === today - query.model.windowDays + 1) {
        // The default range: the model window ending today, summed in content_live.
        await source.ensureLive(query.site, query.range.from);
        return source.totals('live', query);
      }
      const totals = await source.totals('days', query);
      if (query.range.to >= today) return totals;
      // A past range: the event sums stand, the readers are computed as of its end.
      const filtered =
        query.content !== undefined || query.section !== undefined || query.author !== undefined;
      const contents = filtered ? totals.map((entry) => entry.content) : undefined;
      return withReaders(totals, await source.history.readerTotals(query, contents));
    },

    async contentDetails(
      query: ContentQuery,
      contents: readonly string[],
    ): Promise<Map<string, ContentDetails>> {
      const details = await source.details(query, contents);
      if (query.range.to >= dayOf(query.now)) return details;
      const bands = await source.history.bands(query, contents);
      for (const [content, entry] of details) entry.bands = bands.get(content) ?? {};
      return details;
    },
  };
}
