import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BoroughStatus, TableStatus } from '../../pipeline/db/BoroughStatus.js';
import { Duck, sqlString } from '../../pipeline/db/Duck.js';
import { duckType } from '../../pipeline/db/openDropDb.js';
import { outputLayout } from '../../pipeline/layout.js';
import { loadSchema, type ColumnSpec, type TableName } from '../../pipeline/standard/schema.js';
import { writeFileAtomic } from '../../pipeline/util/atomicWrite.js';

/** A value of one cell: dates as 'YYYY-MM-DD' text (or a Date), numbers, booleans, text; null or absent = null. */
export type CellValue = string | number | bigint | boolean | Date | null | undefined;
export type FakeRow = Record<string, CellValue>;

export interface FakeBorough {
  /** GSS code, e.g. 'E09000007'. */
  code: string;
  name?: string;
  /** The manifest's extract date, 'YYYY-MM-DD'. */
  extractDate: string;
  /**
   * Accepted rows per table. A required table that is absent is written as a
   * valid empty table; an optional table (housing_benefit, complaints) that
   * is absent is "not supplied": no Parquet, `supplied: false` in borough.json.
   * Pass `[]` for an optional table that was supplied but empty.
   */
  tables: Partial<Record<TableName, FakeRow[]>>;
  /** 'failed' writes only borough.json (as ingest does for a failed borough). */
  status?: 'ok' | 'failed';
}

/**
 * Writes a fake *ingested* borough under `out`, exactly in the layout and
 * types ingest produces (docs/architecture.md): one Parquet per table at
 * `OUT/ingest/<code>/<table>.parquet` with `borough_code`, `source_line`,
 * then every column of the standard in the schema's order, typed as
 * `duckType` says; and `OUT/ingest/<code>/borough.json`. Columns a row does
 * not mention are null; a column the standard does not know is refused, so
 * a typo in a test cannot pass silently. For tests of the stages after
 * ingest (features, rank, evaluate).
 *
 * @example
 *   await writeIngestedBorough(out, {
 *     code: 'E09000007', extractDate: '2026-09-30',
 *     tables: {
 *       properties: [{ uprn: 1, address: '1 High St', postcode: 'NW1 0AB', ward_code: 'E05000001',
 *                      property_type: 'house', council_tax_band: 'C', tenure: 'private-rented' }],
 *       electoral_register: [{ uprn: 1, elector_ref: 'e1', surname_key: 's1', registered_date: '2025-01-01' }],
 *     },
 *   });
 */
export async function writeIngestedBorough(out: string, borough: FakeBorough): Promise<BoroughStatus> {
  const schema = loadSchema();
  const layout = outputLayout(out);
  const status = borough.status ?? 'ok';
  const tables: Partial<Record<TableName, TableStatus>> = {};
  mkdirSync(dirname(layout.boroughStatus(borough.code)), { recursive: true });
  const db = status === 'ok' ? await Duck.open() : undefined;
  try {
    for (const table of schema.tables) {
      const rows = borough.tables[table.name];
      const supplied = rows !== undefined || table.required;
      tables[table.name] = {
        supplied,
        file: supplied ? table.file : null,
        rows_read: rows?.length ?? 0,
        rows_accepted: status === 'ok' ? (rows?.length ?? 0) : 0,
        rows_quarantined: 0,
        reasons: {},
        missing_optional_columns: [],
      };
      if (db === undefined || !supplied) continue;
      await writeTable(db, layout.acceptedTable(borough.code, table.name), borough.code, table.columns, rows ?? [], table.name);
    }
  } finally {
    db?.close();
  }
  const boroughStatus: BoroughStatus = {
    borough_code: borough.code,
    borough_name: borough.name ?? schema.borough(borough.code)?.name ?? null,
    status,
    standard: schema.standard,
    extract_date: borough.extractDate,
    errors: status === 'ok' ? [] : ['failed on purpose (test fixture)'],
    warnings: [],
    tables,
  };
  writeFileAtomic(layout.boroughStatus(borough.code), JSON.stringify(boroughStatus, null, 2) + '\n');
  return boroughStatus;
}

async function writeTable(
  db: Duck,
  file: string,
  code: string,
  columns: readonly ColumnSpec[],
  rows: readonly FakeRow[],
  tableName: string,
): Promise<void> {
  const known = new Set(columns.map((c) => c.name));
  rows.forEach((row, i) => {
    for (const key of Object.keys(row)) {
      if (!known.has(key)) throw new Error(`writeIngestedBorough: ${tableName} row ${i} has column "${key}", which the standard does not define`);
    }
  });
  const definitions = ['borough_code VARCHAR', 'source_line BIGINT', ...columns.map((c) => `"${c.name}" ${duckType(c.type)}`)];
  await db.run(`CREATE OR REPLACE TEMP TABLE fake (${definitions.join(', ')})`);
  // Insert in chunks: one VALUES list per chunk keeps big fixtures fast enough.
  const chunk = 500;
  for (let start = 0; start < rows.length; start += chunk) {
    const values = rows.slice(start, start + chunk).map((row, j) => {
      const cells = columns.map((c) => literal(row[c.name], duckType(c.type)));
      return `(${sqlString(code)}, ${start + j + 2}, ${cells.join(', ')})`;
    });
    await db.run(`INSERT INTO fake VALUES ${values.join(', ')}`);
  }
  await db.run(`COPY fake TO ${sqlString(file)} (FORMAT parquet)`);
}

function literal(value: CellValue, type: string): string {
  if (value === null || value === undefined) return `NULL::${type}`;
  if (value instanceof Date) return `CAST(${sqlString(value.toISOString().slice(0, 10))} AS ${type})`;
  if (typeof value === 'boolean') return `CAST(${value} AS ${type})`;
  return `CAST(${sqlString(String(value))} AS ${type})`;
}
