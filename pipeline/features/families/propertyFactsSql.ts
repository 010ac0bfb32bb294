import { anchorKey } from './anchorKey.js';
import type { FeaturePlan } from './FeatureFamily.js';
import { HMO_SCHEME_LIST } from './hmoSchemes.js';
import { sqlText } from './phrases.js';

const hmo = HMO_SCHEME_LIST.map(sqlText).join(', ');

/**
 * CTEs shared by the families that count other properties' records
 * (`membershipCountsSql`) and the property's own record:
 *
 * - `f_spans (borough_code, uprn, grp, start_date, end_date)`: each
 *   property's licences merged into disjoint runs of days, per group (`hmo`:
 *   mandatory or additional HMO licences; `selective`), so that a property
 *   counts once however many overlapping licences it holds. A licence whose
 *   end is before its start covers no day.
 * - `f_first (borough_code, uprn, hmo_licence, hmo_found, conclusive)`: the
 *   first start of an HMO licence, the first inspection that found an HMO,
 *   the first conclusive inspection (hmo or not-hmo) of each property.
 * - `f_own_facts (uprn or aid, as_of, private_rented, hmo_live, selective_live,
 *   hmo_ever, hmo_found, conclusive)`: the same facts for each anchor row at
 *   its as_of, 1 or 0 (only to leave the property itself out of the counts
 *   of its landlord, postcode and ward).
 *
 * Expects the CTE `a` (the anchor rows with their property's columns) of
 * `featureSelectSql` before them.
 */
export function propertyFactsCtes(plan: FeaturePlan = 'reference'): Array<[string, string]> {
  const key = anchorKey(plan);
  return [
    [
      'f_spans',
      `f_spans AS (
  SELECT borough_code, uprn, grp, min(start_date) AS start_date, max(end_date) AS end_date
  FROM (
    SELECT *, sum(CASE WHEN start_date <= previous_end THEN 0 ELSE 1 END)
      OVER (PARTITION BY borough_code, uprn, grp ORDER BY start_date, end_date ROWS UNBOUNDED PRECEDING) AS span
    FROM (
      SELECT borough_code, uprn, grp, start_date, end_date,
        max(end_date) OVER (PARTITION BY borough_code, uprn, grp ORDER BY start_date, end_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
      FROM (
        SELECT borough_code, uprn, CASE WHEN scheme IN (${hmo}) THEN 'hmo' ELSE 'selective' END AS grp, start_date, end_date
        FROM licences
        WHERE start_date <= end_date AND scheme IN (${hmo}, 'selective')
      )
    )
  )
  GROUP BY borough_code, uprn, grp, span
)`,
    ],
    [
      'f_first',
      `f_first AS (
  SELECT borough_code, uprn, min(hmo_licence) AS hmo_licence, min(hmo_found) AS hmo_found, min(conclusive) AS conclusive
  FROM (
    SELECT borough_code, uprn, start_date AS hmo_licence, CAST(NULL AS DATE) AS hmo_found, CAST(NULL AS DATE) AS conclusive
    FROM licences WHERE scheme IN (${hmo})
    UNION ALL
    SELECT borough_code, uprn, CAST(NULL AS DATE),
      CASE WHEN outcome = 'hmo' THEN inspection_date END,
      CASE WHEN outcome IN ('hmo', 'not-hmo') THEN inspection_date END
    FROM inspections
  )
  GROUP BY borough_code, uprn
)`,
    ],
    [
      'f_own_facts',
      `f_own_facts AS (
  SELECT ${key.columns('a')},
    CASE WHEN a.tenure = 'private-rented' THEN 1 ELSE 0 END AS private_rented,
    coalesce(lv.hmo_live, 0) AS hmo_live,
    coalesce(lv.selective_live, 0) AS selective_live,
    CASE WHEN ff.hmo_licence <= a.as_of THEN 1 ELSE 0 END AS hmo_ever,
    CASE WHEN ff.hmo_found <= a.as_of THEN 1 ELSE 0 END AS hmo_found,
    CASE WHEN ff.conclusive <= a.as_of THEN 1 ELSE 0 END AS conclusive
  FROM a
  LEFT JOIN f_first ff ON ff.borough_code = a.borough_code AND ff.uprn = a.uprn
  LEFT JOIN (
    SELECT ${key.columns('an')},
      max(CASE WHEN s.grp = 'hmo' THEN 1 ELSE 0 END) AS hmo_live,
      max(CASE WHEN s.grp = 'selective' THEN 1 ELSE 0 END) AS selective_live
    FROM anchors an
    JOIN f_spans s ON s.borough_code = an.borough_code AND s.uprn = an.uprn
    WHERE s.start_date <= an.as_of AND s.end_date >= an.as_of
    GROUP BY ${key.columns('an')}
  ) lv ON ${key.on('lv', 'a')}
)`,
    ],
  ];
}
