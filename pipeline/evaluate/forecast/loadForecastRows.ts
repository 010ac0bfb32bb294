import { existsSync } from 'node:fs';
import { sqlString, type Duck } from '../../db/Duck.js';
import type { ForecastRows } from './ForecastRows.js';

/**
 * The leave-borough-out predictions of the chosen model (`kind`) that a list
 * forecast rests on, with each inspection's trigger: undeclared rows only
 * (the training rows' `declared` flag, or a licence-application trigger when
 * the features carry no such flag), read from `eval_predictions` (as
 * `loadValidationRows` leaves it in `db`) joined with the boroughs'
 * train.parquet on borough, UPRN and inspection date. Without a trigger
 * column the trigger is `unknown`. Ordered by borough then UPRN; null when
 * there is no leave-borough-out row.
 *
 * @example
 *   const rows = await loadForecastRows(db, trainFiles, 'mlp');
 */
export async function loadForecastRows(db: Duck, trainFiles: readonly string[], kind: string): Promise<ForecastRows | null> {
  const files = trainFiles.filter((f) => existsSync(f));
  let join = '';
  let trigger = `'unknown'`;
  let declared = 'false';
  if (files.length > 0) {
    const list = `read_parquet([${files.map(sqlString).join(', ')}], union_by_name = true)`;
    const columns = new Set((await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${list}`)).map((c) => c.column_name));
    if (columns.has('trigger')) {
      const declaredColumn = columns.has('declared') ? 'CAST(declared AS BOOLEAN)' : `trigger = 'licence-application'`;
      join = `LEFT JOIN (SELECT borough_code, CAST(uprn AS BIGINT) AS uprn, CAST(inspection_date AS DATE) AS inspection_date,
                any_value(CAST(trigger AS VARCHAR)) AS trigger, bool_or(${declaredColumn}) AS declared
              FROM ${list} GROUP BY ALL) t
              ON t.borough_code = p.borough_code AND t.uprn = CAST(p.uprn AS BIGINT) AND t.inspection_date = CAST(p.inspection_date AS DATE)`;
      trigger = `coalesce(t.trigger, 'unknown')`;
      declared = 'coalesce(t.declared, false)';
    }
  }
  const rows = await db.all<{ borough_code: string; label: number; score: number; trigger: string }>(`
    SELECT p.borough_code, CAST(p.label AS INTEGER) AS label, CAST(p.score AS DOUBLE) AS score, ${trigger} AS trigger
    FROM eval_predictions p ${join}
    WHERE p.scheme = 'lobo' AND p.model = ${sqlString(kind)} AND p.score IS NOT NULL AND NOT ${declared}
    ORDER BY p.borough_code, CAST(p.uprn AS BIGINT)`);
  if (rows.length === 0) return null;
  return {
    length: rows.length,
    boroughCode: rows.map((r) => r.borough_code),
    score: Float64Array.from(rows, (r) => Number(r.score)),
    label: Int8Array.from(rows, (r) => Number(r.label)),
    trigger: rows.map((r) => r.trigger),
  };
}
