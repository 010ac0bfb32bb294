import { Duck, sqlString } from '../../../pipeline/db/Duck.js';

export type JsonRow = Record<string, string | number | boolean | null>;

/** Rows of a Parquet file as JSON-safe objects (BIGINT and DATE as text), in file order. */
export async function readParquetRows(file: string): Promise<JsonRow[]> {
  const db = await Duck.open();
  try {
    return await db.json<JsonRow>(`SELECT * FROM read_parquet(${sqlString(file)})`);
  } finally {
    db.close();
  }
}

/** Column names and DuckDB types of a Parquet file, in order. */
export async function parquetColumns(file: string): Promise<Array<{ name: string; type: string }>> {
  const db = await Duck.open();
  try {
    const rows = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`);
    return rows.map((r) => ({ name: r.column_name, type: r.column_type }));
  } finally {
    db.close();
  }
}

/** The Parquet key-value metadata of a file, as strings. */
export async function parquetKeyValues(file: string): Promise<Record<string, string>> {
  const db = await Duck.open();
  try {
    const rows = await db.all<{ key: string; value: string }>(
      `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${sqlString(file)})`,
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.value]));
  } finally {
    db.close();
  }
}
