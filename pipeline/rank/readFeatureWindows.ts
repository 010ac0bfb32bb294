import { Duck, sqlString } from '../db/Duck.js';
import type { Params } from '../params/Params.js';

/**
 * The time windows the features of `file` were computed with, from the
 * key-value metadata `hmo features` writes into its Parquet files
 * (`recent_months`, `long_months`), so that evidence sentences name the
 * window the numbers really cover ("3 noise complaints in the 12 months to
 * ..."). Undefined when the file does not record them.
 *
 * Reads through `db` when given (left open), else a DuckDB of its own.
 *
 * @example
 *   await readFeatureWindows(layout.scoringFeatures('E09000007')); // { recent_months: 12, long_months: 36 }
 */
export async function readFeatureWindows(file: string, given?: Duck): Promise<Params['features'] | undefined> {
  const db = given ?? (await Duck.open());
  try {
    const rows = await db.json<{ key: string; value: string }>(
      `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${sqlString(file)})`,
    );
    const get = (key: string) => {
      const value = Number(rows.find((r) => r.key === key)?.value);
      return Number.isInteger(value) && value > 0 ? value : undefined;
    };
    const recent = get('recent_months');
    const long = get('long_months');
    return recent === undefined || long === undefined ? undefined : { recent_months: recent, long_months: long };
  } finally {
    if (given === undefined) db.close();
  }
}
