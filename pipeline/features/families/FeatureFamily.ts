import type { TableName } from '../../standard/schema.js';
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
  /**
   * The dated tables whose `SharedMeasures` this family's per-anchor CTE
   * computes (cumulative plan), and that CTE's name: the caller reads the
   * shared columns from it instead of aggregating the table a second time.
   */
  readonly serves?: ReadonlyMap<TableName, string>;
}

/**
 * Measures of one dated table that `featureSelectSql` asks of the family
 * that aggregates the table per anchor, so that the cumulative plan joins
 * the table to the anchors and groups it once (all windows and measures in
 * one GROUP BY with FILTERs) instead of once for the catalogue's counts and
 * again for the family's. Written over the anchor `an` (with the families'
 * window columns, `anchorsWithWindows`) and the table's rows `t`, among the
 * rows the family joins: the table's rows dated on or before `an.as_of`.
 * The reference plan never shares: its SQL is the definition.
 *
 * @example
 *   const shared: SharedMeasures = {
 *     rows: ['count(*) FILTER (WHERE t.registered_date > an.since_12) AS registrations_recent'],
 *     people: [['electors_current', 't.removed_date IS NULL OR t.removed_date > an.as_of']],
 *   };
 */
export interface SharedMeasures {
  /** Aggregates over the joined rows, each `expression AS name`. */
  readonly rows: readonly string[];
  /**
   * Distinct people (the table's person reference, nulls left out) with at
   * least one row meeting the condition, as `name` (0, not null, when the
   * anchor has rows but none meets it): `count(DISTINCT person) FILTER (WHERE
   * condition)` in one pass with the family's own people counts.
   */
  readonly people?: ReadonlyArray<readonly [name: string, condition: string]>;
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
  /** `shared`: measures other features ask of the tables the family aggregates (cumulative plan; a family may ignore them, and then does not list the table in `serves`). */
  sql(windows: FeatureWindows, plan: FeaturePlan, shared?: ReadonlyMap<TableName, SharedMeasures>): FamilySql;
}
