import { anchorKey } from './anchorKey.js';
import type { FeatureSpec, FeatureWindows } from '../FeatureSpec.js';
import type { FamilySql, FeatureFamily, FeaturePlan } from './FeatureFamily.js';
import { membershipCountsSql } from './membershipCountsSql.js';
import { num, percent } from './phrases.js';
import { propertyFactsCtes } from './propertyFactsSql.js';

const ALWAYS = "DATE '0001-01-01'";

/** An area of the standard's properties table: the postcode or the ward. */
interface Area {
  readonly column: 'postcode' | 'ward_code';
  /** Prefix of the feature names and words of the sentences. */
  readonly prefix: 'postcode' | 'ward';
  readonly id: 'pc' | 'wd';
}

const POSTCODE: Area = { column: 'postcode', prefix: 'postcode', id: 'pc' };
const WARD: Area = { column: 'ward_code', prefix: 'ward', id: 'wd' };

/**
 * The neighbourhood by postcode and by ward, as of each row's date, the
 * property itself left out (shares of the OTHER properties of the area):
 * private-rented homes, homes holding a current HMO licence or a current
 * selective licence, homes found to be HMOs at inspection, complaints per
 * 100 homes. Context: a list gives these only after the property's own
 * evidence. (The ward's HMO licence share, inspection hit rate and
 * complaint rate are the catalogue's `ward_*` features.)
 *
 * @example
 *   neighbourhoodFamily.specs(windows).map((f) => f.name); // ['postcode_other_properties', ...]
 */
export const neighbourhoodFamily: FeatureFamily = {
  name: 'neighbourhood',
  summary:
    'The other homes of the same postcode and ward as of the row\'s date: shares privately rented, holding an HMO or a selective licence, found to be HMOs, and complaints per 100 homes; the property itself is left out.',
  specs: (windows) => specs(windows),
  sql: (windows, plan) => sql(windows, plan),
};

function specs(windows: FeatureWindows): FeatureSpec[] {
  const R = windows.recent_months;
  const pc = POSTCODE.prefix;
  const alone = (area: string) => `null when the property is the only one in its ${area}`;
  return [
    {
      name: `${pc}_other_properties`,
      kind: 'numeric',
      meaning: 'Other properties with the same postcode (a large count is a block of flats or a converted building).',
      sources: ['properties'],
      window: 'the property records (not dated)',
      nulls: 'never null',
      group: 'postcode',
      context: true,
      evidence: () => null,
    },
    shareSpec(POSTCODE, 'private_rented_share', 'privately rented (tenure on record)', ['properties'], 'the property records (not dated)', alone('postcode'), 0.3, (share) =>
      `in a postcode where ${percent(share)} of the other homes are privately rented (property records)`,
    ),
    shareSpec(POSTCODE, 'hmo_licensed_share', 'holding a current mandatory or additional HMO licence at as_of', ['properties', 'licences'], 'at as_of', alone('postcode'), 0.0001, (share, asOf) =>
      `in a postcode where ${percent(share)} of the other homes hold an HMO licence (as of ${asOf})`,
    ),
    shareSpec(POSTCODE, 'selective_licensed_share', 'holding a current selective licence at as_of', ['properties', 'licences'], 'at as_of', alone('postcode'), null, () => ''),
    {
      name: `${pc}_hmo_found`,
      kind: 'numeric',
      meaning: 'Other properties of the postcode where an inspection dated by as_of found an HMO.',
      sources: ['properties', 'inspections'],
      window: 'up to and including as_of',
      nulls: 'never null',
      group: 'postcode_found',
      context: true,
      evidence: (row, asOf) => {
        const n = num(row[`${pc}_hmo_found`]);
        return n !== null && n >= 1 ? `${Math.round(n) === 1 ? '1 other home' : `${Math.round(n)} other homes`} in the same postcode found to be ${Math.round(n) === 1 ? 'an HMO' : 'HMOs'} at inspection (up to ${asOf})` : null;
      },
    },
    {
      name: `${pc}_complaint_rate_${R}m`,
      kind: 'numeric',
      meaning: `Complaints about the other properties of the postcode in the ${R} months up to and including as_of, per 100 of them (recent window).`,
      sources: ['properties', 'complaints'],
      window: `the ${R} months up to and including as_of`,
      nulls: `${alone('postcode')}; null when the borough did not supply complaints.csv`,
      group: 'postcode_complaints',
      context: true,
      evidence: () => null,
    },
    shareSpec(WARD, 'private_rented_share', 'privately rented (tenure on record)', ['properties'], 'the property records (not dated)', alone('ward'), 0.3, (share) =>
      `in a ward where ${percent(share)} of the other homes are privately rented (property records)`,
    ),
    shareSpec(WARD, 'selective_licensed_share', 'holding a current selective licence at as_of', ['properties', 'licences'], 'at as_of', alone('ward'), null, () => ''),
    shareSpec(WARD, 'hmo_found_share', 'found to be an HMO by an inspection dated by as_of', ['properties', 'inspections'], 'up to and including as_of', alone('ward'), null, () => ''),
  ];
}

function shareSpec(
  area: Area,
  suffix: string,
  what: string,
  sources: FeatureSpec['sources'],
  window: string,
  nulls: string,
  threshold: number | null,
  sentence: (share: number, asOf: string) => string,
): FeatureSpec {
  const name = `${area.prefix}_${suffix}`;
  return {
    name,
    kind: 'numeric',
    meaning: `Share of the other properties of the ${area.prefix} ${what}.`,
    sources,
    window,
    nulls,
    group: `${area.prefix}_${suffix}`,
    context: true,
    evidence: (row, asOf) => {
      const share = num(row[name]);
      return threshold !== null && share !== null && share >= threshold ? sentence(share, asOf) : null;
    },
  };
}

function sql(windows: FeatureWindows, plan: FeaturePlan): FamilySql {
  const key = anchorKey(plan);
  const R = windows.recent_months;
  const membership = (area: Area) =>
    membershipCountsSql({
      id: area.id,
      members: `SELECT borough_code, ${area.column} AS k, uprn, ${ALWAYS} AS since, CASE WHEN tenure = 'private-rented' THEN 1 ELSE 0 END AS private_rented
  FROM properties WHERE ${area.column} IS NOT NULL`,
      anchorKeys: `SELECT ${key.columnsWithUprn()}, borough_code, ${area.column} AS k, ${ALWAYS} AS since FROM a WHERE ${area.column} IS NOT NULL`,
      complaintMonths: R,
    }, plan);
  const ctes: Array<[string, string]> = [...propertyFactsCtes(plan), ...membership(POSTCODE), ...membership(WARD)];
  const share = (id: string, column: string) => `${id}.${column} / nullif(${id}.members, 0)`;
  return {
    ctes,
    joins: [
      `LEFT JOIN f_pc_others f_pc ON ${key.on('f_pc', 'a')}`,
      `LEFT JOIN f_wd_others f_wd ON ${key.on('f_wd', 'a')}`,
    ],
    expressions: new Map([
      ['postcode_other_properties', 'coalesce(f_pc.members, 0)'],
      ['postcode_private_rented_share', share('f_pc', 'private_rented')],
      ['postcode_hmo_licensed_share', share('f_pc', 'hmo_live')],
      ['postcode_selective_licensed_share', share('f_pc', 'selective_live')],
      ['postcode_hmo_found', 'coalesce(f_pc.hmo_found, 0)'],
      [`postcode_complaint_rate_${R}m`, `CASE WHEN a.has_complaints THEN 100.0 * f_pc.complaints / nullif(f_pc.members, 0) END`],
      ['ward_private_rented_share', share('f_wd', 'private_rented')],
      ['ward_selective_licensed_share', share('f_wd', 'selective_live')],
      ['ward_hmo_found_share', share('f_wd', 'hmo_found')],
    ]),
  };
}
