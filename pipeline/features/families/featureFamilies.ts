import type { FeatureWindows } from '../FeatureSpec.js';
import { complaintTimingFamily } from './complaintTimingFamily.js';
import type { TableName } from '../../standard/schema.js';
import type { FamilySql, FeatureFamily, FeaturePlan, SharedMeasures } from './FeatureFamily.js';
import { landlordFamily } from './landlordFamily.js';
import { neighbourhoodFamily } from './neighbourhoodFamily.js';
import { ownRecordFamily } from './ownRecordFamily.js';
import { SPELL_TABLES, spellFamily } from './spellFamily.js';

/**
 * The registered feature families, in catalogue order (after the
 * catalogue's original features): every spell table of the standard,
 * complaints over time, the property's own record, the landlord network,
 * the neighbourhood. Register a new family here.
 */
export const FEATURE_FAMILIES: readonly FeatureFamily[] = [
  ...SPELL_TABLES.map(spellFamily),
  complaintTimingFamily,
  ownRecordFamily,
  landlordFamily,
  neighbourhoodFamily,
];

/**
 * The SQL of every family merged: CTEs in order, each name once (two
 * families sharing a CTE must write the same text), joins and expressions,
 * and which CTE serves each table's `shared` measures (one family per table).
 *
 * @example
 *   const { ctes, joins, expressions } = familiesSql(FEATURE_FAMILIES, { recent_months: 12, long_months: 36 });
 */
export function familiesSql(
  families: readonly FeatureFamily[],
  windows: FeatureWindows,
  plan: FeaturePlan = 'reference',
  shared: ReadonlyMap<TableName, SharedMeasures> = new Map(),
): FamilySql {
  const ctes = new Map<string, string>();
  const joins: string[] = [];
  const expressions = new Map<string, string>();
  const serves = new Map<TableName, string>();
  for (const family of families) {
    const part = family.sql(windows, plan, plan === 'reference' ? new Map() : shared);
    for (const [table, cte] of part.serves ?? []) {
      if (serves.has(table)) throw new Error(`Two feature families compute the shared measures of ${table}`);
      if (!shared.has(table)) throw new Error(`Feature family "${family.name}" serves ${table}, whose measures nobody asked for`);
      serves.set(table, cte);
    }
    for (const [name, sql] of part.ctes) {
      const known = ctes.get(name);
      if (known !== undefined && known !== sql) throw new Error(`Feature families write two different CTEs named ${name}`);
      ctes.set(name, sql);
    }
    joins.push(...part.joins);
    for (const [name, expression] of part.expressions) {
      if (expressions.has(name)) throw new Error(`Two feature families compute ${name}`);
      expressions.set(name, expression);
    }
  }
  return { ctes: [...ctes], joins, expressions, serves };
}
