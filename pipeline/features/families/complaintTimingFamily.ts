import type { FeatureSpec, FeatureWindows } from '../FeatureSpec.js';
import { anchorsWithWindows, EVENT_WINDOWS_MONTHS, LONGEST_WINDOW_MONTHS } from './eventWindows.js';
import { anchorKey } from './anchorKey.js';
import type { FamilySql, FeatureFamily, FeaturePlan, SharedMeasures } from './FeatureFamily.js';
import { count, num } from './phrases.js';

const NULLS = 'null when the borough did not supply complaints.csv (see complaints_supplied); 0 when it did and nothing matched';

/**
 * Complaints about the address (an optional table of dated events) over the
 * families' windows: counts in the 3, 12, 36 and 60 months to as_of, days
 * since the latest, and how many different categories in the 60 months.
 * Null when the borough did not supply complaints.csv.
 *
 * @example
 *   complaintTimingFamily.specs(windows).map((f) => f.name); // ['complaints_3m', ..., 'complaints_days_since']
 */
export const complaintTimingFamily: FeatureFamily = {
  name: 'complaints over time',
  summary: 'Complaints about the address (an optional table) over 3, 12, 36 and 60 months, how recent the latest is, and how many different kinds.',
  specs: (windows) => specs(windows),
  sql: (_windows, plan, shared) => sql(plan, shared?.get('complaints')),
};

function specs(_windows: FeatureWindows): FeatureSpec[] {
  const W = LONGEST_WINDOW_MONTHS;
  return [
    ...EVENT_WINDOWS_MONTHS.map(
      (w): FeatureSpec => ({
        name: `complaints_${w}m`,
        kind: 'numeric',
        meaning: `Complaints of any category about the address in the ${w} months up to and including as_of.`,
        sources: ['complaints'],
        window: `the ${w} months up to and including as_of`,
        nulls: NULLS,
        group: 'complaints',
        evidence: (row, asOf) => {
          const n = num(row[`complaints_${w}m`]);
          return n !== null && n >= (w <= 12 ? 1 : 2) ? `${count(n, 'complaint')} about the address in the ${w} months to ${asOf}` : null;
        },
      }),
    ),
    {
      name: 'complaints_days_since',
      kind: 'numeric',
      meaning: 'Days from the latest complaint about the address on or before as_of to as_of.',
      sources: ['complaints'],
      window: 'up to and including as_of',
      nulls: 'null when there was none by as_of or the borough did not supply complaints.csv',
      group: 'complaints',
      evidence: () => null,
    },
    {
      name: `complaints_categories_${W}m`,
      kind: 'numeric',
      meaning: `Different complaint categories about the address in the ${W} months up to and including as_of (noise and waste and overcrowding: many households).`,
      sources: ['complaints'],
      window: `the ${W} months up to and including as_of`,
      nulls: NULLS,
      group: 'complaints_kinds',
      evidence: (row, asOf) => {
        const n = num(row[`complaints_categories_${W}m`]);
        return n !== null && n >= 3 ? `complaints of ${Math.round(n)} different kinds about the address in the ${W} months to ${asOf}` : null;
      },
    },
  ];
}

/** `shared`: the catalogue's own complaint counts, aggregated in the same pass (cumulative plan; complaints are not people: `rows` only). */
function sql(plan: FeaturePlan, shared: SharedMeasures | undefined): FamilySql {
  const key = anchorKey(plan);
  const W = LONGEST_WINDOW_MONTHS;
  const sharing = plan !== 'reference' && shared !== undefined;
  if (sharing && (shared.people ?? []).length > 0) throw new Error('The complaints family counts no people: it cannot serve shared people counts');
  const sharedRows = sharing ? shared.rows.map((measure) => `,\n    ${measure}`).join('') : '';
  // The reference plan's text is the definition (catalogueHash); the cumulative plan names the rows `t`, as `SharedMeasures` are written.
  const c = plan === 'reference' ? 'c' : 't';
  const cte = `f_cp AS (
  SELECT ${key.columns('an')},
    ${EVENT_WINDOWS_MONTHS.map((w) => `count(*) FILTER (WHERE ${c}.received_date > an.since_${w}) AS n_${w}`).join(',\n    ')},
    an.as_of - max(${c}.received_date) AS days_since,
    count(DISTINCT ${c}.category) FILTER (WHERE ${c}.received_date > an.since_${W}) AS categories${sharedRows}
  FROM ${anchorsWithWindows()} an
  JOIN complaints ${c} ON ${c}.borough_code = an.borough_code AND ${c}.uprn = an.uprn
  WHERE ${c}.received_date <= an.as_of
  GROUP BY ${key.columns('an')}
)`;
  const gated = (expression: string) => `CASE WHEN a.has_complaints THEN ${expression} END`;
  return {
    ctes: [['f_cp', cte]],
    joins: [`LEFT JOIN f_cp ON ${key.on('f_cp', 'a')}`],
    expressions: new Map([
      ...EVENT_WINDOWS_MONTHS.map((w): [string, string] => [`complaints_${w}m`, gated(`coalesce(f_cp.n_${w}, 0)`)]),
      ['complaints_days_since', gated('f_cp.days_since')],
      [`complaints_categories_${W}m`, gated('coalesce(f_cp.categories, 0)')],
    ]),
    serves: sharing ? new Map([['complaints', 'f_cp']]) : new Map(),
  };
}
