import { sqlString } from '../db/Duck.js';
import { loadSchema, type ColumnSpec, type RowReason, type TableSpec } from '../standard/schema.js';

/** SQL identifier for a column name of the standard (lower-case names, quoted all the same). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

// The value grammars of section 2 (regexp_full_match anchors them).
const UPRN = '[1-9][0-9]{0,11}';
const INTEGER = '-?[0-9]+';
const NUMBER = '-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)';
/**
 * The date grammar YYYY-MM-DD restricted to real days of the proleptic
 * Gregorian calendar (isCalendarDate's rule, year 0000 a leap year): month
 * lengths, and 02-29 only in years divisible by 4 but not 100, or by 400.
 * One regexp instead of the grammar's and a cast to DATE (twice the cost);
 * it accepts exactly the text both accepted (checked over every year
 * 0000-9999 with months 00-13, days 00-32, and months/days 00-99 for 680 years).
 */
const CALENDAR_DATE =
  '(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))' +
  '|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)';
// The INTEGER and NUMBER grammars restricted to text above 0: no sign and
// some non-zero digit (in the integer part, or else in the fraction).
const POSITIVE_INTEGER = '0*[1-9][0-9]*';
const POSITIVE_NUMBER = '[0-9]*[1-9][0-9]*(\\.[0-9]*)?|0*\\.[0-9]*[1-9][0-9]*';
/** Longest text of the INTEGER grammar that always fits a BIGINT (18 digits, or a sign and 17). */
const BIGINT_SAFE_LENGTH = 18;
/** Longest text of the NUMBER grammar whose double is surely finite (fewer than 309 integer digits). */
const DOUBLE_SAFE_LENGTH = 300;

/**
 * A row's verdict as one small integer (cheaper for DuckDB than a struct):
 * 100 × (1 + the reason's index in the standard's list) + (1 + the column's
 * index in the table, or 0 for a reason about the whole row).
 */
export function verdictCode(spec: TableSpec, reason: RowReason, column: string | null): number {
  const reasonIndex = loadSchema().rowReasons.indexOf(reason);
  const columnIndex = column === null ? -1 : spec.columns.findIndex((c) => c.name === column);
  if (reasonIndex < 0 || (column !== null && columnIndex < 0)) throw new Error(`No verdict code for ${reason} on ${spec.name}.${column}`);
  return 100 * (reasonIndex + 1) + columnIndex + 1;
}

/** SQL giving the reason name (VARCHAR) of a verdict code expression. */
export function verdictReasonSql(code: string): string {
  return `([${loadSchema().rowReasons.map(sqlString).join(', ')}])[${code} // 100]`;
}

/**
 * SQL true when the decimal text `v` (already of the integer or number
 * grammar) is at least `bound` (above it when `strict`). The standard's bounds
 * are 0 and 1; those are decided on the text itself (its sign and whether any
 * digit is non-zero), because a double rounds 0.000…1 to 0 and -0.000…1 to -0.
 * Other bounds compare as doubles. `integer`: `v` is of the integer grammar.
 */
function atLeastSql(v: string, bound: number, strict: boolean, integer: boolean): string {
  const negative = `starts_with(${v}, '-')`;
  const nonZero = `regexp_matches(${v}, '[1-9]')`;
  if (bound === 0) return strict ? `NOT ${negative} AND ${nonZero}` : `NOT (${negative} AND ${nonZero})`;
  // An integer is at least 1 when it is positive: not negative, some digit non-zero.
  if (bound === 1 && !strict && integer) return `NOT ${negative} AND ${nonZero}`;
  return `try_cast(${v} AS DOUBLE) ${strict ? '>' : '>='} ${bound}`;
}

/**
 * True when the column's only bound is "above 0" (exclusiveMin 0, or for an
 * integer min 1), which POSITIVE_INTEGER / POSITIVE_NUMBER decide together
 * with the grammar.
 */
function onlyAboveZero(column: ColumnSpec, integer: boolean): boolean {
  if (column.min === undefined) return column.exclusiveMin === 0;
  return integer && column.min === 1 && column.exclusiveMin === undefined;
}

/** The condition under which a present (non-null) value of `column` fails its value check, and the reason. */
function valueChecks(column: ColumnSpec, extractDate: string): Array<[string, RowReason]> {
  const v = ident(column.name);
  switch (column.type) {
    case 'uprn':
      return [[`NOT regexp_full_match(${v}, '${UPRN}')`, 'malformed_uprn']];
    case 'integer': {
      // Beyond BIGINT cannot be stored: an out-of-range integer. Text of the
      // grammar up to 18 bytes (sign included) always fits, so only longer
      // text pays for the cast.
      const fits = `(strlen(${v}) > ${BIGINT_SAFE_LENGTH} AND try_cast(${v} AS BIGINT) IS NULL)`;
      // Above 0 is the usual bound: then one regexp says grammar and bound at once.
      if (onlyAboveZero(column, true)) return [[`NOT regexp_full_match(${v}, '${POSITIVE_INTEGER}') OR ${fits}`, 'invalid_number']];
      const bad = [`NOT regexp_full_match(${v}, '${INTEGER}')`, fits];
      if (column.min !== undefined) bad.push(`NOT (${atLeastSql(v, column.min, false, true)})`);
      if (column.exclusiveMin !== undefined) bad.push(`NOT (${atLeastSql(v, column.exclusiveMin, true, true)})`);
      return [[bad.join(' OR '), 'invalid_number']];
    }
    case 'number': {
      // Text of the grammar up to 300 bytes has at most 300 integer digits, so
      // its double is finite: only longer text pays for the cast.
      const finite = `(strlen(${v}) > ${DOUBLE_SAFE_LENGTH} AND NOT isfinite(try_cast(${v} AS DOUBLE)))`;
      if (onlyAboveZero(column, false)) return [[`NOT regexp_full_match(${v}, '${POSITIVE_NUMBER}') OR ${finite}`, 'invalid_number']];
      const bad = [`NOT regexp_full_match(${v}, '${NUMBER}')`, finite];
      if (column.min !== undefined) bad.push(`NOT (${atLeastSql(v, column.min, false, false)})`);
      if (column.exclusiveMin !== undefined) bad.push(`NOT (${atLeastSql(v, column.exclusiveMin, true, false)})`);
      return [[bad.join(' OR '), 'invalid_number']];
    }
    case 'date': {
      const checks: Array<[string, RowReason]> = [
        [`NOT regexp_full_match(${v}, '${CALENDAR_DATE}')`, 'bad_date'],
      ];
      // Only reached once the value passed bad_date (the check before it in
      // the CASE): text YYYY-MM-DD of a real day, whose order as text is the
      // order of the days, so no second cast. The extract date is such text too.
      if (column.futureAllowed !== true) checks.push([`${v} > ${sqlString(extractDate)}`, 'future_date']);
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
 * 1-5 as a verdict code (see verdictCode; NULL when the row passes them):
 * malformed_row, null_uprn, missing_value, the value checks column by column
 * in the order of the table in the standard, then unmatched_uprn when
 * `knownUprns` (a table of the accepted properties' UPRNs) is given. It reads `__fields` (the record's field
 * count), one VARCHAR column per standard column, named as in the
 * standard (columns absent from the header are not checked), and with
 * `knownUprns` the column made by knownUprnColumnSql.
 *
 * @example
 *   const sql = firstFailureSql(schema.table('licences'), new Set(['uprn', ...]), 7, '2026-09-30');
 */
export function firstFailureSql(
  spec: TableSpec,
  present: ReadonlySet<string>,
  headerFields: number,
  extractDate: string,
  knownUprns?: string,
): string {
  const failure = (reason: RowReason, column: string | null) => String(verdictCode(spec, reason, column));
  const whens: string[] = [`WHEN __fields <> ${headerFields} THEN ${failure('malformed_row', null)}`];
  const uprn = spec.columns.find((c) => c.name === 'uprn');
  if (uprn?.nullable === true) whens.push(`WHEN uprn IS NULL THEN ${failure('null_uprn', 'uprn')}`);
  for (const column of spec.columns) {
    if (column.required && column.nullable !== true) whens.push(`WHEN ${ident(column.name)} IS NULL THEN ${failure('missing_value', column.name)}`);
  }
  for (const column of spec.columns) {
    if (!present.has(column.name)) continue;
    for (const [condition, reason] of valueChecks(column, extractDate)) {
      // A UPRN of an accepted property is well formed: only the others need the regexp.
      const unknown = knownUprns !== undefined && column.type === 'uprn' ? `NOT ${KNOWN} AND ` : '';
      whens.push(`WHEN ${ident(column.name)} IS NOT NULL AND ${unknown}(${condition}) THEN ${failure(reason, column.name)}`);
    }
  }
  if (knownUprns !== undefined) whens.push(`WHEN NOT ${KNOWN} THEN ${failure('unmatched_uprn', 'uprn')}`);
  return `CASE ${whens.join('\n  ')} END`;
}

/** The boolean column telling whether a row's UPRN is one of the known (accepted) properties' UPRNs. */
const KNOWN = '__known';

/**
 * The `__known` column firstFailureSql reads when given `knownUprns`: computed
 * once per row, it serves both the malformed_uprn and the unmatched_uprn
 * check. NULL only for a NULL UPRN, which an earlier check rejects.
 *
 * @example
 *   `SELECT *, ${knownUprnColumnSql('known_uprns')} FROM rows`
 */
export function knownUprnColumnSql(knownUprns: string): string {
  return `uprn IN (SELECT uprn FROM ${knownUprns}) AS ${KNOWN}`;
}

/** The SQL cast of an accepted VARCHAR value to the column's typed form (see duckType). */
export function typedValueSql(column: ColumnSpec, present: boolean, duckTypeName: string): string {
  if (!present) return `CAST(NULL AS ${duckTypeName}) AS ${ident(column.name)}`;
  return `CAST(${ident(column.name)} AS ${duckTypeName}) AS ${ident(column.name)}`;
}
