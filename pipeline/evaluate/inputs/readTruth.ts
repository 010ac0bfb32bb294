import { existsSync } from 'node:fs';
import { EvaluateError } from '../../errors/EvaluateError.js';
import { sqlString, type Duck } from '../../db/Duck.js';
import { evaluateMessages as m } from '../../messages/evaluate.js';

const TRUTH_COLUMNS = ['uprn', 'borough_code', 'is_hmo', 'is_licensed'] as const;
const BOOLEAN_TEXT = `('0', '1', 'true', 'false')`;

/**
 * Loads a simulation truth file (`uprn,borough_code,is_hmo,is_licensed`,
 * standard section 6; synthetic drops only) into the table `eval_truth`
 * (`borough_code`, `uprn` BIGINT, `is_hmo`, `is_licensed` BOOLEAN) of `db`,
 * refusing a missing column or a bad value with the file, line and column.
 * Truth is read here only: it never reaches training.
 *
 * @example
 *   await readTruth(db, 'data/sample/truth.csv');
 *   await db.all('select count(*) from eval_truth where is_hmo and not is_licensed');
 */
export async function readTruth(db: Duck, file: string): Promise<void> {
  if (!existsSync(file)) throw new EvaluateError(m.truthUnreadable(file, 'no such file'), 1);
  try {
    await db.run(
      `CREATE OR REPLACE TEMP TABLE eval_truth_text AS SELECT row_number() OVER () + 1 AS line, * ` +
        `FROM read_csv(${sqlString(file)}, header = true, all_varchar = true, auto_detect = true)`,
    );
  } catch (error) {
    throw new EvaluateError(m.truthUnreadable(file, (error as Error).message), 1);
  }
  const columns = new Set((await db.all<{ column_name: string }>('DESCRIBE eval_truth_text')).map((c) => c.column_name));
  const missing = TRUTH_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) throw new EvaluateError(m.truthMissingColumns(file, missing), 1);
  const bad = await db.all<{ line: bigint; column: string; value: string | null }>(`
    SELECT line, column_name AS "column", value FROM (
      SELECT line, 'uprn' AS column_name, uprn AS value, 1 AS position FROM eval_truth_text WHERE uprn IS NULL OR NOT regexp_full_match(uprn, '[1-9][0-9]{0,11}')
      UNION ALL SELECT line, 'is_hmo', is_hmo, 3 FROM eval_truth_text WHERE is_hmo IS NULL OR lower(is_hmo) NOT IN ${BOOLEAN_TEXT}
      UNION ALL SELECT line, 'is_licensed', is_licensed, 4 FROM eval_truth_text WHERE is_licensed IS NULL OR lower(is_licensed) NOT IN ${BOOLEAN_TEXT}
    ) ORDER BY line, position LIMIT 1`);
  const first = bad[0];
  if (first !== undefined) throw new EvaluateError(m.truthBadValue(file, Number(first.line), first.column, first.value ?? ''), 1);
  await db.run(`
    CREATE OR REPLACE TEMP TABLE eval_truth AS
    SELECT borough_code, CAST(uprn AS BIGINT) AS uprn,
           lower(is_hmo) IN ('1', 'true') AS is_hmo, lower(is_licensed) IN ('1', 'true') AS is_licensed
    FROM eval_truth_text`);
}
