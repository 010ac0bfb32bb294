import type { FeatureSpec, FeatureWindows } from '../FeatureSpec.js';

/**
 * How a family's SQL computes its values: `reference` as the definition
 * states them (what `catalogueHash` hashes), `cumulative` by a cheaper plan of
 * the same values (`featureSelectSql` checks both give the same rows in
 * test/pipeline/features/cumulativeCountsSql.test.ts). A family with one plan
 * ignores it.
 */
export type FeaturePlan = 'reference' | 'cumulative';

/**
 * The SQL a feature family adds to `featureSelectSql`: named CTEs (after the
 * catalogue's own, in order; a CTE that two families share is written once
 * and must have the same text), LEFT JOINs onto the anchor rows `a` (on the
 * plan's anchor key, `anchorKey(plan)`: (uprn, as_of) in the reference plan,
 * the integer `aid` in the cumulative), and one SQL expression per feature,
 * over `a` and the joined aliases.
 */
export interface FamilySql {
  readonly ctes: ReadonlyArray<readonly [name: string, sql: string]>;
  readonly joins: readonly string[];
  readonly expressions: ReadonlyMap<string, string>;
}

/**
 * A family of features built the same way from the standard's tables (every
 * dated table's counts, durations and people; the property's own record; the
 * landlord network; the neighbourhood). A family lists its catalogue entries
 * and the SQL that computes them; `featureCatalogue` and `featureSelectSql`
 * append every registered family (`FEATURE_FAMILIES`), so a new family is
 * one new file and one line in the registry.
 *
 * Point in time, as every feature: a row as of D sees only records dated on
 * or before D (see docs/features.md).
 *
 * @example
 *   const family = FEATURE_FAMILIES[0];
 *   family.specs({ recent_months: 12, long_months: 36 }).map((f) => f.name); // ['ct_starts_3m', ...]
 */
export interface FeatureFamily {
  readonly name: string;
  /** One sentence for the docs: what the family describes and why it is evidence. */
  readonly summary: string;
  specs(windows: FeatureWindows): FeatureSpec[];
  sql(windows: FeatureWindows, plan: FeaturePlan): FamilySql;
}
