import { sqlString } from '../db/Duck.js';

/**
 * SQL for the candidates of one borough's inspection list, over the views of
 * `openDropDb`: every property that is not licensed as an HMO at the
 * borough's extract date (a current `mandatory-hmo` or `additional-hmo`
 * licence, standard section 3: a `selective` licence does not exclude) and
 * that has no inspection on record; with `reinspectAfterMonths`, properties
 * whose latest inspection is older than that come back in.
 * Columns: `borough_code`, `uprn`, `last_inspection_date` (null if never).
 *
 * @example
 *   await db.all(candidateSql('E09000007', null));
 */
export function candidateSql(borough: string, reinspectAfterMonths: number | null): string {
  const code = sqlString(borough);
  const reinspect =
    reinspectAfterMonths === null
      ? 'i.last_inspection_date IS NULL'
      : `(i.last_inspection_date IS NULL OR i.last_inspection_date < b.extract_date - INTERVAL ${Math.floor(reinspectAfterMonths)} MONTH)`;
  return `
    SELECT p.borough_code, p.uprn, i.last_inspection_date
    FROM properties p
    JOIN boroughs b ON b.borough_code = p.borough_code
    LEFT JOIN (
      SELECT borough_code, uprn, max(inspection_date) AS last_inspection_date
      FROM inspections WHERE borough_code = ${code} GROUP BY ALL
    ) i ON i.borough_code = p.borough_code AND i.uprn = p.uprn
    WHERE p.borough_code = ${code}
      AND ${reinspect}
      AND NOT EXISTS (
        SELECT 1 FROM licences l
        WHERE l.borough_code = p.borough_code AND l.uprn = p.uprn
          AND l.scheme IN ('mandatory-hmo', 'additional-hmo')
          AND l.start_date <= b.extract_date AND b.extract_date <= l.end_date
      )
    ORDER BY p.uprn`;
}
