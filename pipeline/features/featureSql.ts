import { loadSchema } from '../standard/schema.js';
import { complaintFeatureName } from './complaintFeatureName.js';
import { cumulativeCountsSql } from './cumulativeCountsSql.js';
import { FEATURE_FAMILIES, familiesSql } from './families/featureFamilies.js';
import { HMO_SCHEME_LIST } from './families/hmoSchemes.js';
import { anchorKey } from './families/anchorKey.js';
import type { FeatureSpec, FeatureWindows } from './FeatureSpec.js';
import type { FeaturePlan, SharedMeasures } from './families/FeatureFamily.js';
import type { TableName } from '../standard/schema.js';

/** The licence schemes that make a property a licensed HMO (standard, section 3). */
export const HMO_SCHEMES = HMO_SCHEME_LIST;

/**
 * How the landlord and ward counts at `as_of` are computed: `reference` joins
 * each (landlord or ward, as_of) pair to the records (the definition, hashed
 * by `catalogueHash`); `cumulative` reads running totals (`cumulativeCountsSql`:
 * the same values, far cheaper when the rows have many as_of dates), and the
 * families' cheaper plans (see `FeaturePlan` in families/FeatureFamily.ts).
 */
export type { FeaturePlan };

/**
 * The statement that creates the temporary table `anchors` that
 * `featureSelectSql` reads, from a query of distinct `(borough_code, uprn,
 * as_of, ...)` rows: the same columns and an integer `aid` numbering the rows
 * in (UPRN, as_of) order, which the cumulative plan keys its per-anchor
 * results on (see `anchorKey`).
 *
 * @example
 *   await db.run(anchorsTableSql(`SELECT borough_code, uprn, DATE '2026-09-30' AS as_of FROM properties`));
 */
export function anchorsTableSql(pairs: string): string {
  return `CREATE OR REPLACE TEMP TABLE anchors AS
SELECT CAST(row_number() OVER (ORDER BY uprn, as_of) AS INTEGER) AS aid, * FROM (${pairs})`;
}

/**
 * The SQL that computes every catalogue feature for the rows of a temporary
 * table `anchors (aid, borough_code, uprn, as_of, ...)` (`anchorsTableSql`;
 * the reference plan does not need `aid`), over the views of
 * `openDropDb`. One row per anchor, ordered by UPRN; columns `borough_code`,
 * `uprn`, `as_of`, then the catalogue's features in order (DOUBLE for numeric
 * and binary, VARCHAR for categorical), then `passThrough` columns of
 * `anchors`.
 *
 * Point in time: a record counts only if it is dated on or before the row's
 * `as_of` (registration, account start, claim start, complaint, inspection,
 * licence start); a record that started by `as_of` and ends or is removed
 * after it is live at `as_of` (its end lies in the future of `as_of`).
 * Callers choose `as_of`: the extract date for scoring, the day before the
 * inspection for training. Anchors' (UPRN, as_of) pairs must be unique (a
 * property has one training row per inspection date). `plan` changes
 * how, never what, is computed (see `FeaturePlan`); `order: 'none'` leaves
 * the rows unsorted, for a caller that sorts them itself.
 *
 * @example
 *   await db.run(anchorsTableSql(`SELECT borough_code, uprn, DATE '2026-09-30' AS as_of FROM properties`));
 *   await db.all(featureSelectSql(featureCatalogue(), { recent_months: 12, long_months: 36 }));
 */
export function featureSelectSql(
  catalogue: readonly FeatureSpec[],
  windows: FeatureWindows,
  passThrough: readonly string[] = [],
  plan: FeaturePlan = 'cumulative',
  order: 'uprn' | 'none' = 'uprn',
): string {
  const months = (n: number) => Math.floor(n);
  const since = (n: number) => `CAST(an.as_of - INTERVAL ${months(n)} MONTH AS DATE)`;
  const sinceWard = (n: number) => `CAST(wa.as_of - INTERVAL ${months(n)} MONTH AS DATE)`;
  const R = windows.recent_months;
  const L = windows.long_months;
  const widest = Math.max(R, L);
  const hmoSchemes = HMO_SCHEMES.map((s) => `'${s}'`).join(', ');
  const categories = loadSchema()
    .table('complaints')
    .columns.find((c) => c.name === 'category')?.values ?? [];

  const key = anchorKey(plan);
  // The cumulative plan hands the catalogue's measures of each dated table to the family that aggregates the
  // table (`SharedMeasures`): one join and one GROUP BY pass per table. A table no family serves keeps its own CTE below.
  const families = familiesSql(FEATURE_FAMILIES, windows, plan, plan === 'reference' ? new Map() : sharedMeasures(windows, categories));
  const served = (table: TableName, own: string): string => families.serves?.get(table) ?? own;
  const er = served('electoral_register', 'er');
  const ct = served('council_tax', 'ct');
  const hb = served('housing_benefit', 'hb');
  const cp = served('complaints', 'cp');
  const ownLicence = `CASE WHEN ol.${key.id} IS NULL THEN 0 ELSE 1 END`;
  const expressions = new Map<string, string>([
    ['electors_current', `coalesce(${er}.electors_current, 0)`],
    ['surnames_current', `coalesce(${er}.surnames_current, 0)`],
    ['surname_diversity', `${er}.surnames_current / nullif(${er}.electors_current, 0)`],
    ['registrations_recent', `coalesce(${er}.registrations_recent, 0)`],
    ['registrations_long', `coalesce(${er}.registrations_long, 0)`],
    ['removals_recent', `coalesce(${er}.removals_recent, 0)`],
    ['ct_live_accounts', `coalesce(${ct}.live_accounts, 0)`],
    ['ct_single_person_discount', `CASE WHEN coalesce(${ct}.live_accounts, 0) = 0 THEN NULL ELSE ${ct}.single_person_discount::INTEGER END`],
    [
      'ct_discount_with_electors',
      `CASE WHEN coalesce(${ct}.live_accounts, 0) = 0 THEN NULL WHEN ${ct}.single_person_discount AND coalesce(${er}.electors_current, 0) >= 2 THEN 1 ELSE 0 END`,
    ],
    ['ct_student_exemption', `CASE WHEN coalesce(${ct}.live_accounts, 0) = 0 THEN NULL ELSE ${ct}.student_exemption::INTEGER END`],
    ['ct_liable_persons', `${ct}.liable_persons`],
    ['ct_accounts_opened_long', `coalesce(${ct}.opened_long, 0)`],
    ['housing_benefit_supplied', 'a.has_housing_benefit::INTEGER'],
    ['hb_live_claims', `CASE WHEN a.has_housing_benefit THEN coalesce(${hb}.live_claims, 0) END`],
    ['hb_shared_rate_claims', `CASE WHEN a.has_housing_benefit THEN coalesce(${hb}.shared_rate_claims, 0) END`],
    ['hb_claimants_long', `CASE WHEN a.has_housing_benefit THEN coalesce(${hb}.claimants_long, 0) END`],
    ['hb_median_weekly_rent', `CASE WHEN a.has_housing_benefit THEN ${hb}.median_weekly_rent END`],
    ['complaints_supplied', 'a.has_complaints::INTEGER'],
    ['complaints_recent', `CASE WHEN a.has_complaints THEN coalesce(${cp}.recent_all, 0) END`],
    ['complaints_long', `CASE WHEN a.has_complaints THEN coalesce(${cp}.long_all, 0) END`],
    ...categories.flatMap((category, i): Array<[string, string]> => [
      [complaintFeatureName(category, 'recent'), `CASE WHEN a.has_complaints THEN coalesce(${cp}.recent_${i}, 0) END`],
      [complaintFeatureName(category, 'long'), `CASE WHEN a.has_complaints THEN coalesce(${cp}.long_${i}, 0) END`],
    ]),
    ['habitable_rooms', 'a.habitable_rooms'],
    ['floor_area_m2', 'a.floor_area_m2'],
    ['floor_area_per_room', 'a.floor_area_m2 / nullif(a.habitable_rooms, 0)'],
    ['year_built', 'a.year_built'],
    ['property_type', 'a.property_type'],
    ['built_form', 'a.built_form'],
    ['council_tax_band', 'a.council_tax_band'],
    ['tenure', 'a.tenure'],
    ['epc_rating', 'a.epc_rating'],
    [
      'landlord_other_licensed_hmos',
      `CASE WHEN a.landlord_ref IS NULL THEN NULL ELSE coalesce(ll.licensed, 0) - ${ownLicence} END`,
    ],
    ['landlord_other_properties', 'CASE WHEN a.landlord_ref IS NULL THEN NULL ELSE ls.properties - 1 END'],
    [
      'ward_licensed_hmo_share',
      `(coalesce(wl.licensed, 0) - ${ownLicence}) / nullif(ws.properties - 1, 0)`,
    ],
    [
      'ward_hmo_inspection_rate',
      '(coalesce(wi.hmo, 0) - coalesce(oi.hmo, 0)) / nullif(coalesce(wi.conclusive, 0) - coalesce(oi.conclusive, 0), 0)',
    ],
    ['ward_complaint_rate', 'CASE WHEN a.has_complaints THEN 100.0 * coalesce(wc.complaints, 0) / ws.properties END'],
  ]);

  // The feature families (pipeline/features/families): their CTEs follow the catalogue's own, their joins the last one.
  for (const [name, expression] of families.expressions) {
    if (expressions.has(name)) throw new Error(`Feature "${name}" is computed twice: by featureSql and by a feature family`);
    expressions.set(name, expression);
  }

  const selected = catalogue.map((f) => {
    const expression = expressions.get(f.name);
    if (expression === undefined) throw new Error(`Feature "${f.name}" is in the catalogue but featureSql has no expression for it`);
    return `CAST(${expression} AS ${f.kind === 'categorical' ? 'VARCHAR' : 'DOUBLE'}) AS "${f.name}"`;
  });
  const known = new Set(catalogue.map((f) => f.name));
  const orphan = [...expressions.keys()].filter((name) => !known.has(name));
  if (orphan.length > 0) throw new Error(`featureSql computes ${orphan.join(', ')}, which the catalogue does not list`);

  const live = (alias: string, start: string, end: string) => `${alias}.${start} <= an.as_of AND (${alias}.${end} IS NULL OR ${alias}.${end} > an.as_of)`;
  const liveLicence = (alias: string, asOf: string) => `${alias}.start_date <= ${asOf} AND ${alias}.end_date >= ${asOf}`;
  // Properties with a live HMO licence on each as_of date, per ward or per landlord (the reference plan's joins).
  const licensedAsOf = (name: string, from: string, alias: string, key: string) => `${name} AS (
  SELECT ${alias}.borough_code, ${alias}.${key}, ${alias}.as_of, count(DISTINCT hl.uprn) AS licensed
  FROM ${from} ${alias}
  JOIN hmo_licences hl ON hl.borough_code = ${alias}.borough_code AND hl.${key} = ${alias}.${key}
  WHERE ${liveLicence('hl', `${alias}.as_of`)}
  GROUP BY ALL
)`;
  const complaintCounts = categories.flatMap((category, i) => [
    `count(*) FILTER (WHERE c.category = '${category.replace(/'/g, "''")}' AND c.received_date > ${since(R)}) AS recent_${i}`,
    `count(*) FILTER (WHERE c.category = '${category.replace(/'/g, "''")}' AND c.received_date > ${since(L)}) AS long_${i}`,
  ]);

  const cumulative = cumulativeCountsSql(sinceWard(R));
  const landlordLicensed =
    plan === 'reference'
      ? licensedAsOf('ll', '(SELECT DISTINCT borough_code, landlord_ref, as_of FROM a WHERE landlord_ref IS NOT NULL)', 'la', 'landlord_ref')
      : cumulative.landlordLicensed;
  const wardLicensed =
    plan === 'reference'
      ? licensedAsOf('wl', 'ward_asof', 'wa', 'ward_code')
      : cumulative.wardLicensed;
  const wardInspections =
    plan === 'reference'
      ? `wi AS (
  SELECT wa.borough_code, wa.ward_code, wa.as_of, count(*) AS conclusive, count(*) FILTER (WHERE ci.is_hmo) AS hmo
  FROM ward_asof wa
  JOIN conclusive ci ON ci.borough_code = wa.borough_code AND ci.ward_code = wa.ward_code
  WHERE ci.inspection_date <= wa.as_of
  GROUP BY ALL
)`
      : cumulative.wardInspections;
  const wardComplaints =
    plan === 'reference'
      ? `wc AS (
  SELECT wa.borough_code, wa.ward_code, wa.as_of, count(*) AS complaints
  FROM ward_asof wa
  JOIN ward_complaints c ON c.borough_code = wa.borough_code AND c.ward_code = wa.ward_code
  WHERE c.received_date <= wa.as_of AND c.received_date > ${sinceWard(R)}
  GROUP BY ALL
)`
      : cumulative.wardComplaints;

  // The catalogue's own per-anchor aggregates of the dated tables, for the tables no family serves (every table, in the reference plan).
  const ownER = `er AS (
  SELECT ${key.columns('an')},
    count(DISTINCT e.elector_ref) FILTER (WHERE e.removed_date IS NULL OR e.removed_date > an.as_of) AS electors_current,
    count(DISTINCT e.surname_key) FILTER (WHERE e.removed_date IS NULL OR e.removed_date > an.as_of) AS surnames_current,
    count(*) FILTER (WHERE e.registered_date > ${since(R)}) AS registrations_recent,
    count(*) FILTER (WHERE e.registered_date > ${since(L)}) AS registrations_long,
    count(*) FILTER (WHERE e.removed_date <= an.as_of AND e.removed_date > ${since(R)}) AS removals_recent
  FROM anchors an
  JOIN electoral_register e ON e.borough_code = an.borough_code AND e.uprn = an.uprn
  WHERE e.registered_date <= an.as_of
  GROUP BY ${key.columns('an')}
)`;
  const ownCT = `ct AS (
  SELECT ${key.columns('an')},
    count(DISTINCT c.account_ref) FILTER (WHERE ${live('c', 'start_date', 'end_date')}) AS live_accounts,
    bool_or(c.single_person_discount) FILTER (WHERE ${live('c', 'start_date', 'end_date')}) AS single_person_discount,
    bool_or(c.student_exemption) FILTER (WHERE ${live('c', 'start_date', 'end_date')}) AS student_exemption,
    max(c.liable_persons) FILTER (WHERE ${live('c', 'start_date', 'end_date')}) AS liable_persons,
    count(*) FILTER (WHERE c.start_date > ${since(L)}) AS opened_long
  FROM anchors an
  JOIN council_tax c ON c.borough_code = an.borough_code AND c.uprn = an.uprn
  WHERE c.start_date <= an.as_of
  GROUP BY ${key.columns('an')}
)`;
  const ownHB = `hb AS (
  SELECT ${key.columns('an')},
    count(DISTINCT h.claim_ref) FILTER (WHERE ${live('h', 'start_date', 'end_date')}) AS live_claims,
    count(DISTINCT h.claim_ref) FILTER (WHERE ${live('h', 'start_date', 'end_date')} AND h.shared_accommodation_rate) AS shared_rate_claims,
    count(DISTINCT h.claim_ref) FILTER (WHERE h.end_date IS NULL OR h.end_date > ${since(L)}) AS claimants_long,
    median(h.weekly_rent) FILTER (WHERE ${live('h', 'start_date', 'end_date')}) AS median_weekly_rent
  FROM anchors an
  JOIN housing_benefit h ON h.borough_code = an.borough_code AND h.uprn = an.uprn
  WHERE h.start_date <= an.as_of
  GROUP BY ${key.columns('an')}
)`;
  const ownCP = `cp AS (
  SELECT ${key.columns('an')},
    count(*) FILTER (WHERE c.received_date > ${since(R)}) AS recent_all,
    count(*) FILTER (WHERE c.received_date > ${since(L)}) AS long_all,
    ${complaintCounts.join(',\n    ')}
  FROM anchors an
  JOIN complaints c ON c.borough_code = an.borough_code AND c.uprn = an.uprn
  WHERE c.received_date <= an.as_of AND c.received_date > ${since(widest)}
  GROUP BY ${key.columns('an')}
)`;
  const own = [
    { name: 'er', alias: er, sql: ownER },
    { name: 'ct', alias: ct, sql: ownCT },
    { name: 'hb', alias: hb, sql: ownHB },
    { name: 'cp', alias: cp, sql: ownCP },
  ].filter((aggregate) => aggregate.alias === aggregate.name);
  const ownAggregates = own.map((aggregate) => `${aggregate.sql},\n`).join('');
  const ownJoins = own.map((aggregate) => `LEFT JOIN ${aggregate.name} ON ${key.on(aggregate.name, 'a')}\n`).join('');

  return `
WITH
a AS (
  SELECT an.borough_code, ${plan === 'reference' ? '' : 'an.aid, '}an.uprn, an.as_of, p.ward_code, p.postcode, p.landlord_ref,
         p.habitable_rooms, p.floor_area_m2, p.year_built, p.property_type, p.built_form,
         p.council_tax_band, p.tenure, p.epc_rating, b.has_housing_benefit, b.has_complaints${passThrough.map((c) => `, an."${c}"`).join('')}
  FROM anchors an
  JOIN properties p ON p.borough_code = an.borough_code AND p.uprn = an.uprn
  JOIN boroughs b ON b.borough_code = an.borough_code
),
${ownAggregates}hmo_licences AS (
  SELECT l.borough_code, l.uprn, l.start_date, l.end_date, p.ward_code, p.landlord_ref
  FROM licences l
  JOIN properties p ON p.borough_code = l.borough_code AND p.uprn = l.uprn
  WHERE l.scheme IN (${hmoSchemes})
),
ol AS (
  -- Only to leave the property's own licence out of the landlord and ward counts: never an input.
  SELECT DISTINCT ${key.columns('an')}
  FROM anchors an
  JOIN hmo_licences hl ON hl.borough_code = an.borough_code AND hl.uprn = an.uprn
  WHERE ${liveLicence('hl', 'an.as_of')}
),
ls AS (
  SELECT borough_code, landlord_ref, count(*) AS properties
  FROM properties WHERE landlord_ref IS NOT NULL GROUP BY ALL
),
${landlordLicensed},
ward_asof AS (
  SELECT DISTINCT borough_code, ward_code, as_of FROM a
),
ws AS (
  SELECT borough_code, ward_code, count(*) AS properties FROM properties GROUP BY ALL
),
${wardLicensed},
conclusive AS (
  SELECT i.borough_code, i.uprn, i.inspection_date, i.outcome = 'hmo' AS is_hmo, p.ward_code
  FROM inspections i
  JOIN properties p ON p.borough_code = i.borough_code AND p.uprn = i.uprn
  WHERE i.outcome IN ('hmo', 'not-hmo')
),
${wardInspections},
oi AS (
  SELECT ${key.columns('an')}, count(*) AS conclusive, count(*) FILTER (WHERE ci.is_hmo) AS hmo
  FROM anchors an
  JOIN conclusive ci ON ci.borough_code = an.borough_code AND ci.uprn = an.uprn
  WHERE ci.inspection_date <= an.as_of
  GROUP BY ${key.columns('an')}
),
ward_complaints AS (
  SELECT c.borough_code, p.ward_code, c.received_date
  FROM complaints c
  JOIN properties p ON p.borough_code = c.borough_code AND p.uprn = c.uprn
),
${[wardComplaints, ...families.ctes.map(([, sql]) => sql)].join(',\n')}
SELECT a.borough_code, a.uprn, a.as_of,
  ${selected.join(',\n  ')}${passThrough.map((c) => `,\n  a."${c}"`).join('')}
FROM a
${ownJoins}LEFT JOIN ol ON ${key.on('ol', 'a')}
LEFT JOIN ls ON ls.borough_code = a.borough_code AND ls.landlord_ref = a.landlord_ref
LEFT JOIN ll ON ll.borough_code = a.borough_code AND ll.landlord_ref = a.landlord_ref AND ll.as_of = a.as_of
LEFT JOIN ws ON ws.borough_code = a.borough_code AND ws.ward_code = a.ward_code
LEFT JOIN wl ON wl.borough_code = a.borough_code AND wl.ward_code = a.ward_code AND wl.as_of = a.as_of
LEFT JOIN wi ON wi.borough_code = a.borough_code AND wi.ward_code = a.ward_code AND wi.as_of = a.as_of
LEFT JOIN oi ON ${key.on('oi', 'a')}
LEFT JOIN wc ON wc.borough_code = a.borough_code AND wc.ward_code = a.ward_code AND wc.as_of = a.as_of
${families.joins.join('\n')}
${order === 'uprn' ? 'ORDER BY a.uprn, a.as_of' : ''}`;
}

/**
 * The catalogue's own measures of the dated tables (`er`, `ct`, `hb`, `cp`
 * of the reference plan: the same values, written over the rows `t` for
 * the families that aggregate each table, `SharedMeasures`) in the
 * cumulative plan. `count(DISTINCT ref) FILTER (...)` becomes a people count.
 *
 * @example
 *   sharedMeasures({ recent_months: 12, long_months: 36 }, ['noise']).get('council_tax')?.people;
 *   // [['live_accounts', 't.start_date <= an.as_of AND (t.end_date IS NULL OR t.end_date > an.as_of)']]
 */
export function sharedMeasures(windows: FeatureWindows, categories: readonly string[]): ReadonlyMap<TableName, SharedMeasures> {
  const since = (n: number) => `CAST(an.as_of - INTERVAL ${Math.floor(n)} MONTH AS DATE)`;
  const R = windows.recent_months;
  const L = windows.long_months;
  const live = `t.start_date <= an.as_of AND (t.end_date IS NULL OR t.end_date > an.as_of)`;
  const stillRegistered = 't.removed_date IS NULL OR t.removed_date > an.as_of';
  return new Map<TableName, SharedMeasures>([
    [
      'electoral_register',
      {
        rows: [
          `count(DISTINCT t.surname_key) FILTER (WHERE ${stillRegistered}) AS surnames_current`,
          `count(*) FILTER (WHERE t.registered_date > ${since(R)}) AS registrations_recent`,
          `count(*) FILTER (WHERE t.registered_date > ${since(L)}) AS registrations_long`,
          `count(*) FILTER (WHERE t.removed_date <= an.as_of AND t.removed_date > ${since(R)}) AS removals_recent`,
        ],
        people: [['electors_current', stillRegistered]],
      },
    ],
    [
      'council_tax',
      {
        rows: [
          `bool_or(t.single_person_discount) FILTER (WHERE ${live}) AS single_person_discount`,
          `bool_or(t.student_exemption) FILTER (WHERE ${live}) AS student_exemption`,
          `max(t.liable_persons) FILTER (WHERE ${live}) AS liable_persons`,
          `count(*) FILTER (WHERE t.start_date > ${since(L)}) AS opened_long`,
        ],
        people: [['live_accounts', live]],
      },
    ],
    [
      'housing_benefit',
      {
        rows: [`median(t.weekly_rent) FILTER (WHERE ${live}) AS median_weekly_rent`],
        people: [
          ['live_claims', live],
          ['shared_rate_claims', `${live} AND t.shared_accommodation_rate`],
          ['claimants_long', `t.end_date IS NULL OR t.end_date > ${since(L)}`],
        ],
      },
    ],
    [
      'complaints',
      {
        // The reference's cp reads only the widest window's complaints; its counts are all inside it, so reading every complaint gives the same ones.
        rows: [
          `count(*) FILTER (WHERE t.received_date > ${since(R)}) AS recent_all`,
          `count(*) FILTER (WHERE t.received_date > ${since(L)}) AS long_all`,
          ...categories.flatMap((category, i) => [
            `count(*) FILTER (WHERE t.category = '${category.replace(/'/g, "''")}' AND t.received_date > ${since(R)}) AS recent_${i}`,
            `count(*) FILTER (WHERE t.category = '${category.replace(/'/g, "''")}' AND t.received_date > ${since(L)}) AS long_${i}`,
          ]),
        ],
      },
    ],
  ]);
}
