/**
 * Many rows as one statement parameter: the rows as one JSON text, read back
 * as a table by `json_to_recordset`, in the array's order. The alternative,
 * one array parameter per column, has node-postgres escape every element on
 * its own (`prepareValue` → `arrayString` → `escapeElement`): in the JetStream
 * materializer's profile that was 15% of its CPU, where `JSON.stringify` of
 * the same rows costs about a third. PostgreSQL parses `json` (not `jsonb`)
 * without rebuilding it, and keeps a nested value's text as it came, so an
 * object can go in whole to a `text` or `jsonb` column.
 */

/**
 * A statement's input columns, each with its PostgreSQL type, named as the
 * rows' keys; given `Row`, a name that is not one of its keys (which would
 * read as `NULL`) does not compile.
 */
export type RecordColumns<Row = Record<string, unknown>> = readonly (readonly [
  name: keyof Row & string,
  type: string,
])[];

/** `json_to_recordset($parameter::json) AS alias(name type, …)`: the rows of `recordParam` as a table. */
export function recordset(parameter: number, columns: RecordColumns, alias = 't'): string {
  const list = columns.map(([name, type]) => `${name} ${type}`).join(', ');
  return `json_to_recordset($${parameter}::json) AS ${alias}(${list})`;
}

/**
 * The parameter `recordset` reads: JSON text, since node-postgres would send
 * a JS array as a PostgreSQL array. A key the rows lack, or hold `undefined`
 * or `null` in, is SQL `NULL`.
 */
export function recordParam(rows: readonly object[]): string {
  return JSON.stringify(rows);
}
