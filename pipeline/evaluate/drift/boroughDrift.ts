import type { FeatureFrame } from '../../features/FeatureFrame.js';
import { categoricalProfile, numericProfile, populationStabilityIndex, profileLike, type DistributionProfile } from './DistributionProfile.js';

/** One borough's population as a drift reference: each feature's profile and the list candidates' scores'. */
export interface BoroughProfiles {
  features: DistributionProfile[];
  scores: DistributionProfile | null;
}

/** What a borough's scoring brings back for the drift check (plain values: it may cross from a worker thread). */
export interface BoroughDriftResult {
  /** Its own profiles (own bins): the reference a later drop is compared with. */
  profiles: BoroughProfiles;
  /** PSI of each feature against the feature reference, in its bins; null without a reference. */
  featurePsi: Array<{ feature: string; psi: number }> | null;
  /** PSI of the candidates' scores against the score reference; null without one. */
  scorePsi: number | null;
}

/** The name the list candidates' scores are profiled under. */
export const SCORE_PROFILE = 'score';

/**
 * Profiles one borough's scoring features (every numeric and categorical
 * column of `frame`) and its list candidates' scores, and, given references,
 * the population stability index of each against them, binned as the
 * reference was. A feature the reference lacks is left out.
 *
 * @example
 *   const drift = boroughDrift(frame, candidateScores, referenceOrUndefined);
 *   drift.featurePsi?.find((f) => f.feature === 'registrations_recent')?.psi;
 */
export function boroughDrift(
  frame: FeatureFrame,
  candidateScores: ArrayLike<number>,
  featureReference: DistributionProfile[] | undefined,
  scoreReference: DistributionProfile | undefined,
): BoroughDriftResult {
  const features: DistributionProfile[] = [];
  for (const [name, values] of [...frame.numeric.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) features.push(numericProfile(name, values));
  for (const [name, values] of [...frame.categorical.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) features.push(categoricalProfile(name, values));
  const scores = candidateScores.length === 0 ? null : numericProfile(SCORE_PROFILE, candidateScores);
  let featurePsi: BoroughDriftResult['featurePsi'] = null;
  if (featureReference !== undefined) {
    featurePsi = [];
    for (const reference of featureReference) {
      const values = reference.kind === 'numeric' ? frame.numeric.get(reference.name) : frame.categorical.get(reference.name);
      if (values === undefined) continue;
      featurePsi.push({ feature: reference.name, psi: populationStabilityIndex(reference.shares, profileLike(reference, values).shares) });
    }
  }
  const scorePsi =
    scoreReference === undefined || candidateScores.length === 0
      ? null
      : populationStabilityIndex(scoreReference.shares, profileLike(scoreReference, candidateScores).shares);
  return { profiles: { features, scores }, featurePsi, scorePsi };
}
