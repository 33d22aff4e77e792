/**
 * The SQL the reader queries of every store share, over placeholders of the
 * store's own form (`:from`, `$2`).
 */

/**
 * The rows of `alias` that are their readers' latest in the days `from`–`to`:
 * in the range, and next active after it or never (`next_day` in `readerDays.ts`).
 */
export function latestInSql(alias: string, from: string, to: string): string {
  return `${alias}.day BETWEEN ${from} AND ${to} AND (${alias}.next_day IS NULL OR ${alias}.next_day > ${to})`;
}

/**
 * A band's rank: `CASE band WHEN 'low' THEN 0 WHEN 'medium' THEN 1 … END`
 * over the model's bands, lowest first, with the names as bound parameters.
 * What "a reader's band fell" compares.
 */
export function bandRankSql(
  column: string,
  bandsLowFirst: readonly string[],
  placeholder: (index: number) => string,
): string {
  if (!bandsLowFirst.length) return '0';
  const whens = bandsLowFirst.map((_, rank) => `WHEN ${placeholder(rank)} THEN ${rank}`);
  return `(CASE ${column} ${whens.join(' ')} ELSE -1 END)`;
}
