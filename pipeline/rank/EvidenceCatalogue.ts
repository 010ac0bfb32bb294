import type { FeatureFrame } from '../frame/FeatureFrame.js';
import type { FeatureRow } from '../features/FeatureSpec.js';

export type { FeatureRow };

/**
 * What the lists need of the feature catalogue (`pipeline/features/catalogue.ts`,
 * whose `FeatureSpec` entries are these):
 * each feature's name and its evidence sentence, plain English with its date,
 * or null when the value is no evidence of an HMO (0 complaints, one elector).
 */
export interface EvidenceFeature {
  readonly name: string;
  /** Features that say the same thing in other words share a group; a list gives at most one reason per group. */
  readonly group?: string;
  /** The sentence is about the surroundings (the ward), not the property: given after the property's own evidence. */
  readonly context?: boolean;
  /** `together`: the other features of the group that push this property's score up too, for one sentence naming them all. */
  evidence(row: FeatureRow, asOf: string, together?: ReadonlySet<string>): string | null;
}

export type EvidenceCatalogue = readonly EvidenceFeature[];

/**
 * Row `i` of a feature frame as a record (NaN becomes null), the shape the
 * catalogue's `evidence` reads.
 *
 * @example
 *   featureRow(frame, 0); // { electors_current: 6, property_type: 'house', epc_rating: null, ... }
 */
export function featureRow(frame: FeatureFrame, i: number): FeatureRow {
  const row: Record<string, number | string | null> = {};
  for (const [name, values] of frame.numeric) {
    const v = values[i];
    row[name] = v === undefined || Number.isNaN(v) ? null : v;
  }
  for (const [name, values] of frame.categorical) row[name] = values[i] ?? null;
  return row;
}
