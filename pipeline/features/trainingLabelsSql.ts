import { sqlString } from '../db/Duck.js';
import { HMO_SCHEMES } from './featureSql.js';

/**
 * SQL for the labels of one borough, over the views of `openDropDb`: one row
 * per conclusive inspection (outcome `hmo` or `not-hmo`) of a known property,
 * EVERY one of them, not only a property's latest: a property inspected
 * twice gives two rows, each with its own date, outcome and features.
 *
 * - `no-access` visits are not outcomes: they never label a row (they are
 *   part of the property's own record, a feature of its later rows).
 * - Two conclusive outcomes of one property on the same day are one row:
 *   `hmo` wins (an officer who found an HMO saw it), then the earlier line
 *   of the file. So (uprn, as_of) is unique, the key of the feature rows.
 * - `as_of` is the day before the inspection: features use only records
 *   dated strictly before the inspection (an earlier inspection's outcome
 *   included, the row's own never).
 * - `declared` is true when the property was a declared HMO at the time:
 *   the inspection was prompted by a licence application, or the property
 *   held a current mandatory or additional HMO licence at `as_of`. Such rows
 *   are kept for fitting, but they are not the population the lists serve
 *   (every candidate is unlicensed): validation metrics should be computed
 *   on `declared = false` rows. Licensed HMOs that were never inspected are
 *   not added as positives.
 * - Rows of one property are never split between the two sides of a
 *   validation fold (`pipeline/train/validationPlan.ts` groups them).
 *
 * Columns: `borough_code`, `uprn`, `inspection_date`, `as_of`, `label`
 * (INTEGER 1 = hmo, 0 = not-hmo), `trigger`, `declared` (BOOLEAN), ordered
 * by UPRN then inspection date.
 *
 * @example
 *   await db.run(`CREATE TEMP TABLE labels AS ${trainingLabelsSql('E09000007')}`);
 */
export function trainingLabelsSql(borough: string): string {
  const schemes = HMO_SCHEMES.map((s) => sqlString(s)).join(', ');
  return `
WITH ranked AS (
  SELECT i.borough_code, i.uprn, i.inspection_date, i.outcome, i.trigger,
    row_number() OVER (
      PARTITION BY i.borough_code, i.uprn, i.inspection_date
      ORDER BY (i.outcome = 'hmo') DESC, i.source_line
    ) AS rank
  FROM inspections i
  JOIN properties p ON p.borough_code = i.borough_code AND p.uprn = i.uprn
  WHERE i.borough_code = ${sqlString(borough)} AND i.outcome IN ('hmo', 'not-hmo')
),
inspected AS (
  SELECT borough_code, uprn, inspection_date, CAST(inspection_date - INTERVAL 1 DAY AS DATE) AS as_of,
    CAST(outcome = 'hmo' AS INTEGER) AS label, trigger
  FROM ranked WHERE rank = 1
)
SELECT t.borough_code, t.uprn, t.inspection_date, t.as_of, t.label, t.trigger,
  t.trigger = 'licence-application' OR EXISTS (
    SELECT 1 FROM licences l
    WHERE l.borough_code = t.borough_code AND l.uprn = t.uprn AND l.scheme IN (${schemes})
      AND l.start_date <= t.as_of AND l.end_date >= t.as_of
  ) AS declared
FROM inspected t
ORDER BY t.uprn, t.inspection_date`;
}
