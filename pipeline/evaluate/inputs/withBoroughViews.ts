import { createDropViews, readBoroughStatuses } from '../../db/openDropDb.js';
import type { Duck } from '../../db/Duck.js';

/**
 * Runs `work` with the drop views of `db` (`openDropDb`) narrowed to one
 * borough's Parquet files: the same view names, in a schema of their own
 * that is searched first, dropped afterwards. A per-borough query over views
 * of every borough's files opens and filters all of them (33 at London
 * scale) for rows of one; temp tables (e.g. `eval_truth`) stay visible.
 *
 * @example
 *   const n = await withBoroughViews(db, 'out', 'E09000007', () => db.all('select count(*) n from properties'));
 */
export async function withBoroughViews<T>(db: Duck, out: string, borough: string, work: () => Promise<T>): Promise<T> {
  const [{ catalog, schema } = { catalog: 'memory', schema: 'main' }] = await db.all<{ catalog: string; schema: string }>(
    'SELECT current_database() AS catalog, current_schema() AS schema',
  );
  const scoped = `"${catalog}"."borough_views"`;
  await db.run(`CREATE SCHEMA ${scoped}`);
  try {
    await db.run(`USE ${scoped}`);
    await createDropViews(db, out, readBoroughStatuses(out).filter((s) => s.status === 'ok' && s.borough_code === borough), (file) => file);
    return await work();
  } finally {
    await db.run(`USE "${catalog}"."${schema}"`);
    await db.run(`DROP SCHEMA ${scoped} CASCADE`);
  }
}
