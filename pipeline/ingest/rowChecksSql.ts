import { sqlString } from '../db/Duck.js';
import type { ColumnSpec, RowReason, TableSpec } from '../standard/schema.js';

/** SQL identifier for a column name of the standard (lower-case names, quoted all the same). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// The value grammars of section 2 (regexp_full_match anchors them).
const UPRN = '[1-9][0-9]{0,11}';
const INTEGER = '-?[0-9]+';
const NUMBER = '-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)';
const DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}';

function failure(reason: RowReason, column: string | null): string {
  return `{'reason': ${sqlString(reason)}, 'col': ${column === null ? 'NULL::VARCHAR' : sqlString(column)}}`;
}

/** The condition under which a present (non-null) value of `column` fails its value check, and the reason. */
function valueChecks(column: ColumnSpec, extractDate: string): Array<[string, RowReason]> {
  const v = ident(column.name);
  switch (column.type) {
    case 'uprn':
      return [[`NOT regexp_full_match(${v}, '${UPRN}')`, 'malformed_uprn']];
    case 'integer': {
      // Beyond BIGINT cannot be stored: an out-of-range integer.
      const bad = [`NOT regexp_full_match(${v}, '${INTEGER}')`, `try_cast(${v} AS BIGINT) IS NULL`];
      if (column.min !== undefined) bad.push(`try_cast(${v} AS BIGINT) < ${column.min}`);
      if (column.exclusiveMin !== undefined) bad.push(`try_cast(${v} AS BIGINT) <= ${column.exclusiveMin}`);
      return [[bad.join(' OR '), 'invalid_number']];
    }
    case 'number': {
      const bad = [`NOT regexp_full_match(${v}, '${NUMBER}')`, `NOT isfinite(try_cast(${v} AS DOUBLE))`];
      if (column.min !== undefined) bad.push(`try_cast(${v} AS DOUBLE) < ${column.min}`);
      if (column.exclusiveMin !== undefined) bad.push(`try_cast(${v} AS DOUBLE) <= ${column.exclusiveMin}`);
      return [[bad.join(' OR '), 'invalid_number']];
    }
    case 'date': {
      const checks: Array<[string, RowReason]> = [
        [`NOT regexp_full_match(${v}, '${DATE}') OR try_cast(${v} AS DATE) IS NULL`, 'bad_date'],
      ];
      if (column.futureAllowed !== true) checks.push([`try_cast(${v} AS DATE) > DATE ${sqlString(extractDate)}`, 'future_date']);
      return checks;
    }
    case 'boolean':
      return [[`${v} NOT IN ('true', 'false')`, 'bad_boolean']];
    case 'enum':
      return [[`${v} NOT IN (${(column.values ?? []).map(sqlString).join(', ')})`, 'unknown_enum']];
    case 'text':
    case 'pseudonym':
      return [];
  }
}

/**
 * A SQL expression giving the first failing row check of section 4.2 steps
 * 1-4 as `{reason, col}` (NULL when the row passes them): malformed_row,
 * null_uprn, missing_value, then the value checks column by column in the
 * order of the table in the standard. It reads `__fields` (the record's field
 * count) and one VARCHAR column per standard column, named as in the
 * standard; columns absent from the header are not checked.
 *
 * @example
 *   const sql = firstFailureSql(schema.table('licences'), new Set(['uprn', ...]), 7, '2026-09-30');
 */
export function firstFailureSql(spec: TableSpec, present: ReadonlySet<string>, headerFields: number, extractDate: string): string {
  const whens: string[] = [`WHEN __fields <> ${headerFields} THEN ${failure('malformed_row', null)}`];
  const uprn = spec.columns.find((c) => c.name === 'uprn');
  if (uprn?.nullable === true) whens.push(`WHEN uprn IS NULL THEN ${failure('null_uprn', 'uprn')}`);
  for (const column of spec.columns) {
    if (column.required && column.nullable !== true) whens.push(`WHEN ${ident(column.name)} IS NULL THEN ${failure('missing_value', column.name)}`);
  }
  for (const column of spec.columns) {
    if (!present.has(column.name)) continue;
    for (const [condition, reason] of valueChecks(column, extractDate)) {
      whens.push(`WHEN ${ident(column.name)} IS NOT NULL AND (${condition}) THEN ${failure(reason, column.name)}`);
    }
  }
  return `CASE ${whens.join('\n  ')} END`;
}

/** The SQL cast of an accepted VARCHAR value to the column's typed form (see duckType). */
export function typedValueSql(column: ColumnSpec, present: boolean, duckTypeName: string): string {
  if (!present) return `CAST(NULL AS ${duckTypeName}) AS ${ident(column.name)}`;
  return `CAST(${ident(column.name)} AS ${duckTypeName}) AS ${ident(column.name)}`;
}
