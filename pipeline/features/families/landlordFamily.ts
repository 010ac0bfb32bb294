import { anchorKey } from './anchorKey.js';
import type { FeatureSpec, FeatureWindows } from '../FeatureSpec.js';
import type { FamilySql, FeatureFamily, FeaturePlan } from './FeatureFamily.js';
import { membershipCountsSql } from './membershipCountsSql.js';
import { count, num, percent } from './phrases.js';
import { propertyFactsCtes } from './propertyFactsSql.js';

/** The earliest date: an undated link (properties.landlord_ref) holds from the start. */
const ALWAYS = "DATE '0001-01-01'";

/**
 * The landlord network: a property is linked to a landlord by every table of
 * the standard that carries `landlord_ref` (properties.csv, undated; and
 * housing_benefit.csv, from the start of the first claim at the property
 * naming that landlord). For each landlord linked to the property by as_of,
 * its OTHER properties (the property itself left out) are counted as of
 * as_of: how many, how many hold a current HMO licence, have ever held one,
 * were found to be HMOs at inspection, and the complaints about them. A
 * property with several landlords takes the largest count of each (its
 * busiest landlord). Null when no landlord is linked by as_of.
 *
 * @example
 *   landlordFamily.specs(windows).map((f) => f.name); // ['landlord_links', 'landlord_portfolio', ...]
 */
export const landlordFamily: FeatureFamily = {
  name: 'landlord network',
  summary:
    "The landlord's other properties, linked through every table that carries landlord_ref (properties and housing benefit claims): portfolio size, their HMO licences (current and ever), HMO findings at inspection and complaints, as of the row's date, the property itself left out.",
  specs: (windows) => specs(windows),
  sql: (windows, plan) => sql(windows, plan),
};

const SOURCES = ['properties', 'housing_benefit', 'licences', 'inspections', 'complaints'] as const;
const NO_LANDLORD = 'null when no landlord is linked to the property by as_of (landlord_links = 0)';

function specs(windows: FeatureWindows): FeatureSpec[] {
  const L = windows.long_months;
  return [
    {
      name: 'landlord_links',
      kind: 'numeric',
      meaning: 'Distinct landlords linked to the property by as_of (properties.landlord_ref; landlord_ref of housing benefit claims started by as_of).',
      sources: ['properties', 'housing_benefit'],
      window: 'up to and including as_of',
      nulls: 'never null (0 when no landlord is on record)',
      group: 'landlord_links',
      evidence: () => null,
    },
    {
      name: 'landlord_portfolio',
      kind: 'numeric',
      meaning: "Other properties in the borough linked to the property's landlord by as_of (the largest over its landlords).",
      sources: ['properties', 'housing_benefit'],
      window: 'up to and including as_of',
      nulls: NO_LANDLORD,
      group: 'landlord',
      evidence: (row, asOf) => {
        const n = num(row.landlord_portfolio);
        return n !== null && n >= 2 ? `landlord has ${count(n, 'other property', 'other properties')} in the borough (council records, as of ${asOf})` : null;
      },
    },
    {
      name: 'landlord_others_hmo_licensed',
      kind: 'numeric',
      meaning: "Other properties of the landlord holding a current mandatory or additional HMO licence at as_of (links from every table with landlord_ref).",
      sources: [...SOURCES.filter((s) => s !== 'inspections' && s !== 'complaints')],
      window: 'at as_of',
      nulls: NO_LANDLORD,
      group: 'landlord',
      evidence: (row, asOf) => {
        const n = num(row.landlord_others_hmo_licensed);
        return n !== null && n >= 1 ? `landlord holds ${count(n, 'other licensed HMO')} in the borough (as of ${asOf})` : null;
      },
    },
    {
      name: 'landlord_others_hmo_licensed_ever',
      kind: 'numeric',
      meaning: 'Other properties of the landlord that held a mandatory or additional HMO licence started by as_of (current or expired).',
      sources: [...SOURCES.filter((s) => s !== 'inspections' && s !== 'complaints')],
      window: 'up to and including as_of',
      nulls: NO_LANDLORD,
      group: 'landlord_history',
      evidence: (row, asOf) => {
        const n = num(row.landlord_others_hmo_licensed_ever);
        return n !== null && n >= 1 ? `landlord has held HMO licences for ${count(n, 'other property', 'other properties')} (licence register, up to ${asOf})` : null;
      },
    },
    {
      name: 'landlord_others_hmo_found',
      kind: 'numeric',
      meaning: "Other properties of the landlord where an inspection dated by as_of found an HMO.",
      sources: ['properties', 'housing_benefit', 'inspections'],
      window: 'up to and including as_of',
      nulls: NO_LANDLORD,
      group: 'landlord_found',
      evidence: (row, asOf) => foundSentence(row, asOf),
    },
    {
      name: 'landlord_others_hmo_found_rate',
      kind: 'numeric',
      meaning: "landlord_others_hmo_found / the landlord's other properties with a conclusive inspection (hmo or not-hmo) dated by as_of.",
      sources: ['properties', 'housing_benefit', 'inspections'],
      window: 'up to and including as_of',
      nulls: `${NO_LANDLORD}; null when none of its other properties had a conclusive inspection by as_of`,
      group: 'landlord_found',
      evidence: (row, asOf) => foundSentence(row, asOf),
    },
    {
      name: `landlord_others_complaints_${L}m`,
      kind: 'numeric',
      meaning: `Complaints about the landlord's other properties in the ${L} months up to and including as_of (long window).`,
      sources: ['properties', 'housing_benefit', 'complaints'],
      window: `the ${L} months up to and including as_of`,
      nulls: `${NO_LANDLORD}; null when the borough did not supply complaints.csv`,
      group: 'landlord_complaints',
      evidence: (row, asOf) => {
        const n = num(row[`landlord_others_complaints_${L}m`]);
        return n !== null && n >= 3 ? `${count(n, 'complaint')} about the landlord's other properties in the ${L} months to ${asOf}` : null;
      },
    },
  ];
}

function foundSentence(row: Parameters<FeatureSpec['evidence']>[0], asOf: string): string | null {
  const n = num(row.landlord_others_hmo_found);
  const rate = num(row.landlord_others_hmo_found_rate);
  if (n === null || n < 1) return null;
  const share = rate !== null && rate < 1 ? ` (${percent(rate)} of those inspected)` : '';
  return `inspections found HMOs at ${count(n, 'other property', 'other properties')} of the same landlord${share}, up to ${asOf}`;
}

function sql(windows: FeatureWindows, plan: FeaturePlan): FamilySql {
  const key = anchorKey(plan);
  const L = windows.long_months;
  const membership = membershipCountsSql({
    id: 'll',
    members: `SELECT lk.borough_code, lk.k, lk.uprn, lk.since, CASE WHEN p.tenure = 'private-rented' THEN 1 ELSE 0 END AS private_rented
  FROM (
    SELECT borough_code, k, uprn, min(since) AS since
    FROM (
      SELECT borough_code, landlord_ref AS k, uprn, ${ALWAYS} AS since FROM properties WHERE landlord_ref IS NOT NULL
      UNION ALL
      SELECT borough_code, landlord_ref AS k, uprn, start_date AS since FROM housing_benefit WHERE landlord_ref IS NOT NULL AND start_date IS NOT NULL
    )
    GROUP BY borough_code, k, uprn
  ) lk
  JOIN properties p ON p.borough_code = lk.borough_code AND p.uprn = lk.uprn`,
    anchorKeys: `SELECT ${key.columnsWithUprn('an')}, an.borough_code, mb.k, mb.since
  FROM anchors an
  JOIN f_ll_members mb ON mb.borough_code = an.borough_code AND mb.uprn = an.uprn
  WHERE mb.since <= an.as_of`,
    complaintMonths: L,
  }, plan);
  const ctes: Array<[string, string]> = [
    ...propertyFactsCtes(plan),
    ...membership,
    [
      'f_ll',
      `f_ll AS (
  SELECT ${key.columns()}, count(*) AS links,
    max(members) AS portfolio,
    max(hmo_live) AS hmo_live,
    max(hmo_ever) AS hmo_ever,
    max(hmo_found) AS hmo_found,
    max(hmo_found / nullif(conclusive, 0)) AS hmo_found_rate,
    max(complaints) AS complaints
  FROM f_ll_others
  GROUP BY ${key.columns()}
)`,
    ],
  ];
  const linked = (expression: string) => `CASE WHEN f_ll.links IS NULL THEN NULL ELSE ${expression} END`;
  return {
    ctes,
    joins: [`LEFT JOIN f_ll ON ${key.on('f_ll', 'a')}`],
    expressions: new Map([
      ['landlord_links', 'coalesce(f_ll.links, 0)'],
      ['landlord_portfolio', linked('f_ll.portfolio')],
      ['landlord_others_hmo_licensed', linked('f_ll.hmo_live')],
      ['landlord_others_hmo_licensed_ever', linked('f_ll.hmo_ever')],
      ['landlord_others_hmo_found', linked('f_ll.hmo_found')],
      ['landlord_others_hmo_found_rate', linked('f_ll.hmo_found_rate')],
      [`landlord_others_complaints_${L}m`, `CASE WHEN a.has_complaints THEN ${linked('f_ll.complaints')} END`],
    ]),
  };
}
