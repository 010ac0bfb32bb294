import type { TableName } from '../standard/schema.js';

/** One property's feature values by catalogue name: numbers (null for missing) and categories. */
export type FeatureRow = Readonly<Record<string, number | string | null>>;

/** How a feature is stored and preprocessed: numeric and binary as DOUBLE, categorical as VARCHAR. */
export type FeatureKind = 'numeric' | 'binary' | 'categorical';

/** The windows of the time-bounded counts (the `features` section of the params). */
export interface FeatureWindows {
  recent_months: number;
  long_months: number;
}

/**
 * One entry of the feature catalogue: what the feature means, where it comes
 * from, over which time window, what a null means, and how to say it to an
 * officer.
 */
export interface FeatureSpec {
  /** Column name in the feature files (snake_case). */
  readonly name: string;
  readonly kind: FeatureKind;
  /** The allowed values of a categorical feature, from the standard's enums. */
  readonly categories?: readonly string[];
  /** What the value means, in plain English. */
  readonly meaning: string;
  /** The tables of the standard it is computed from. */
  readonly sources: readonly TableName[];
  /** The time window, relative to the row's `as_of`. */
  readonly window: string;
  /** When the value is null, and what that means. */
  readonly nulls: string;
  /**
   * Features that say the same thing in different words share a group, so a
   * list shows at most one reason per group (e.g. electors and surnames).
   */
  readonly group: string;
  /**
   * True when the sentence describes the property's surroundings (the ward),
   * not the property: a list gives it only after the property's own evidence.
   */
  readonly context?: boolean;
  /**
   * A sentence an officer can check, naming the evidence and its date (or its
   * record, for undated property facts); null when this value is no evidence
   * of an HMO (0 complaints, one elector) or the feature says nothing
   * checkable. `together` names the other features of the same group that
   * also push this property's score up, so that one sentence can state them
   * together ("private-rented terraced house with 6 habitable rooms").
   * Never a feature name, never a pseudonymous reference.
   */
  evidence(row: FeatureRow, asOf: string, together?: ReadonlySet<string>): string | null;
}
