/**
 * A band's rank in SQL, the same in every store: `CASE band WHEN 'low' THEN 0
 * WHEN 'medium' THEN 1 … END` over the model's bands, lowest first, with the
 * names as bound parameters. What "a reader's band fell" compares.
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
