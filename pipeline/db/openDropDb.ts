import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { outputLayout } from '../layout.js';
import { loadSchema, type ColumnType, type TableName } from '../standard/schema.js';
import type { BoroughStatus } from './BoroughStatus.js';
import { Duck, sqlString } from './Duck.js';

/** The DuckDB type an accepted column of the standard has after ingest. */
export function duckType(type: ColumnType): string {
  switch (type) {
    case 'uprn':
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'boolean':
      return 'BOOLEAN';
    case 'text':
    case 'pseudonym':
    case 'enum':
      return 'VARCHAR';
  }
}

/** Status of every borough that ingest wrote under OUT, ordered by code. */
export function readBoroughStatuses(out: string): BoroughStatus[] {
  const layout = outputLayout(out);
  if (!existsSync(layout.ingestDir)) return [];
  return readdirSync(layout.ingestDir)
    .filter((code) => existsSync(layout.boroughStatus(code)))
    .sort()
    .map((code) => JSON.parse(readFileSync(layout.boroughStatus(code), 'utf8')) as BoroughStatus);
}

/**
 * Opens an in-memory DuckDB whose views show the ingested drop under `out`:
 * one view per table of the standard (all usable boroughs, with
 * `borough_code` and `source_line`; an empty typed view when no borough
 * supplied the table) and `boroughs` (code, name, extract_date, status, and
 * which optional tables were supplied). Only boroughs with status ok appear
 * in the table views.
 *
 * @example
 *   const db = await openDropDb('out/sample');
 *   await db.all('select borough_code, count(*) n from properties group by 1');
 */
export async function openDropDb(out: string, boroughs?: readonly string[]): Promise<Duck> {
  const statuses = readBoroughStatuses(out).filter(
    (s) => s.status === 'ok' && (boroughs === undefined || boroughs.includes(s.borough_code)),
  );
  const db = await Duck.open();
  await createDropViews(db, out, statuses, (file) => file);
  return db;
}

/**
 * Creates, in `db`, the views `openDropDb` describes over the usable
 * boroughs' Parquet; `parquetPath` turns each file's path into the one the
 * view reads (ingest passes a path relative to OUT for OUT/hmo.duckdb).
 */
export async function createDropViews(
  db: Duck,
  out: string,
  statuses: readonly BoroughStatus[],
  parquetPath: (file: string) => string,
): Promise<void> {
  const layout = outputLayout(out);
  const schema = loadSchema();
  const boroughRows = statuses.map(
    (s) =>
      `(${sqlString(s.borough_code)}, ${sqlString(s.borough_name ?? '')}, DATE ${sqlString(s.extract_date ?? '1970-01-01')}, ` +
      `${s.tables.housing_benefit?.supplied === true}, ${s.tables.complaints?.supplied === true})`,
  );
  await db.run(
    `CREATE VIEW boroughs AS SELECT * FROM (VALUES ${boroughRows.length > 0 ? boroughRows.join(', ') : "('', '', DATE '1970-01-01', false, false)"}) ` +
      `AS b(borough_code, borough_name, extract_date, has_housing_benefit, has_complaints)` +
      (boroughRows.length > 0 ? '' : ' WHERE false'),
  );
  for (const table of schema.tables) {
    const files = statuses
      .map((s) => layout.acceptedTable(s.borough_code, table.name as TableName))
      .filter((file) => existsSync(file));
    const columns = ['borough_code VARCHAR', 'source_line BIGINT', ...table.columns.map((c) => `"${c.name}" ${duckType(c.type)}`)];
    if (files.length > 0) {
      const names = ['borough_code', 'source_line', ...table.columns.map((c) => `"${c.name}"`)].join(', ');
      await db.run(`CREATE VIEW ${table.name} AS SELECT ${names} FROM read_parquet([${files.map((f) => sqlString(parquetPath(f))).join(', ')}])`);
    } else {
      await db.run(`CREATE TABLE ${table.name} (${columns.join(', ')})`);
    }
  }
}
