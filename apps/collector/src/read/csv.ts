/**
 * The ranked list as CSV (RFC 4180: CRLF line ends, fields quoted when they
 * hold a comma, quote or line break). Titles, sections and authors come from
 * pages, so anyone can make them start with `=`, `+`, `-` or `@`, which a
 * spreadsheet would run as a formula: such text fields get a leading `'`
 * (OWASP's advice on CSV injection). Numbers are written as numbers.
 */
import type { ContentItem } from '@dwell/contract';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: text neutralised against formulas and quoted when needed. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS = [
  'rank',
  'content',
  'title',
  'url',
  'section',
  'author',
  'score',
  'low',
  'high',
  'band',
  'readers',
  'views',
  'engaged_ms_avg',
  'shares',
  'repeat_rate',
  'audience',
] as const;

/** The items in their order, one row each, with a column per band (`band_high`, …) and the ratings. */
export function itemsCsv(items: readonly ContentItem[], bandNames: readonly string[]): string {
  const header = [...COLUMNS, ...bandNames.map((name) => `band_${name}`), 'ratings', 'rating_mean'];
  const rows = items.map((item, index) =>
    [
      index + 1,
      ...COLUMNS.slice(1).map((column) => item[column as Exclude<(typeof COLUMNS)[number], 'rank'>]),
      ...bandNames.map((name) => item.bands[name] ?? 0),
      item.ratings.count,
      item.ratings.mean,
    ]
      .map(csvField)
      .join(','),
  );
  return [header.map(csvField).join(','), ...rows].join('\r\n') + '\r\n';
}
