import type { DuckDBConnection, DuckDBResult, DuckDBValue } from '@duckdb/node-api';

/**
 * Walks a DuckDB query's rows, ordered by their first column (a raw row's
 * line), chunk by chunk (DuckDB streams the result; ~2,000 rows are held at
 * a time), so that a pass over a staged file can pick up each line's row
 * without holding the whole result. Lines must be asked for in ascending
 * order; a line the query has no row for gives undefined.
 *
 * @example
 *   const cursor = await LineCursor.open(conn, 'SELECT line, decision FROM row_matches WHERE src = 0 ORDER BY line');
 *   const row = await cursor.at(12); // [12n, 'sure'] or undefined
 *   cursor.close();
 */
export class LineCursor {
  private rows: DuckDBValue[][] = [];
  private next = 0;
  private done = false;

  private constructor(private readonly result: DuckDBResult) {}

  static async open(conn: DuckDBConnection, sql: string): Promise<LineCursor> {
    return new LineCursor(await conn.stream(sql));
  }

  /** The row whose first column is `line`, or undefined; rows before it are passed over. */
  async at(line: number): Promise<DuckDBValue[] | undefined> {
    for (;;) {
      while (this.next < this.rows.length) {
        const row = this.rows[this.next] as DuckDBValue[];
        const at = Number(row[0]);
        if (at > line) return undefined;
        this.next += 1;
        if (at === line) return row;
      }
      if (this.done) return undefined;
      const chunk = await this.result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) {
        this.done = true;
        this.rows = [];
      } else this.rows = chunk.getRows();
      this.next = 0;
    }
  }

  close(): void {
    this.done = true;
    this.rows = [];
  }
}
