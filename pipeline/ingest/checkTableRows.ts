import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TableStatus } from '../db/BoroughStatus.js';
import { Duck, sqlString } from '../db/Duck.js';
import { duckType } from '../db/openDropDb.js';
import { ingestMessages } from '../messages/ingest.js';
import { loadSchema, type RowReason, type TableSpec } from '../standard/schema.js';
import { QuarantineCsvWriter } from '../writers/quarantine/QuarantineCsvWriter.js';
import { scanCsv } from './CsvScan.js';
import type { InspectedTable } from './inspectTableFile.js';
import { firstFailureSql, ident, knownUprnColumnSql, typedValueSql, verdictCode, verdictReasonSql } from './rowChecksSql.js';

/** Where one table's outputs go (temporary paths; the caller renames them into place). */
export interface TableOutputs {
  borough: string;
  extractDate: string;
  /** A scratch folder under OUT for the normalized copy of an irregular file. */
  workDir: string;
  parquetPath: string;
  quarantinePath: string;
}

/**
 * The Parquet settings of the accepted rows: no dictionary encoding. DuckDB
 * otherwise builds a dictionary for every column of every row group, and
 * drops it for the many columns whose values hardly repeat (pseudonyms,
 * addresses, dates): on one thread, a 445,000-row electoral register took
 * 0.19 s instead of 0.26 s (casts included), for files about 1.1x the size.
 * The values, their types and their order are the same either way.
 */
export const ACCEPTED_PARQUET_OPTIONS = 'FORMAT parquet, DICTIONARY_SIZE_LIMIT 1';

/**
 * When a table other than properties is checked while properties still runs
 * (the known UPRNs do not exist yet), and how properties says they do.
 */
export interface SpineTiming {
  /** Settles once the known UPRNs exist (rejects if properties failed first): the table's load runs before it, its unmatched_uprn check after. */
  spineDone?: Promise<unknown>;
  /** Properties only: called as soon as the known UPRNs exist, before its Parquet and quarantine are written. */
  onKnownUprns?: () => void;
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
export async function checkTableRows(db: Duck, inspected: InspectedTable, outputs: TableOutputs, timing: SpineTiming = {}): Promise<TableStatus> {
  const { spineDone, onKnownUprns } = timing;
  const { spec, positions } = inspected;
  const scan = inspected.scan;
  if (!scan) throw new Error(`${inspected.display} was not scanned`);
  const width = scan.header.length;
  const table = spec.name;
  const varchar = (k: number) => `'c${k}': 'VARCHAR'`;
  const columnsOf = (prefix: string[]) => `{${[...prefix, ...Array.from({ length: width }, (_, k) => varchar(k))].join(', ')}}`;
  // A re-quoted record of the normalized copy can be twice as long as in the drop.
  const maxLineSize = Math.max(2 * 1024 * 1024, 2 * scan.longestRecord + 1024);
  const csvOptions =
    `header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', max_line_size = ${maxLineSize}`;
  const present = new Set(positions.keys());
  const named = spec.columns.map((c) => {
    const position = positions.get(c.name);
    return position === undefined ? `NULL::VARCHAR AS ${ident(c.name)}` : `c${position} AS ${ident(c.name)}`;
  });
  // With `spineDone`, the known UPRNs do not exist yet: the load checks
  // steps 1-5 but unmatched_uprn (the last of them, so no other verdict
  // changes), and an update adds it once properties is done.
  const knownUprns = table === 'properties' || spineDone !== undefined ? undefined : KNOWN_UPRNS;
  const failure = firstFailureSql(spec, present, width, outputs.extractDate, knownUprns);
  // The rows with the checks' inputs: the named columns, and whether the UPRN is known.
  const withInputs = (rows: string) =>
    knownUprns === undefined ? `SELECT *, ${failure} AS __fail FROM (${rows})` : `SELECT * EXCLUDE (__known), ${failure} AS __fail FROM (SELECT *, ${knownUprnColumnSql(knownUprns)} FROM (${rows}))`;
  const checked = `checked_${table}`;
  let normalized: string | undefined;
  let lineSql: string;
  // The statements up to the counts go to DuckDB as one batch (one round trip
  // through the thread pool, not five: on a busy machine each trip waits for
  // a core), properties' known UPRNs included.
  const load: string[] = [];
  try {
    if (scan.simple) {
      // Straight from the drop, in one thread: a new table's rowid follows the
      // file's record order, so a record's line is rowid + header line + 1.
      // Records of the wrong field count (listed by the byte pass) are padded
      // or cut by DuckDB, then marked malformed_row by rowid: it is the first
      // check, so it replaces whatever the others said.
      const malformed = scan.malformedIndexes;
      const lenient = malformed.length > 0 ? 'strict_mode = false, null_padding = true' : 'strict_mode = true, null_padding = false';
      load.push(
        `CREATE OR REPLACE TABLE ${checked} AS ${withInputs(`SELECT ${width} AS __fields, ${named.join(', ')} ` +
          `FROM read_csv(${sqlString(inspected.path)}, ${csvOptions}, ${lenient}, parallel = false, columns = ${columnsOf([])})`)}`,
      );
      if (malformed.length > 0) {
        load.push(`UPDATE ${checked} SET __fail = ${verdictCode(spec, 'malformed_row', null)} WHERE rowid IN (${malformed.join(', ')})`);
      }
      lineSql = `rowid + ${scan.headerLine + 1}`;
    } else {
      normalized = join(outputs.workDir, `${table}.csv`);
      const again = scanCsv(inspected.path, { normalizedPath: normalized });
      if (again.records !== scan.records) throw new Error(ingestMessages.fileChanged(inspected.display));
      // One thread too: the table is then in line order and needs no sort.
      load.push(
        `CREATE OR REPLACE TABLE ${checked} AS ${withInputs(`SELECT __line, __fields, ${named.join(', ')} ` +
          `FROM read_csv(${sqlString(normalized)}, ${csvOptions}, strict_mode = true, null_padding = false, new_line = '\\n', parallel = false, ` +
          `columns = ${columnsOf(["'__line': 'BIGINT'", "'__fields': 'INTEGER'"])})`)}`,
      );
      lineSql = '__line';
    }
    if (spineDone !== undefined) {
      await db.run(load.splice(0).join(';\n'));
      await spineDone;
      load.push(`UPDATE ${checked} SET __fail = ${verdictCode(spec, 'unmatched_uprn', 'uprn')} WHERE __fail IS NULL AND uprn NOT IN (SELECT uprn FROM ${KNOWN_UPRNS})`);
    }
    const withLine = `(SELECT ${scan.simple ? `${lineSql} AS __line, ` : ''}* FROM ${checked})`;
    // Steps 6-7 touch few rows: find them, then mark them in place (an
    // UPDATE keeps rowids, so the lines of a simple file stay right).
    load.push(`CREATE OR REPLACE TABLE later_${table} AS ${duplicatesSql(spec, withLine)}`);
    load.push(`UPDATE ${checked} SET __fail = l.__code FROM later_${table} l WHERE ${scan.simple ? `${checked}.rowid + ${scan.headerLine + 1}` : `${checked}.__line`} = l.__line`);
    load.push(`CREATE OR REPLACE VIEW judged_${table} AS SELECT *, __fail AS __verdict FROM ${withLine}`);
    // The accepted UPRNs are known once the verdicts are: the other tables' checks need not wait for the Parquet and the quarantine.
    if (table === 'properties') load.push(`CREATE OR REPLACE TABLE ${KNOWN_UPRNS} AS SELECT DISTINCT uprn FROM judged_${table} WHERE __verdict IS NULL`);
    await db.run(load.join(';\n'));
    onKnownUprns?.();
    const counts = await db.all<{ reason: RowReason | null; n: bigint }>(
      `SELECT ${verdictReasonSql('__verdict')} AS reason, count(*) AS n FROM judged_${table} GROUP BY ALL`,
    );
    const loaded = counts.reduce((sum, { n }) => sum + Number(n), 0);
    // A safety net: DuckDB must see exactly the records the byte-level pass counted.
    if (loaded !== scan.records) throw new Error(ingestMessages.recordCountDisagrees(inspected.display, loaded, scan.records));
    const typed = spec.columns.map((c) => typedValueSql(c, present.has(c.name), duckType(c.type)));
    await db.run(
      `COPY (SELECT ${sqlString(outputs.borough)} AS borough_code, __line AS source_line, ${typed.join(', ')} ` +
        // The table is already in line order (read in one thread, and DuckDB keeps insertion order).
        `FROM judged_${table} WHERE __verdict IS NULL) TO ${sqlString(outputs.parquetPath)} (${ACCEPTED_PARQUET_OPTIONS})`,
    );
    await writeQuarantine(db, inspected, table, outputs.quarantinePath);
    await db.run(`DROP VIEW judged_${table}; DROP TABLE later_${table}; DROP TABLE ${checked}`);
    return tableStatus(inspected, counts);
  } finally {
    if (normalized) rmSync(normalized, { force: true });
  }
}

/**
 * Steps 6-7 of section 4.2 as a small table (__line, __code) of the rows
 * that are duplicates, among the rows that passed steps 1-5 (`__fail` NULL);
 * "earlier" means a smaller line. Only rows that share a hash of the
 * standard's columns (or, for properties, a UPRN) with another passing row
 * can be duplicates, so the exact comparison of every column runs on those
 * few rows only, not on the whole table.
 */
function duplicatesSql(spec: TableSpec, rows: string): string {
  const all = spec.columns.map((c) => ident(c.name)).join(', ');
  const code = (reason: RowReason, column: string | null) => verdictCode(spec, reason, column);
  if (spec.name === 'properties') {
    // The only accepted row of a UPRN is its first passing row; a later row
    // with that UPRN is a duplicate_row when it equals that row in every
    // column, else a duplicate_uprn.
    return `WITH shared_uprns AS (SELECT uprn FROM ${rows} WHERE __fail IS NULL GROUP BY uprn HAVING count(*) > 1),
      shared AS (SELECT * FROM ${rows} WHERE __fail IS NULL AND uprn IN (SELECT uprn FROM shared_uprns)),
      ranked AS (SELECT __line, min(__line) OVER (PARTITION BY uprn) AS first_of_uprn, min(__line) OVER (PARTITION BY ${all}) AS first_same FROM shared)
      SELECT __line, CASE WHEN first_same = first_of_uprn THEN ${code('duplicate_row', null)} ELSE ${code('duplicate_uprn', 'uprn')} END AS __code
      FROM ranked WHERE __line > first_of_uprn`;
  }
  // The earliest of a group of equal passing rows is accepted; the others are duplicate_row.
  return `WITH hashed AS MATERIALIZED (SELECT __line, hash(${all}) AS __hash FROM ${rows} WHERE __fail IS NULL),
    shared_lines AS (SELECT __line FROM hashed WHERE __hash IN (SELECT __hash FROM hashed GROUP BY __hash HAVING count(*) > 1)),
    shared AS (SELECT * FROM ${rows} WHERE __line IN (SELECT __line FROM shared_lines)),
    ranked AS (SELECT __line, min(__line) OVER (PARTITION BY ${all}) AS first_same FROM shared)
    SELECT __line, ${code('duplicate_row', null)} AS __code FROM ranked WHERE __line > first_same`;
}

/**
 * Streams the rejected rows, by line, into the quarantine CSV (formula-neutralised, pseudonyms never written).
 * DuckDB hands over the line and the verdict code as integers and the offending value as text (NULL when there is
 * none): the column and reason names come from the code here. Every string read out of a result costs the client
 * about 2 microseconds, so four strings a row made this a tenth of a large borough's CPU.
 */
async function writeQuarantine(db: Duck, inspected: InspectedTable, table: string, path: string): Promise<void> {
  const spec = inspected.spec;
  // The offending field's text: never for a pseudonymous column, nor for a reason about the whole row.
  const valueCases = spec.columns
    .map((c, index) => (c.type === 'pseudonym' ? '' : `WHEN ${index + 1} THEN ${ident(c.name)}`))
    .filter((when) => when !== '');
  const result = await db.connection.stream(
    `SELECT __line::BIGINT AS line, __verdict::INTEGER AS verdict, CASE __verdict % 100 ${valueCases.join(' ')} END AS value
     FROM judged_${table} WHERE __verdict IS NOT NULL ORDER BY __line`,
  );
  const reasons = verdictNames(spec);
  const writer = QuarantineCsvWriter.open(path);
  try {
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const [line, verdict, value] of chunk.getRows()) {
        const { column, reason } = reasons(Number(verdict));
        // The line as the digits DuckDB would print; a null value is an empty cell, as '' is.
        writer.add({ file: inspected.display, line: String(line), column, reason, value });
      }
    }
  } catch (error) {
    writer.abandon();
    throw error;
  }
  writer.close();
}

/** The column ('' for a reason about the whole row) and reason names of a verdict code: the inverse of verdictCode. */
function verdictNames(spec: TableSpec): (code: number) => { column: string; reason: RowReason } {
  const rowReasons = loadSchema().rowReasons;
  return (code) => {
    const reason = rowReasons[Math.floor(code / 100) - 1];
    const columnIndex = code % 100;
    const column = columnIndex === 0 ? '' : spec.columns[columnIndex - 1]?.name;
    if (reason === undefined || column === undefined) throw new Error(`Verdict code ${code} names no reason of ${spec.name}`);
    return { column, reason };
  };
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
