/**
 * Ranges that end before today: each reader's score is that of its window as
 * it was at the end of the range, so it is computed from the stored daily
 * states (the live aggregates only know current scores). Slower — in
 * proportion to the states in the window — so it reads through its own
 * connection and yields to the event loop while it iterates, and ingest goes on.
 */
import type Database from 'better-sqlite3';
import type { EngagementState, Model } from '@dwell/score';
import { contributionOf, mergeDays, type Contribution, type DayState } from '../engagement.js';
import type { ContentDetails, ContentQuery, ContentTotals } from '../store.js';

/** Rows handled between two yields to the event loop. */
export const ROWS_PER_SLICE = 2_000;

interface StateRow {
  content: string;
  visitor: string;
  day: number;
  state: string;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Calls `onReader` with each reader active in the range and its contribution
 * as of the end of the range, from rows ordered by content and visitor.
 */
async function eachReader(
  rows: IterableIterator<StateRow>,
  query: ContentQuery,
  onReader: (content: string, contribution: Contribution) => void,
): Promise<void> {
  const { model, range } = query;
  let current: { content: string; visitor: string; days: DayState[] } | undefined;
  const finish = () => {
    if (!current) return;
    const active = current.days.some((row) => row.day >= range.from);
    const contribution = active ? readerAsOf(current.days, range.to, model) : null;
    if (contribution) onReader(current.content, contribution);
  };
  let count = 0;
  for (const row of rows) {
    if (!current || current.content !== row.content || current.visitor !== row.visitor) {
      finish();
      current = { content: row.content, visitor: row.visitor, days: [] };
    }
    current.days.push({ day: row.day, state: JSON.parse(row.state) as EngagementState });
    if (++count % ROWS_PER_SLICE === 0) await yieldToLoop();
  }
  finish();
}

/** A reader's contribution with the window that ends with day `to` (the rows end there too). */
function readerAsOf(days: DayState[], to: number, model: Model): Contribution | null {
  const state = mergeDays(days, to - model.windowDays + 1, to);
  return contributionOf(state, Math.max(...days.map((row) => row.day)), model);
}

export function prepareHistory(reader: Database.Database) {
  const selectAll = reader.prepare<[string, number, number], StateRow>(`
    SELECT content, visitor, day, state FROM visitor_days
    WHERE site = ? AND day BETWEEN ? AND ? ORDER BY content, visitor`);
  const selectSome = reader.prepare<[string, number, number, string], StateRow>(`
    SELECT content, visitor, day, state FROM visitor_days
    WHERE site = ? AND day BETWEEN ? AND ? AND content IN (SELECT value FROM json_each(?)) ORDER BY content, visitor`);

  function windowFrom(query: ContentQuery): number {
    return query.range.to - query.model.windowDays + 1;
  }

  return {
    /** Reader totals by content; the event sums come from the daily aggregates. */
    async readerTotals(
      query: ContentQuery,
      contents?: readonly string[],
    ): Promise<Map<string, ContentTotals>> {
      const totals = new Map<string, ContentTotals>();
      const add = (content: string, { scoreX10, repeat }: Contribution) => {
        let entry = totals.get(content);
        if (!entry) {
          entry = {
            content,
            readers: 0,
            scoreX10: 0,
            scoreSq: 0,
            repeaters: 0,
            views: 0,
            shares: 0,
            engagedMs: 0,
          };
          totals.set(content, entry);
        }
        entry.readers += 1;
        entry.scoreX10 += scoreX10;
        entry.scoreSq += scoreX10 * scoreX10;
        if (repeat) entry.repeaters += 1;
      };
      const { site, range } = query;
      const rows = contents
        ? selectSome.iterate(site, windowFrom(query), range.to, JSON.stringify(contents))
        : selectAll.iterate(site, windowFrom(query), range.to);
      await eachReader(rows, query, add);
      return totals;
    },

    /** Readers by band for some contents. */
    async bands(
      query: ContentQuery,
      contents: readonly string[],
    ): Promise<Map<string, ContentDetails['bands']>> {
      const bands = new Map<string, ContentDetails['bands']>(contents.map((content) => [content, {}]));
      const rows = selectSome.iterate(
        query.site,
        windowFrom(query),
        query.range.to,
        JSON.stringify(contents),
      );
      await eachReader(rows, query, (content, { band }) => {
        const counts = bands.get(content);
        if (counts) counts[band] = (counts[band] ?? 0) + 1;
      });
      return bands;
    },
  };
}
