import type { FeaturePlan } from './FeatureFamily.js';

/**
 * How a per-anchor result (a CTE with one row per anchor, grouped by anchor)
 * names its anchor, and how it joins back onto the anchor rows `a`.
 *
 * The reference plan (the definition, which `catalogueHash` hashes) keys on
 * (uprn, as_of). The cumulative plan keys on (aid, as_of), `aid` being the
 * `anchors` table's integer row id (unique per (uprn, as_of) pair), and joins
 * on `aid` alone: one integer instead of a BIGINT and a DATE, which roughly
 * halves the CPU of the group-bys and hash joins that assemble a feature row
 * (docs/features-cost.md). `as_of` stays in the key so that a result can
 * still compute from it (`an.as_of - max(...)`).
 *
 * @example
 *   const key = anchorKey('cumulative');
 *   `SELECT ${key.columns('an')}, count(*) AS n FROM anchors an ... GROUP BY ${key.columns('an')}`; // an.aid, an.as_of
 *   `LEFT JOIN f_x ON ${key.on('f_x', 'a')}`; // f_x.aid = a.aid
 */
export interface AnchorKey {
  /** The key columns, qualified by `alias` when given: `an.uprn, an.as_of` or `an.aid, an.as_of`. */
  columns(alias?: string): string;
  /** The key columns and the UPRN (for a relation that still joins records by UPRN): `an.uprn, an.as_of` or `an.aid, an.uprn, an.as_of`. */
  columnsWithUprn(alias?: string): string;
  /** The condition that joins two per-anchor relations on their anchor. */
  on(left: string, right: string): string;
  /** The anchor's id column (`uprn` or `aid`): null exactly where a LEFT JOINed per-anchor result has no row. */
  readonly id: 'uprn' | 'aid';
}

/** The anchor key of a plan (see `AnchorKey`). */
export function anchorKey(plan: FeaturePlan): AnchorKey {
  const id = plan === 'reference' ? 'uprn' : 'aid';
  const q = (alias: string | undefined, column: string) => (alias === undefined ? column : `${alias}.${column}`);
  return {
    id,
    columns: (alias) => `${q(alias, id)}, ${q(alias, 'as_of')}`,
    columnsWithUprn: (alias) => (plan === 'reference' ? '' : `${q(alias, 'aid')}, `) + `${q(alias, 'uprn')}, ${q(alias, 'as_of')}`,
    on: (left, right) =>
      plan === 'reference' ? `${left}.uprn = ${right}.uprn AND ${left}.as_of = ${right}.as_of` : `${left}.aid = ${right}.aid`,
  };
}
