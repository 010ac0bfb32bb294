import { relative, resolve } from 'node:path';
import { Duck, sqlString } from '../db/Duck.js';
import { createDropViews, readBoroughStatuses } from '../db/openDropDb.js';
import { outputLayout } from '../layout.js';
import { produceAtomically } from '../util/atomicWrite.js';

/**
 * Writes OUT/hmo.duckdb: the views of `openDropDb` (one per table over the
 * usable boroughs' Parquet, and `boroughs`) for analysts. The views read the
 * Parquet by paths relative to OUT, so open the database from inside OUT
 * (`cd OUT && duckdb hmo.duckdb`); the folder can then be moved or copied.
 *
 * @example
 *   await writeDropDatabase({ out: 'out/sample' });
 */
export async function writeDropDatabase(input: { out: string; boroughs?: readonly string[] }): Promise<void> {
  const layout = outputLayout(input.out);
  const statuses = readBoroughStatuses(input.out).filter(
    (s) => s.status === 'ok' && (input.boroughs === undefined || input.boroughs.includes(s.borough_code)),
  );
  await produceAtomically(layout.database, async (tmp) => {
    const db = await Duck.open(tmp);
    try {
      // DuckDB resolves (and checks) a view's relative paths against file_search_path.
      await db.run(`SET file_search_path = ${sqlString(resolve(input.out))}`);
      await createDropViews(db, input.out, statuses, (file) => relative(input.out, file));
      await db.run('CHECKPOINT');
    } finally {
      db.close();
    }
  });
}
