import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbApi } from './duckdbApi.js';

const { DuckDBInstance } = duckdbApi;
type DuckDBInstance = InstanceType<typeof DuckDBInstance>;

/**
 * A DuckDB connection with the few conveniences every stage needs: run a
 * statement, read rows as plain JS objects, close both connection and
 * instance. One per stage run; stages never share a connection.
 *
 * @example
 *   const db = await Duck.open();
 *   const rows = await db.all<{ n: number }>('select 42::INTEGER as n');
 *   db.close();
 */
export class Duck {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    /** False for a connection made by `connectAgain`: its close() leaves the database open. */
    private readonly ownsInstance = true,
  ) {}

  /**
   * Opens an in-memory database, or the database file at `path`. DuckDB's
   * external file cache is off unless `options` turn it on: it keeps the bytes
   * of every Parquet file read in the instance's memory, and the stages read
   * each file once or twice (the operating system caches them anyway); with
   * several boroughs open at once on worker threads it was up to 100 MB each.
   */
  static async open(path = ':memory:', options: Record<string, string> = {}): Promise<Duck> {
    const instance = await DuckDBInstance.create(path, { enable_external_file_cache: 'false', ...options });
    return new Duck(instance, await instance.connect());
  }

  /**
   * Another connection to the same database: its statements run at the same
   * time as this one's (each on its own thread, even with `threads = 1`), and
   * see the same tables. Its close() closes only that connection; close it
   * before the one that opened the database.
   *
   * @example
   *   const other = await db.connectAgain();
   *   await Promise.all([db.run('CREATE TABLE a AS SELECT 1'), other.run('CREATE TABLE b AS SELECT 2')]);
   *   other.close();
   */
  async connectAgain(): Promise<Duck> {
    return new Duck(this.instance, await this.instance.connect(), false);
  }

  /** Another connection to the same database: a streaming read on one while another writes (one open stream a connection). Close it when done. */
  async connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  /** Rows as objects of JS values (BIGINT as bigint, DATE as Date at UTC midnight...). */
  async all<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as T[];
  }

  /** Rows as objects of JSON-safe values (BIGINT and DATE as strings). */
  async json<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJson() as T[];
  }

  close(): void {
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }
}

/** A SQL string literal: single quotes doubled. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
