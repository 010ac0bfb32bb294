import { DEFAULT_PARAMS } from '../params/Params.js';
import { loadSchema, type TableName } from '../standard/schema.js';
import { hashJson, sha256 } from '../util/hash.js';
import { complaintFeatureName } from './complaintFeatureName.js';
import { FEATURE_FAMILIES } from './families/featureFamilies.js';
import { featureSelectSql } from './featureSql.js';
import type { FeatureRow, FeatureSpec, FeatureWindows } from './FeatureSpec.js';

export { complaintFeatureName } from './complaintFeatureName.js';
export type { FeatureKind, FeatureRow, FeatureSpec, FeatureWindows } from './FeatureSpec.js';

/** Bump when the catalogue's documented meaning changes without a change of names or SQL. */
const CATALOGUE_VERSION = 1;

/** Complaint categories that are evidence of an HMO when they recur at one address. */
const EVIDENCE_COMPLAINTS: Readonly<Record<string, string>> = {
  noise: 'noise',
  pests: 'pest',
  waste: 'waste',
  disrepair: 'disrepair',
  overcrowding: 'overcrowding',
  asb: 'anti-social behaviour',
  // A planning complaint at a house often concerns an unauthorised conversion into flats or rooms.
  planning: 'planning',
};

/**
 * The feature catalogue: every feature that `hmo features` writes, in column
 * order, with its meaning, sources, window, null treatment, kind and evidence
 * sentence. Windows come from the params (`features.recent_months`,
 * `features.long_months`); the sentences name them.
 *
 * @example
 *   const catalogue = featureCatalogue({ recent_months: 12, long_months: 36 });
 *   catalogue.find((f) => f.name === 'surnames_current')
 *     ?.evidence({ electors_current: 6, surnames_current: 5 }, '2026-09-30');
 *   // '6 electors with 5 different surnames registered (as of 2026-09-30)'
 */
export function featureCatalogue(windows: FeatureWindows = DEFAULT_PARAMS.features): readonly FeatureSpec[] {
  const schema = loadSchema();
  const R = windows.recent_months;
  const L = windows.long_months;
  const recent = `the ${R} months up to and including as_of`;
  const long = `the ${L} months up to and including as_of`;
  const enumValues = (table: TableName, column: string): readonly string[] => {
    const values = schema.table(table).columns.find((c) => c.name === column)?.values;
    if (values === undefined) throw new Error(`The standard has no enum ${table}.${column}`);
    return values;
  };
  const hbNulls = 'null when the borough did not supply housing_benefit.csv (see housing_benefit_supplied); 0 when it did and nothing matched';
  const cpNulls = 'null when the borough did not supply complaints.csv (see complaints_supplied); 0 when it did and nothing matched';

  const features: FeatureSpec[] = [
    // Electoral register
    {
      name: 'electors_current',
      kind: 'numeric',
      meaning: 'Distinct electors registered at the address at as_of (registered on or before as_of, not removed by then).',
      sources: ['electoral_register'],
      window: 'at as_of',
      nulls: 'never null (0 when nobody is registered)',
      group: 'electors',
      // The same sentence as surnames_current and surname_diversity, so a list shows it once.
      evidence: (row, asOf) => electorsSentence(row, asOf),
    },
    {
      name: 'surnames_current',
      kind: 'numeric',
      meaning: 'Distinct surnames (surname keys) among the electors registered at as_of: unrelated adults sharing a home.',
      sources: ['electoral_register'],
      window: 'at as_of',
      nulls: 'never null (0 when nobody is registered)',
      group: 'electors',
      evidence: (row, asOf) => electorsSentence(row, asOf),
    },
    {
      name: 'surname_diversity',
      kind: 'numeric',
      meaning: 'surnames_current / electors_current: 1 when every elector has a different surname.',
      sources: ['electoral_register'],
      window: 'at as_of',
      nulls: 'null when nobody is registered at as_of',
      group: 'electors',
      // A ratio is no doorstep fact; the counts behind it are.
      evidence: (row, asOf) => electorsSentence(row, asOf),
    },
    {
      name: 'registrations_recent',
      kind: 'numeric',
      meaning: 'Elector registrations dated in the recent window.',
      sources: ['electoral_register'],
      window: recent,
      nulls: 'never null',
      group: 'elector_churn',
      evidence: (row, asOf) => {
        const n = num(row.registrations_recent);
        return n !== null && n >= 2 ? `${count(n, 'new elector')} registered in the ${R} months to ${asOf}` : null;
      },
    },
    {
      name: 'registrations_long',
      kind: 'numeric',
      meaning: 'Elector registrations dated in the long window: turnover of occupants.',
      sources: ['electoral_register'],
      window: long,
      nulls: 'never null',
      group: 'elector_churn',
      evidence: (row, asOf) => {
        const n = num(row.registrations_long);
        return n !== null && n >= 3 ? `${count(n, 'new elector')} registered in the ${L} months to ${asOf}` : null;
      },
    },
    {
      name: 'removals_recent',
      kind: 'numeric',
      meaning: 'Elector removals dated in the recent window.',
      sources: ['electoral_register'],
      window: recent,
      nulls: 'never null',
      group: 'elector_churn',
      evidence: (row, asOf) => {
        const n = num(row.removals_recent);
        return n !== null && n >= 2 ? `${count(n, 'elector')} removed from the register in the ${R} months to ${asOf}` : null;
      },
    },
    // Council tax
    {
      name: 'ct_live_accounts',
      kind: 'numeric',
      meaning: 'Council tax accounts open at as_of (several at once suggest separately billed lettings).',
      sources: ['council_tax'],
      window: 'at as_of',
      nulls: 'never null (0 when no account is open)',
      group: 'council_tax_accounts',
      evidence: (row, asOf) => {
        const n = num(row.ct_live_accounts);
        return n !== null && n >= 2 ? `${n} council tax accounts open at the same time (as of ${asOf})` : null;
      },
    },
    {
      name: 'ct_single_person_discount',
      kind: 'binary',
      meaning: 'An open council tax account claims the single-person discount (25%, one adult).',
      sources: ['council_tax'],
      window: 'at as_of',
      nulls: 'null when no council tax account is open at as_of',
      group: 'council_tax_discount',
      // Claimed, it speaks against an HMO (the evidence is the combination below); not claimed on a one-person bill, another adult lives there.
      evidence: (row, asOf) => oneNameNoDiscount(row, asOf),
    },
    {
      name: 'ct_discount_with_electors',
      kind: 'binary',
      meaning: 'The single-person discount is claimed while two or more electors are registered at as_of.',
      sources: ['council_tax', 'electoral_register'],
      window: 'at as_of',
      nulls: 'null when no council tax account is open at as_of',
      group: 'council_tax_discount',
      evidence: (row, asOf) => {
        const electors = num(row.electors_current);
        return num(row.ct_discount_with_electors) === 1 && electors !== null
          ? `single-person discount claimed while ${count(electors, 'elector')} ${electors === 1 ? 'is' : 'are'} registered (as of ${asOf})`
          : null;
      },
    },
    {
      name: 'ct_student_exemption',
      kind: 'binary',
      meaning: 'An open council tax account has the student exemption (class N): all-student households are often shared houses.',
      sources: ['council_tax'],
      window: 'at as_of',
      nulls: 'null when no council tax account is open at as_of',
      group: 'council_tax_student',
      evidence: (row, asOf) => (num(row.ct_student_exemption) === 1 ? `council tax student exemption in place (as of ${asOf})` : null),
    },
    {
      name: 'ct_liable_persons',
      kind: 'numeric',
      meaning: 'Most people named on one open council tax bill at as_of.',
      sources: ['council_tax'],
      window: 'at as_of',
      nulls: 'null when no account is open at as_of or the open accounts do not say',
      group: 'council_tax_liable',
      evidence: (row, asOf) => {
        const n = num(row.ct_liable_persons);
        const electors = num(row.electors_current);
        if (n === null) return null;
        // Fewer people on the bill than adults registered: the bill is not theirs (an HMO's owner is liable for it).
        if (electors !== null && electors >= 3 && n < electors) {
          return `${count(n, 'person', 'people')} named on the council tax bill while ${count(electors, 'elector')} are registered (as of ${asOf})`;
        }
        if (n >= 3) return `${count(n, 'person', 'people')} named on the council tax bill (as of ${asOf})`;
        return oneNameNoDiscount(row, asOf);
      },
    },
    {
      name: 'ct_accounts_opened_long',
      kind: 'numeric',
      meaning: 'Council tax accounts opened in the long window: changes of occupier.',
      sources: ['council_tax'],
      window: long,
      nulls: 'never null',
      group: 'council_tax_accounts',
      evidence: (row, asOf) => {
        const n = num(row.ct_accounts_opened_long);
        return n !== null && n >= 2 ? `${count(n, 'new council tax account')} opened in the ${L} months to ${asOf}` : null;
      },
    },
    // Housing benefit (optional table)
    {
      name: 'housing_benefit_supplied',
      kind: 'binary',
      meaning: 'The borough supplied housing_benefit.csv (1) or not (0); the housing benefit features are null when not.',
      sources: ['housing_benefit'],
      window: 'the extract',
      nulls: 'never null',
      group: 'housing_benefit_context',
      evidence: () => null,
    },
    {
      name: 'hb_live_claims',
      kind: 'numeric',
      meaning: 'Distinct housing benefit claims live at the address at as_of.',
      sources: ['housing_benefit'],
      window: 'at as_of',
      nulls: hbNulls,
      group: 'housing_benefit',
      evidence: (row, asOf) => {
        const n = num(row.hb_live_claims);
        return n !== null && n >= 2 ? `${count(n, 'live housing benefit claim')} at the address (as of ${asOf})` : null;
      },
    },
    {
      name: 'hb_shared_rate_claims',
      kind: 'numeric',
      meaning: 'Live claims assessed at the shared-accommodation rate at as_of (a room in a shared house).',
      sources: ['housing_benefit'],
      window: 'at as_of',
      nulls: hbNulls,
      group: 'housing_benefit_shared',
      evidence: (row, asOf) => {
        const n = num(row.hb_shared_rate_claims);
        return n !== null && n >= 1
          ? `${count(n, 'housing benefit claim')} assessed at the shared-accommodation rate (as of ${asOf})`
          : null;
      },
    },
    {
      name: 'hb_claimants_long',
      kind: 'numeric',
      meaning: 'Distinct housing benefit claims live at any time in the long window (claims are per claimant).',
      sources: ['housing_benefit'],
      window: long,
      nulls: hbNulls,
      group: 'housing_benefit',
      evidence: (row, asOf) => {
        const n = num(row.hb_claimants_long);
        return n !== null && n >= 2 ? `${Math.round(n)} different housing benefit claimants in the ${L} months to ${asOf}` : null;
      },
    },
    {
      name: 'hb_median_weekly_rent',
      kind: 'numeric',
      meaning: 'Median weekly rent (pounds) of the claims live at as_of: a room rent is lower than a whole-home rent.',
      sources: ['housing_benefit'],
      window: 'at as_of',
      nulls: 'null when the table was not supplied, no claim is live at as_of, or the live claims state no rent',
      group: 'housing_benefit_context',
      evidence: () => null,
    },
    // Complaints (optional table)
    {
      name: 'complaints_supplied',
      kind: 'binary',
      meaning: 'The borough supplied complaints.csv (1) or not (0); the complaint features are null when not.',
      sources: ['complaints'],
      window: 'the extract',
      nulls: 'never null',
      group: 'complaints_context',
      evidence: () => null,
    },
    {
      name: 'complaints_recent',
      kind: 'numeric',
      meaning: 'Complaints of any category about the address in the recent window.',
      sources: ['complaints'],
      window: recent,
      nulls: cpNulls,
      group: 'complaints',
      evidence: (row, asOf) => {
        const n = num(row.complaints_recent);
        return n !== null && n >= 1 ? `${count(n, 'complaint')} about the address in the ${R} months to ${asOf}` : null;
      },
    },
    {
      name: 'complaints_long',
      kind: 'numeric',
      meaning: 'Complaints of any category about the address in the long window.',
      sources: ['complaints'],
      window: long,
      nulls: cpNulls,
      group: 'complaints',
      evidence: (row, asOf) => {
        const n = num(row.complaints_long);
        return n !== null && n >= 2 ? `${count(n, 'complaint')} about the address in the ${L} months to ${asOf}` : null;
      },
    },
    ...enumValues('complaints', 'category').flatMap((category): FeatureSpec[] => {
      const words = EVIDENCE_COMPLAINTS[category];
      const windowed = (suffix: 'recent' | 'long', months: number, threshold: number): FeatureSpec => ({
        name: complaintFeatureName(category, suffix),
        kind: 'numeric',
        meaning: `Complaints in category "${category}" about the address in the ${suffix} window.`,
        sources: ['complaints'],
        window: suffix === 'recent' ? recent : long,
        nulls: cpNulls,
        group: `complaints_${category}`,
        evidence: (row, asOf) => {
          const n = num(row[complaintFeatureName(category, suffix)]);
          return words !== undefined && n !== null && n >= threshold
            ? `${count(n, `${words} complaint`)} in the ${months} months to ${asOf}`
            : null;
        },
      });
      return [windowed('recent', R, 1), windowed('long', L, 1)];
    }),
    // The property (attributes as of the extract: the standard does not date them)
    {
      name: 'habitable_rooms',
      kind: 'numeric',
      meaning: 'Habitable rooms, from the latest EPC.',
      sources: ['properties'],
      window: 'the property record (not dated)',
      nulls: 'null when the borough has no EPC figure (kept null; preprocessing adds a missing indicator)',
      group: 'property',
      evidence: (row, _asOf, together) => propertySentence(row, 'habitable_rooms', together),
    },
    {
      name: 'floor_area_m2',
      kind: 'numeric',
      meaning: 'Floor area in square metres, from the latest EPC.',
      sources: ['properties'],
      window: 'the property record (not dated)',
      nulls: 'null when unknown',
      group: 'property',
      evidence: (row, _asOf, together) => propertySentence(row, 'floor_area_m2', together),
    },
    {
      name: 'floor_area_per_room',
      kind: 'numeric',
      meaning: 'floor_area_m2 / habitable_rooms: small rooms for the floor area suggest subdivision.',
      sources: ['properties'],
      window: 'the property record (not dated)',
      nulls: 'null when either is unknown or there are 0 habitable rooms',
      group: 'property',
      evidence: (row, _asOf, together) => propertySentence(row, 'floor_area_per_room', together),
    },
    {
      name: 'year_built',
      kind: 'numeric',
      meaning: 'Year of construction.',
      sources: ['properties'],
      window: 'the property record (not dated)',
      nulls: 'null when unknown',
      group: 'property',
      evidence: (row, _asOf, together) => propertySentence(row, 'year_built', together),
    },
    ...(
      [
        ['property_type', 'Property type.'],
        ['built_form', 'Built form (terraced, converted...).'],
        ['council_tax_band', 'Council tax valuation band.'],
        ['tenure', 'Tenure on record (owner-occupied, private-rented...).'],
        ['epc_rating', 'Energy efficiency rating of the latest EPC.'],
      ] as const
    ).map(
      ([column, meaning]): FeatureSpec => ({
        name: column,
        kind: 'categorical',
        categories: enumValues('properties', column),
        meaning,
        sources: ['properties'],
        window: 'the property record (not dated)',
        nulls: 'null when the borough left it empty (a category of its own in preprocessing)',
        group: 'property',
        evidence: (row, _asOf, together) => propertySentence(row, column, together),
      }),
    ),
    // The landlord
    {
      name: 'landlord_other_licensed_hmos',
      kind: 'numeric',
      meaning:
        "Other properties of the same landlord (properties.landlord_ref) in the borough holding a current mandatory or additional HMO licence at as_of. The property's own licence is never an input.",
      sources: ['properties', 'licences'],
      window: 'at as_of',
      nulls: 'null when the property has no landlord on record',
      group: 'landlord',
      evidence: (row, asOf) => {
        const n = num(row.landlord_other_licensed_hmos);
        return n !== null && n >= 1 ? `landlord holds ${count(n, 'other licensed HMO')} in the borough (as of ${asOf})` : null;
      },
    },
    {
      name: 'landlord_other_properties',
      kind: 'numeric',
      meaning: 'Other properties of the same landlord in the borough (portfolio size).',
      sources: ['properties'],
      window: 'the property record (not dated)',
      nulls: 'null when the property has no landlord on record',
      group: 'landlord',
      evidence: (row) => {
        const n = num(row.landlord_other_properties);
        // One other property is any landlord; a portfolio is a sign of a letting business.
        return n !== null && n >= 2 ? `landlord has ${count(n, 'other property', 'other properties')} in the borough (property records)` : null;
      },
    },
    // The ward (context, never the property's own label or licence)
    {
      name: 'ward_licensed_hmo_share',
      kind: 'numeric',
      meaning: 'Share of the other properties in the ward that hold a current mandatory or additional HMO licence at as_of (the property itself left out).',
      sources: ['properties', 'licences'],
      window: 'at as_of',
      nulls: 'null when the property is alone in its ward',
      group: 'ward',
      context: true,
      evidence: (row, asOf) => {
        const share = num(row.ward_licensed_hmo_share);
        return share !== null && share > 0 ? `in a ward where ${percent(share)} of the other homes hold an HMO licence (as of ${asOf})` : null;
      },
    },
    {
      name: 'ward_hmo_inspection_rate',
      kind: 'numeric',
      meaning:
        "Share of conclusive inspections (hmo or not-hmo) dated on or before as_of at other properties of the ward that found an HMO (leave-one-out: the property's own inspections are left out).",
      sources: ['properties', 'inspections'],
      window: 'up to and including as_of',
      nulls: 'null when no other property of the ward had a conclusive inspection by as_of',
      group: 'ward',
      context: true,
      evidence: (row, asOf) => {
        const rate = num(row.ward_hmo_inspection_rate);
        return rate !== null && rate > 0 ? `in a ward where ${percent(rate)} of the council's conclusive inspections up to ${asOf} found an HMO` : null;
      },
    },
    {
      name: 'ward_complaint_rate',
      kind: 'numeric',
      meaning: 'Complaints about addresses in the ward in the recent window, per 100 properties of the ward (evaluation slices on its band).',
      sources: ['properties', 'complaints'],
      window: recent,
      nulls: 'null when the borough did not supply complaints.csv',
      group: 'ward',
      context: true,
      evidence: (row, asOf) => {
        const rate = num(row.ward_complaint_rate);
        return rate !== null && rate > 0 ? `in a ward with ${rate.toFixed(1)} complaints per 100 homes in the ${R} months to ${asOf}` : null;
      },
    },
    // The feature families (pipeline/features/families/featureFamilies.ts), in registry order.
    ...FEATURE_FAMILIES.flatMap((family) => family.specs(windows)),
  ];
  return features;
}

/** The catalogue with the default windows. */
export const FEATURE_CATALOGUE: readonly FeatureSpec[] = featureCatalogue();

/** Feature column names, in the order of the feature files. */
export function featureNames(windows?: FeatureWindows): string[] {
  return featureCatalogue(windows).map((f) => f.name);
}

/**
 * A stable hash of what the features are: names, kinds and categories in
 * order, the windows, and the SQL that computes them. A model records it at
 * training and refuses feature files with another hash, so a model trained on
 * 12-month counts is never fed 6-month ones.
 *
 * @example
 *   catalogueHash(); // 'sha256 hex...' with the default windows
 */
export function catalogueHash(windows: FeatureWindows = DEFAULT_PARAMS.features): string {
  const catalogue = featureCatalogue(windows);
  return hashJson({
    version: CATALOGUE_VERSION,
    windows: { recent_months: windows.recent_months, long_months: windows.long_months },
    features: catalogue.map((f) => ({ name: f.name, kind: f.kind, categories: f.categories ?? null })),
    // Whitespace-normalised, so re-indenting the SQL does not invalidate models. The reference plan: a faster plan of the
    // same values (featureSelectSql's default) must not invalidate models either.
    sql: sha256(featureSelectSql(catalogue, windows, [], 'reference').replace(/\s+/g, ' ').trim()),
  });
}

/**
 * Every evidence sentence the catalogue gives for one row, in catalogue
 * order, at most one per group (the first of the group that has one).
 *
 * @example
 *   evidenceFor({ complaints_noise_recent: 3, ... }, '2026-09-30');
 *   // [{ feature: 'complaints_noise_recent', group: 'complaints_noise', sentence: '3 noise complaints in the 12 months to 2026-09-30' }]
 */
export function evidenceFor(
  row: FeatureRow,
  asOf: string,
  catalogue: readonly FeatureSpec[] = FEATURE_CATALOGUE,
): Array<{ feature: string; group: string; sentence: string }> {
  const seen = new Set<string>();
  const out: Array<{ feature: string; group: string; sentence: string }> = [];
  for (const f of catalogue) {
    if (seen.has(f.group)) continue;
    const sentence = f.evidence(row, asOf);
    if (sentence === null) continue;
    seen.add(f.group);
    out.push({ feature: f.name, group: f.group, sentence });
  }
  return out;
}

/**
 * "6 electors with 5 different surnames registered (as of ...)" when two or
 * more adults with two or more surnames are registered (unrelated adults);
 * "3 electors registered at the address (as of ...)" for three or more
 * sharing one surname; null for fewer (a household of one or a couple).
 */
function electorsSentence(row: FeatureRow, asOf: string): string | null {
  const electors = num(row.electors_current);
  const surnames = num(row.surnames_current);
  if (electors === null) return null;
  if (electors >= 2 && surnames !== null && surnames >= 2) {
    return `${count(electors, 'elector')} with ${Math.round(surnames)} different surnames registered (as of ${asOf})`;
  }
  return electors >= 3 ? `${count(electors, 'elector')} registered at the address (as of ${asOf})` : null;
}

const TENURE_WORDS: Readonly<Record<string, string>> = { 'private-rented': 'private-rented', 'social-rented': 'social-rented' };
const BUILT_FORM_WORDS: Readonly<Record<string, string>> = {
  detached: 'detached',
  'semi-detached': 'semi-detached',
  terraced: 'terraced',
  'end-terrace': 'end-of-terrace',
  'purpose-built': 'purpose-built',
  converted: 'converted',
};
const PROPERTY_TYPE_WORDS: Readonly<Record<string, string>> = { house: 'house', flat: 'flat', maisonette: 'maisonette', bungalow: 'bungalow' };

/**
 * One sentence describing the property from its record and latest EPC,
 * naming only the facts of `feature` and of the `together` features (the
 * property features that also push this property's score up), e.g.
 * "private-rented terraced house with 6 habitable rooms and 120 m² (latest
 * EPC), council tax band E, built in 1890". The property type is always the
 * noun when known. Values that say nothing (tenure or built form unknown or
 * owner-occupied, fewer than 3 habitable rooms) are left out; null when no
 * fact is left.
 */
function propertySentence(row: FeatureRow, feature: string, together?: ReadonlySet<string>): string | null {
  const says = (name: string) => name === feature || (together?.has(name) ?? false);
  const text = (name: string) => (typeof row[name] === 'string' ? (row[name] as string) : null);
  const tenure = says('tenure') ? TENURE_WORDS[text('tenure') ?? ''] : undefined;
  const form = says('built_form') ? BUILT_FORM_WORDS[text('built_form') ?? ''] : undefined;
  const typeWord = PROPERTY_TYPE_WORDS[text('property_type') ?? ''];
  const rooms = num(row.habitable_rooms);
  const area = num(row.floor_area_m2);
  const perRoom = says('floor_area_per_room') && rooms !== null && rooms >= 3 && area !== null;
  const epc: string[] = [];
  if ((says('habitable_rooms') || perRoom) && rooms !== null && rooms >= 3) epc.push(count(rooms, 'habitable room'));
  if ((says('floor_area_m2') || perRoom) && area !== null) epc.push(`${Math.round(area)} m²`);
  const rest: string[] = [];
  const band = says('council_tax_band') ? text('council_tax_band') : null;
  if (band !== null) rest.push(`council tax band ${band}`);
  const year = says('year_built') ? num(row.year_built) : null;
  if (year !== null) rest.push(`built in ${Math.round(year)}`);
  const rating = says('epc_rating') ? text('epc_rating') : null;
  if (rating !== null) rest.push(`EPC rating ${rating}`);
  const typeSaid = says('property_type') && typeWord !== undefined;
  if (tenure === undefined && form === undefined && !typeSaid && epc.length === 0 && rest.length === 0) return null;
  const head = [tenure, form, typeWord ?? 'property'].filter((w): w is string => w !== undefined).join(' ');
  if (tenure === undefined && form === undefined && epc.length === 0 && rest.length === 0) return `${head} (property record)`;
  const size = epc.length === 0 ? '' : ` with ${epc.join(' and ')} (latest EPC)`;
  return [`${head}${size}`, ...rest].join(', ');
}

/** "4.2%": a share between 0 and 1 as a percentage, one decimal under 10%, whole above. */
function percent(share: number): string {
  const p = share * 100;
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}

function num(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || typeof value === 'string' || !Number.isFinite(value)) return null;
  return value;
}

/** "1 elector", "6 electors"; counts are whole numbers in the files, shown without decimals. */
function count(n: number, singular: string, plural = `${singular}s`): string {
  const whole = Math.round(n);
  return `${whole} ${whole === 1 ? singular : plural}`;
}

/**
 * One person named on the bill and no single-person discount claimed: the
 * bill payer does not live alone (an HMO's landlord or head tenant is often
 * the one person liable). Stated once whichever of the two features raised
 * the score (the two groups give the same sentence).
 */
function oneNameNoDiscount(row: FeatureRow, asOf: string): string | null {
  return num(row.ct_liable_persons) === 1 && num(row.ct_single_person_discount) === 0
    ? `1 person named on the council tax bill and no single-person discount claimed (as of ${asOf})`
    : null;
}
