import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { TableStatus } from '../db/BoroughStatus.js';
import { Duck, sqlString } from '../db/Duck.js';
import { duckType } from '../db/openDropDb.js';
import { loadSchema, type RowReason } from '../standard/schema.js';
import { csvForPeople } from '../util/csvForPeople.js';
import { scanCsv } from './CsvScan.js';
import type { InspectedTable } from './inspectTableFile.js';
import { firstFailureSql, ident, typedValueSql } from './rowChecksSql.js';

/** The columns of a quarantine CSV, in order. */
export const QUARANTINE_COLUMNS = ['file', 'line', 'column', 'reason', 'value'] as const;

/** Where one table's outputs go (temporary paths; the caller renames them into place). */
export interface TableOutputs {
  borough: string;
  extractDate: string;
  /** A scratch folder under OUT for the normalized copy of an irregular file. */
  workDir: string;
  parquetPath: string;
  quarantinePath: string;
}

/** Name of the table of UPRNs known to the borough (accepted properties), made by the properties pass. */
const KNOWN_UPRNS = 'known_uprns';

/**
 * The row checks of section 4.2 for one table whose file passed
 * `inspectTableFile`, done in DuckDB: loads the records as text (straight from
 * the drop when the file is simple, else from a normalized copy that carries
 * each record's line and field count), gives each row its first failing
 * check, writes the accepted rows typed to Parquet (ordered by line) and the
 * rejected ones to the quarantine CSV, and returns the counts. Properties must
 * come first: its accepted UPRNs are what the other tables are matched with.
 *
 * @example
 *   const status = await checkTableRows(db, inspected, { borough: 'E09000007', extractDate: '2026-09-30', ... });
 *   status.rows_read === status.rows_accepted + status.rows_quarantined; // true
 */
export async function checkTableRows(db: Duck, inspected: InspectedTable, outputs: TableOutputs): Promise<TableStatus> {
  const { spec, positions } = inspected;
  const scan = inspected.scan;
  if (!scan) throw new Error(`${inspected.display} was not scanned`);
  const width = scan.header.length;
  const table = spec.name;
  const varchar = (k: number) => `'c${k}': 'VARCHAR'`;
  const columnsOf = (prefix: string[]) => `{${[...prefix, ...Array.from({ length: width }, (_, k) => varchar(k))].join(', ')}}`;
  const csvOptions = `header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false`;
  let normalized: string | undefined;
  if (scan.simple) {
    await db.run(`CREATE OR REPLACE TABLE raw_${table} AS SELECT * FROM read_csv(${sqlString(inspected.path)}, ${csvOptions}, columns = ${columnsOf([])})`);
  } else {
    normalized = join(outputs.workDir, `${table}.csv`);
    const again = scanCsv(inspected.path, { normalizedPath: normalized });
    if (again.records !== scan.records) throw new Error(`${inspected.display} changed while it was read`);
    await db.run(
      `CREATE OR REPLACE TABLE raw_${table} AS SELECT * FROM read_csv(${sqlString(normalized)}, ${csvOptions}, new_line = '\\n', ` +
        `columns = ${columnsOf(["'__line': 'BIGINT'", "'__fields': 'INTEGER'"])})`,
    );
  }
  try {
    const lineExpr = scan.simple ? `rowid + ${scan.headerLine + 1}` : '__line';
    const fieldsExpr = scan.simple ? String(width) : '__fields';
    const present = new Set(positions.keys());
    const named = spec.columns.map((c) => {
      const position = positions.get(c.name);
      return position === undefined ? `NULL::VARCHAR AS ${ident(c.name)}` : `c${position} AS ${ident(c.name)}`;
    });
    await db.run(
      `CREATE OR REPLACE TABLE checked_${table} AS SELECT *, ${firstFailureSql(spec, present, width, outputs.extractDate)} AS __fail ` +
        `FROM (SELECT ${lineExpr} AS __line, ${fieldsExpr} AS __fields, ${named.join(', ')} FROM raw_${table})`,
    );
    await db.run(`DROP TABLE raw_${table}`);
    const loaded = await db.all<{ n: bigint }>(`SELECT count(*) AS n FROM checked_${table}`);
    if (Number(loaded[0]?.n ?? -1) !== scan.records) {
      throw new Error(`${inspected.display}: DuckDB read ${String(loaded[0]?.n)} records where the standard counts ${scan.records}`);
    }
    await db.run(`CREATE OR REPLACE TABLE judged_${table} AS ${laterChecksSql(table, spec.columns.map((c) => ident(c.name)))}`);
    await db.run(`DROP TABLE checked_${table}`);
    if (table === 'properties') {
      await db.run(`CREATE OR REPLACE TABLE ${KNOWN_UPRNS} AS SELECT DISTINCT uprn FROM judged_${table} WHERE __verdict IS NULL`);
    }
    const typed = spec.columns.map((c) => typedValueSql(c, present.has(c.name), duckType(c.type)));
    await db.run(
      `COPY (SELECT ${sqlString(outputs.borough)} AS borough_code, __line AS source_line, ${typed.join(', ')} ` +
        `FROM judged_${table} WHERE __verdict IS NULL ORDER BY __line) TO ${sqlString(outputs.parquetPath)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    await writeQuarantine(db, inspected, table, outputs.quarantinePath);
    const counts = await db.all<{ reason: RowReason | null; n: bigint }>(
      `SELECT __verdict.reason AS reason, count(*) AS n FROM judged_${table} GROUP BY ALL ORDER BY ALL`,
    );
    await db.run(`DROP TABLE judged_${table}`);
    return tableStatus(inspected, counts);
  } finally {
    if (normalized) rmSync(normalized, { force: true });
  }
}

/**
 * Steps 5-7 of section 4.2 over the rows that passed steps 1-4, as a SELECT
 * giving every row of checked_<table> plus `__verdict` ({reason, col} or NULL
 * when accepted). Ties are broken by line: "earlier" means a smaller line.
 */
function laterChecksSql(table: string, columns: string[]): string {
  const all = columns.join(', ');
  if (table === 'properties') {
    // The only accepted row of a UPRN is its first passing row; a later row
    // with that UPRN is a duplicate_row when it equals that first row in
    // every column, else a duplicate_uprn.
    return `WITH passed AS (
        SELECT __line, min(__line) OVER (PARTITION BY uprn) AS first_of_uprn, min(__line) OVER (PARTITION BY ${all}) AS first_same
        FROM checked_${table} WHERE __fail IS NULL),
      later AS (
        SELECT __line, CASE WHEN __line = first_of_uprn THEN NULL WHEN first_same = first_of_uprn THEN 'duplicate_row' ELSE 'duplicate_uprn' END AS reason
        FROM passed)
      SELECT c.*, ${verdictSql()} AS __verdict FROM checked_${table} c LEFT JOIN later l USING (__line)`;
  }
  return `WITH passed AS (
      SELECT c.__line, ${columns.map((col) => `c.${col}`).join(', ')}, k.uprn IS NULL AS unmatched
      FROM checked_${table} c LEFT JOIN ${KNOWN_UPRNS} k ON c.uprn = k.uprn WHERE c.__fail IS NULL),
    matched AS (
      SELECT __line, min(__line) OVER (PARTITION BY ${all}) AS first_same FROM passed WHERE NOT unmatched),
    later AS (
      SELECT p.__line, CASE WHEN p.unmatched THEN 'unmatched_uprn' WHEN m.first_same < p.__line THEN 'duplicate_row' END AS reason
      FROM passed p LEFT JOIN matched m USING (__line))
    SELECT c.*, ${verdictSql()} AS __verdict FROM checked_${table} c LEFT JOIN later l USING (__line)`;
}

function verdictSql(): string {
  return `CASE WHEN c.__fail IS NOT NULL THEN c.__fail
    WHEN l.reason IS NOT NULL THEN {'reason': l.reason, 'col': CASE WHEN l.reason = 'duplicate_row' THEN NULL ELSE 'uprn' END}
    END`;
}

const QUARANTINE_BATCH = 20000;

/** Streams the rejected rows, by line, into the quarantine CSV (formula-neutralised, pseudonyms never written). */
async function writeQuarantine(db: Duck, inspected: InspectedTable, table: string, path: string): Promise<void> {
  const valueCases = inspected.spec.columns
    .filter((c) => c.type !== 'pseudonym')
    .map((c) => `WHEN ${sqlString(c.name)} THEN ${ident(c.name)}`);
  const result = await db.connection.stream(
    `SELECT __line::VARCHAR AS line, coalesce(__verdict.col, '') AS col, __verdict.reason AS reason,
       CASE WHEN __verdict.reason IN ('malformed_row', 'duplicate_row') THEN '' ELSE coalesce(CASE __verdict.col ${valueCases.join(' ')} END, '') END AS value
     FROM judged_${table} WHERE __verdict IS NOT NULL ORDER BY __line`,
  );
  const fd = openSync(path, 'w');
  try {
    let batch: Array<Record<string, unknown>> = [];
    let first = true;
    const flush = () => {
      let text = batch.length > 0 ? csvForPeople(QUARANTINE_COLUMNS, batch) : `${QUARANTINE_COLUMNS.join(',')}\n`;
      if (!first) text = text.slice(text.indexOf('\n') + 1);
      writeSync(fd, text);
      first = false;
      batch = [];
    };
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const [line, column, reason, value] of chunk.getRows()) {
        batch.push({ file: inspected.display, line, column, reason, value });
      }
      if (batch.length >= QUARANTINE_BATCH) flush();
    }
    if (batch.length > 0 || first) flush();
  } finally {
    closeSync(fd);
  }
}

function tableStatus(inspected: InspectedTable, counts: Array<{ reason: RowReason | null; n: bigint }>): TableStatus {
  const byReason = new Map(counts.map(({ reason, n }) => [reason, Number(n)]));
  const accepted = byReason.get(null) ?? 0;
  let quarantined = 0;
  // Reasons in the standard's order, so reports read the same way every time.
  const reasons: Partial<Record<RowReason, number>> = {};
  for (const reason of loadSchema().rowReasons) {
    const n = byReason.get(reason);
    if (n === undefined) continue;
    reasons[reason] = n;
    quarantined += n;
  }
  return {
    supplied: true,
    file: inspected.listed.file,
    rows_read: accepted + quarantined,
    rows_accepted: accepted,
    rows_quarantined: quarantined,
    reasons,
    missing_optional_columns: inspected.spec.columns.filter((c) => !c.required && !inspected.positions.has(c.name)).map((c) => c.name),
  };
}
