import { createRequire } from 'node:module';

/**
 * The DuckDB client package (`@duckdb/node-api`), loaded with `require`: an ES
 * `import` of this CommonJS package has Node lex every one of its ~120 files
 * for their named exports first, about 150 ms of CPU in every process and
 * worker thread that opens a database (its `require` alone is about 85 ms).
 * Every module of the project that needs a value of the package (not only
 * its types) takes it from here.
 *
 * @example
 *   const instance = await duckdbApi.DuckDBInstance.create(':memory:');
 */
export const duckdbApi = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
