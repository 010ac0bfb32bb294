import { loadSchema } from '../../standard/schema.js';
import type { FeatureSpec, FeatureWindows } from '../FeatureSpec.js';
import { anchorKey } from './anchorKey.js';
import type { FamilySql, FeatureFamily, FeaturePlan } from './FeatureFamily.js';
import { HMO_SCHEME_LIST } from './hmoSchemes.js';
import { columnSafe, count, daysBefore, num, sqlText } from './phrases.js';

/**
 * The property's own record up to as_of: its earlier inspections by outcome
 * (no-access included) and by trigger, how long ago the latest was and what
 * it found; its expired HMO licences and how long ago the latest expired; a
 * current selective licence; the occupants and households its licences allow.
 * A current HMO licence of the property itself is never an input (every list
 * candidate is unlicensed): its occupants and households are left out too.
 * A training row sees the inspections before its own (dated on or before
 * as_of, the day before), never its own outcome.
 *
 * @example
 *   ownRecordFamily.specs(windows).map((f) => f.name); // ['own_inspections_hmo', ...]
 */
export const ownRecordFamily: FeatureFamily = {
  name: "property's own record",
  summary:
    "The property's own history: earlier inspections by outcome (no-access included) and trigger, the latest one's outcome and age, expired HMO licences, a current selective licence, and the occupants and households its licences allow.",
  specs: (windows) => specs(windows),
  sql: (_windows, plan) => sql(plan),
};

const outcomes = () => enumValues('outcome');
const triggers = () => enumValues('trigger');

function enumValues(column: 'outcome' | 'trigger'): readonly string[] {
  const values = loadSchema().table('inspections').columns.find((c) => c.name === column)?.values;
  if (values === undefined) throw new Error(`The standard has no enum inspections.${column}`);
  return values;
}

function specs(_windows: FeatureWindows): FeatureSpec[] {
  const inspections = (): FeatureSpec['evidence'] => (row, asOf) => inspectionsSentence(row, asOf);
  return [
    ...outcomes().map(
      (outcome): FeatureSpec => ({
        name: `own_inspections_${columnSafe(outcome)}`,
        kind: 'numeric',
        meaning: `Earlier inspections of the property dated on or before as_of with outcome "${outcome}".`,
        sources: ['inspections'],
        window: 'up to and including as_of',
        nulls: 'never null',
        group: 'own_inspections',
        evidence: inspections(),
      }),
    ),
    ...triggers().map(
      (trigger): FeatureSpec => ({
        name: `own_inspections_trigger_${columnSafe(trigger)}`,
        kind: 'numeric',
        meaning: `Earlier inspections of the property dated on or before as_of prompted by "${trigger}".`,
        sources: ['inspections'],
        window: 'up to and including as_of',
        nulls: 'never null',
        group: 'own_inspections',
        evidence: inspections(),
      }),
    ),
    {
      name: 'own_days_since_inspection',
      kind: 'numeric',
      meaning: 'Days from the latest inspection of the property (any outcome) on or before as_of to as_of.',
      sources: ['inspections'],
      window: 'up to and including as_of',
      nulls: 'null when the property was never inspected by as_of',
      group: 'own_inspections',
      evidence: inspections(),
    },
    {
      name: 'own_last_outcome',
      kind: 'categorical',
      categories: outcomes(),
      meaning: 'Outcome of the latest inspection on or before as_of (on a day with several, hmo before not-hmo before no-access).',
      sources: ['inspections'],
      window: 'up to and including as_of',
      nulls: 'null when the property was never inspected by as_of',
      group: 'own_inspections',
      evidence: inspections(),
    },
    {
      name: 'own_hmo_licences_expired',
      kind: 'numeric',
      meaning: 'Mandatory or additional HMO licences of the property that started and expired before as_of.',
      sources: ['licences'],
      window: 'up to and including as_of',
      nulls: 'never null',
      group: 'own_expired_licence',
      evidence: (row, asOf) => expiredSentence(row, asOf),
    },
    {
      name: 'own_days_since_hmo_licence_expired',
      kind: 'numeric',
      meaning: 'Days from the expiry of the latest expired HMO licence of the property to as_of.',
      sources: ['licences'],
      window: 'up to and including as_of',
      nulls: 'null when no HMO licence of the property had expired by as_of',
      group: 'own_expired_licence',
      evidence: (row, asOf) => expiredSentence(row, asOf),
    },
    {
      name: 'own_selective_licence_current',
      kind: 'binary',
      meaning: 'The property holds a current selective licence at as_of (licensed as a single-household let: an HMO that holds only this is undeclared).',
      sources: ['licences'],
      window: 'at as_of',
      nulls: 'never null',
      group: 'own_selective_licence',
      evidence: (row, asOf) =>
        num(row.own_selective_licence_current) === 1 ? `holds a selective licence, for a single household, not an HMO licence (as of ${asOf})` : null,
    },
    {
      name: 'own_licensed_occupants',
      kind: 'numeric',
      meaning: "Most occupants allowed by the property's licences started by as_of (max_occupants), its current HMO licence left out.",
      sources: ['licences'],
      window: 'up to and including as_of',
      nulls: 'null when no such licence states it (max_occupants is optional)',
      group: 'own_licensed_size',
      evidence: (row) => licensedSizeSentence(row),
    },
    {
      name: 'own_licensed_households',
      kind: 'numeric',
      meaning: "Most households allowed by the property's licences started by as_of (max_households), its current HMO licence left out.",
      sources: ['licences'],
      window: 'up to and including as_of',
      nulls: 'null when no such licence states it (max_households is optional)',
      group: 'own_licensed_size',
      evidence: (row) => licensedSizeSentence(row),
    },
  ];
}

function inspectionsSentence(row: Parameters<FeatureSpec['evidence']>[0], asOf: string): string | null {
  const found = num(row.own_inspections_hmo) ?? 0;
  const noAccess = num(row.own_inspections_no_access) ?? 0;
  const days = num(row.own_days_since_inspection);
  const parts: string[] = [];
  if (found >= 1) parts.push(`${count(found, 'earlier inspection')} found an HMO`);
  if (noAccess >= 1) parts.push(`${count(noAccess, 'earlier visit')} got no access`);
  if (parts.length === 0 || days === null) return null;
  return `${parts.join('; ')} (latest visit ${daysBefore(asOf, days)})`;
}

function expiredSentence(row: Parameters<FeatureSpec['evidence']>[0], asOf: string): string | null {
  const n = num(row.own_hmo_licences_expired);
  const days = num(row.own_days_since_hmo_licence_expired);
  if (n === null || n < 1 || days === null) return null;
  const when = daysBefore(asOf, days);
  return n === 1 ? `an HMO licence at the address expired on ${when} (licence register)` : `${Math.round(n)} HMO licences at the address expired, the latest on ${when} (licence register)`;
}

function licensedSizeSentence(row: Parameters<FeatureSpec['evidence']>[0]): string | null {
  const occupants = num(row.own_licensed_occupants);
  const households = num(row.own_licensed_households);
  const parts: string[] = [];
  if (occupants !== null && occupants >= 3) parts.push(count(occupants, 'occupant'));
  if (households !== null && households >= 2) parts.push(count(households, 'household'));
  return parts.length === 0 ? null : `licensed for ${parts.join(' in ')} (licence register)`;
}

function sql(plan: FeaturePlan): FamilySql {
  const key = anchorKey(plan);
  const hmo = HMO_SCHEME_LIST.map(sqlText).join(', ');
  const outcomeList = outcomes();
  const triggerList = triggers();
  const notCurrentHmo = `NOT (l.scheme IN (${hmo}) AND l.end_date >= an.as_of)`;
  const ctes: Array<[string, string]> = [
    [
      'f_own_inspections',
      `f_own_inspections AS (
  SELECT ${key.columns('an')},
    ${outcomeList.map((o, j) => `count(*) FILTER (WHERE i.outcome = ${sqlText(o)}) AS outcome_${j}`).join(',\n    ')},
    ${triggerList.map((t, j) => `count(*) FILTER (WHERE i.trigger = ${sqlText(t)}) AS trigger_${j}`).join(',\n    ')},
    an.as_of - max(i.inspection_date) AS days_since,
    first(i.outcome ORDER BY i.inspection_date DESC, ${outcomeList.map((o) => `(i.outcome = ${sqlText(o)}) DESC`).join(', ')}, i.source_line) AS last_outcome
  FROM anchors an
  JOIN inspections i ON i.borough_code = an.borough_code AND i.uprn = an.uprn
  WHERE i.inspection_date <= an.as_of
  GROUP BY ${key.columns('an')}
)`,
    ],
    [
      'f_own_licences',
      `f_own_licences AS (
  SELECT ${key.columns('an')},
    count(*) FILTER (WHERE l.scheme IN (${hmo}) AND l.end_date < an.as_of) AS hmo_expired,
    an.as_of - max(l.end_date) FILTER (WHERE l.scheme IN (${hmo}) AND l.end_date < an.as_of) AS days_since_hmo_expired,
    bool_or(l.scheme = 'selective' AND l.end_date >= an.as_of) AS selective_current,
    max(l.max_occupants) FILTER (WHERE ${notCurrentHmo}) AS occupants,
    max(l.max_households) FILTER (WHERE ${notCurrentHmo}) AS households
  FROM anchors an
  JOIN licences l ON l.borough_code = an.borough_code AND l.uprn = an.uprn
  WHERE l.start_date <= an.as_of
  GROUP BY ${key.columns('an')}
)`,
    ],
  ];
  return {
    ctes,
    joins: [
      `LEFT JOIN f_own_inspections ON ${key.on('f_own_inspections', 'a')}`,
      `LEFT JOIN f_own_licences ON ${key.on('f_own_licences', 'a')}`,
    ],
    expressions: new Map([
      ...outcomeList.map((o, j): [string, string] => [`own_inspections_${columnSafe(o)}`, `coalesce(f_own_inspections.outcome_${j}, 0)`]),
      ...triggerList.map((t, j): [string, string] => [`own_inspections_trigger_${columnSafe(t)}`, `coalesce(f_own_inspections.trigger_${j}, 0)`]),
      ['own_days_since_inspection', 'f_own_inspections.days_since'],
      ['own_last_outcome', 'f_own_inspections.last_outcome'],
      ['own_hmo_licences_expired', 'coalesce(f_own_licences.hmo_expired, 0)'],
      ['own_days_since_hmo_licence_expired', 'f_own_licences.days_since_hmo_expired'],
      ['own_selective_licence_current', 'coalesce(f_own_licences.selective_current, false)::INTEGER'],
      ['own_licensed_occupants', 'f_own_licences.occupants'],
      ['own_licensed_households', 'f_own_licences.households'],
    ]),
  };
}
