import type { FeatureRow } from './EvidenceCatalogue.js';

/**
 * How well an officer can check a reason, best first:
 * - `doorstep`: a fact about who lives there now or the state of the place,
 *   which the door, the letterboxes and a conversation can confirm (several
 *   adults with different surnames, several council tax bills or benefit
 *   claims at once, a student exemption, recent complaints about noise or
 *   waste);
 * - `records`: a fact only the council's records hold (turnover over the
 *   years, the landlord's other properties, complaints over three years);
 * - `weak`: true but little help on the doorstep, since most homes share it
 *   (the building's age, type and size; two electors with two surnames: a
 *   couple);
 * - `context`: the ward's figures, about the area, not the property.
 */
export type Checkability = 'doorstep' | 'records' | 'weak' | 'context';

/** The order reasons are given in: a lower number first. */
export const CHECKABILITY_ORDER: Readonly<Record<Checkability, number>> = { doorstep: 0, records: 1, weak: 2, context: 3 };

/** How checkable one feature's reason is, for this property's values. */
export type CheckabilityRule = (row: FeatureRow) => Checkability;

const num = (value: number | string | null | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * Who is registered: doorstep evidence when at least 3 different surnames are
 * on the register (or, where the surnames are unknown, at least 4 electors);
 * fewer is what a couple or a family gives, so it comes after the rest.
 */
const electors: CheckabilityRule = (row) => {
  const surnames = num(row.surnames_current);
  const count = num(row.electors_current);
  if (surnames !== null) return surnames >= 3 ? 'doorstep' : 'weak';
  return count !== null && count >= 4 ? 'doorstep' : 'weak';
};

const always =
  (value: Checkability): CheckabilityRule =>
  () =>
    value;

/** Complaint categories about the state of a place now (a planning complaint is a matter of record). */
const VISIBLE_COMPLAINTS = ['noise', 'pests', 'waste', 'disrepair', 'overcrowding', 'asb'];

/**
 * The rules of the feature catalogue's features (pipeline/features/catalogue.ts).
 * A feature not named here is `records`; a feature the catalogue marks as
 * context (the ward) is always `context`.
 */
export const CHECKABILITY_RULES: ReadonlyMap<string, CheckabilityRule> = new Map<string, CheckabilityRule>([
  ['electors_current', electors],
  ['surnames_current', electors],
  ['surname_diversity', electors],
  ['ct_live_accounts', always('doorstep')],
  ['ct_discount_with_electors', always('doorstep')],
  ['ct_student_exemption', always('doorstep')],
  ['ct_liable_persons', always('doorstep')],
  ['hb_live_claims', always('doorstep')],
  ['hb_shared_rate_claims', always('doorstep')],
  ['complaints_recent', always('doorstep')],
  ...VISIBLE_COMPLAINTS.map((category): [string, CheckabilityRule] => [`complaints_${category}_recent`, always('doorstep')]),
  ...['habitable_rooms', 'floor_area_m2', 'floor_area_per_room', 'year_built', 'property_type', 'built_form', 'council_tax_band', 'tenure', 'epc_rating'].map(
    (name): [string, CheckabilityRule] => [name, always('weak')],
  ),
]);

/**
 * How checkable the reason of `feature` is for this property.
 *
 * @example
 *   checkability('surnames_current', { electors_current: 2, surnames_current: 2 }, false); // 'weak'
 *   checkability('ct_student_exemption', { ct_student_exemption: 1 }, false); // 'doorstep'
 */
export function checkability(feature: string, row: FeatureRow, context: boolean, rules: ReadonlyMap<string, CheckabilityRule> = CHECKABILITY_RULES): Checkability {
  if (context) return 'context';
  return rules.get(feature)?.(row) ?? 'records';
}
