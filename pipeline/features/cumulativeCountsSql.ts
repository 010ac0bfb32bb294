/**
 * The CTEs `ll`, `wl`, `wi` and `wc` of `featureSelectSql` (landlord and
 * ward counts at each row's `as_of`), computed from running totals per day
 * instead of joining every (landlord or ward, as_of) pair to every record of
 * that landlord or ward. Training anchors have thousands of distinct as_of
 * dates per borough, so the plain joins grow as anchors x records (millions
 * of rows for a large borough); here each count is one window pass over the
 * records and the lookup points (each (key, as_of), and for a windowed count
 * the window's start, added as a day without events), read back with one
 * equality join per (key, as_of): no ASOF join, whose fixed buffers cost more
 * than the lookups at these sizes. The values are the same integers as the
 * reference joins (checked by the features tests):
 *
 * - a count of records dated on or before as_of is the running total of the
 *   day as_of (the frame of a day takes every earlier day and the day itself);
 * - a count in (since, as_of] is the running total at as_of minus the one at
 *   `since`;
 * - a count of distinct properties with a live HMO licence (start <= as_of
 *   <= end) merges each property's licences into disjoint spans of days
 *   first, so a property adds +1 on its span's first day and -1 the day
 *   after its last, and the running total is the number of properties live.
 *
 * Rows with a null date or key are left out, as the reference's comparisons
 * leave them out. Expects the CTEs `a`, `ward_asof`, `hmo_licences`,
 * `conclusive` and `ward_complaints` of `featureSelectSql` before them, and
 * the parts in the order of `featureSelectSql` (`wardLicensed` defines the
 * `ward_points` that `wardInspections` and `wardComplaints` read).
 *
 * @example
 *   const { wardLicensed } = cumulativeCountsSql(`CAST(wa.as_of - INTERVAL 12 MONTH AS DATE)`);
 *   // 'ward_points AS (...),\nward_live AS (...),\nwl AS (...)'
 */
export function cumulativeCountsSql(wardRecentSince: string): {
  landlordLicensed: string;
  wardLicensed: string;
  wardInspections: string;
  wardComplaints: string;
} {
  // Running totals come out of sum() as HUGEINT: cast back to the BIGINT that count() gives the reference.
  // Running totals per key and day, over the key's events and its lookup points (days without events).
  const liveByDay = (name: string, key: string, points: string) => `${name} AS (
  SELECT borough_code, ${key}, day, CAST(sum(sum(delta)) OVER (PARTITION BY borough_code, ${key} ORDER BY day) AS BIGINT) AS licensed
  FROM (
    SELECT borough_code, ${key}, start_date AS day, 1 AS delta FROM hl_spans WHERE ${key} IS NOT NULL
    UNION ALL
    SELECT borough_code, ${key}, CAST(end_date + 1 AS DATE) AS day, -1 AS delta FROM hl_spans WHERE ${key} IS NOT NULL
    UNION ALL
    SELECT borough_code, ${key}, as_of AS day, 0 AS delta FROM ${points}
  )
  GROUP BY borough_code, ${key}, day
)`;
  return {
    landlordLicensed: `hl_spans AS (
  -- One row per run of overlapping HMO licences of a property: a property counts once however many licences it holds.
  SELECT borough_code, uprn, ward_code, landlord_ref, min(start_date) AS start_date, max(end_date) AS end_date
  FROM (
    SELECT *, sum(CASE WHEN start_date <= previous_end THEN 0 ELSE 1 END)
      OVER (PARTITION BY borough_code, uprn ORDER BY start_date, end_date ROWS UNBOUNDED PRECEDING) AS span
    FROM (
      SELECT borough_code, uprn, ward_code, landlord_ref, start_date, end_date,
        max(end_date) OVER (PARTITION BY borough_code, uprn ORDER BY start_date, end_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
      FROM hmo_licences
      WHERE start_date <= end_date
    )
  )
  GROUP BY borough_code, uprn, ward_code, landlord_ref, span
),
landlord_asof AS (
  SELECT DISTINCT borough_code, landlord_ref, as_of FROM a WHERE landlord_ref IS NOT NULL
),
${liveByDay('landlord_live', 'landlord_ref', 'landlord_asof')},
ll AS (
  SELECT la.borough_code, la.landlord_ref, la.as_of, l.licensed
  FROM landlord_asof la
  JOIN landlord_live l ON l.borough_code = la.borough_code AND l.landlord_ref = la.landlord_ref AND l.day = la.as_of
)`,
    wardLicensed: `ward_points AS (
  SELECT borough_code, ward_code, as_of, ${wardRecentSince} AS since FROM ward_asof wa WHERE ward_code IS NOT NULL
),
${liveByDay('ward_live', 'ward_code', 'ward_points')},
wl AS (
  SELECT wa.borough_code, wa.ward_code, wa.as_of, l.licensed
  FROM ward_points wa
  JOIN ward_live l ON l.borough_code = wa.borough_code AND l.ward_code = wa.ward_code AND l.day = wa.as_of
)`,
    wardInspections: `ward_inspection_days AS (
  SELECT borough_code, ward_code, inspection_date,
    CAST(sum(sum(n)) OVER days AS BIGINT) AS conclusive,
    CAST(sum(sum(CASE WHEN is_hmo THEN n ELSE 0 END)) OVER days AS BIGINT) AS hmo
  FROM (
    SELECT borough_code, ward_code, inspection_date, is_hmo, 1 AS n FROM conclusive
    WHERE ward_code IS NOT NULL AND inspection_date IS NOT NULL
    UNION ALL
    SELECT borough_code, ward_code, as_of, false, 0 FROM ward_points
  )
  GROUP BY borough_code, ward_code, inspection_date
  WINDOW days AS (PARTITION BY borough_code, ward_code ORDER BY inspection_date)
),
wi AS (
  SELECT wa.borough_code, wa.ward_code, wa.as_of, d.conclusive, d.hmo
  FROM ward_points wa
  JOIN ward_inspection_days d ON d.borough_code = wa.borough_code AND d.ward_code = wa.ward_code AND d.inspection_date = wa.as_of
)`,
    wardComplaints: `ward_complaint_days AS (
  SELECT borough_code, ward_code, received_date,
    CAST(sum(sum(n)) OVER (PARTITION BY borough_code, ward_code ORDER BY received_date) AS BIGINT) AS upto
  FROM (
    SELECT borough_code, ward_code, received_date, 1 AS n FROM ward_complaints
    WHERE ward_code IS NOT NULL AND received_date IS NOT NULL
    UNION ALL
    SELECT borough_code, ward_code, as_of, 0 FROM ward_points
    UNION ALL
    SELECT borough_code, ward_code, since, 0 FROM ward_points
  )
  GROUP BY borough_code, ward_code, received_date
),
wc AS (
  SELECT wa.borough_code, wa.ward_code, wa.as_of, coalesce(u.upto, 0) - coalesce(s.upto, 0) AS complaints
  FROM ward_points wa
  JOIN ward_complaint_days u ON u.borough_code = wa.borough_code AND u.ward_code = wa.ward_code AND u.received_date = wa.as_of
  JOIN ward_complaint_days s ON s.borough_code = wa.borough_code AND s.ward_code = wa.ward_code AND s.received_date = wa.since
)`,
  };
}
