import type { FeatureFrame } from '../../frame/FeatureFrame.js';
import { categoricalProfile, numericProfile, populationStabilityIndex, profileLike, type DistributionProfile } from './DistributionProfile.js';

/** One borough's population as a drift reference: each feature's profile and the list candidates' scores'. */
export interface BoroughProfiles {
  features: DistributionProfile[];
  scores: DistributionProfile | null;
}

/** PSI of a borough's population against a reference's. */
export interface DriftComparison {
  /** Each feature the reference has, binned as it was. */
  featurePsi: Array<{ feature: string; psi: number }>;
  /** The list candidates' scores; null when either side has none. */
  scorePsi: number | null;
}

/** What a borough's scoring brings back for the drift check (plain values: it may cross from a worker thread). */
export interface BoroughDriftResult {
  /** Its own profiles (own bins): the reference a later drop is compared with. */
  profiles: BoroughProfiles;
  /** Against each reference offered, in order (null where none was). */
  versus: Array<DriftComparison | null>;
}

/** The name the list candidates' scores are profiled under. */
export const SCORE_PROFILE = 'score';

/**
 * Profiles one borough's scoring features (every numeric and categorical
 * column of `frame`) and its list candidates' scores, and the population
 * stability index of each against each of `references`, binned as the
 * reference was (a feature the reference lacks is left out).
 *
 * @example
 *   const drift = boroughDrift(frame, candidateScores, [lastDrop, dropBefore]);
 *   drift.versus[0]?.featurePsi.find((f) => f.feature === 'registrations_recent')?.psi;
 */
export function boroughDrift(frame: FeatureFrame, candidateScores: ArrayLike<number>, references: ReadonlyArray<BoroughProfiles | null>): BoroughDriftResult {
  const byName = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);
  const features: DistributionProfile[] = [];
  for (const [name, values] of [...frame.numeric.entries()].sort(byName)) features.push(numericProfile(name, values));
  for (const [name, values] of [...frame.categorical.entries()].sort(byName)) features.push(categoricalProfile(name, values));
  const scores = candidateScores.length === 0 ? null : numericProfile(SCORE_PROFILE, candidateScores);
  const versus = references.map((reference): DriftComparison | null => {
    if (reference === null) return null;
    const featurePsi: DriftComparison['featurePsi'] = [];
    for (const profile of reference.features) {
      const values = profile.kind === 'numeric' ? frame.numeric.get(profile.name) : frame.categorical.get(profile.name);
      if (values === undefined) continue;
      featurePsi.push({ feature: profile.name, psi: populationStabilityIndex(profile.shares, profileLike(profile, values).shares) });
    }
    const scorePsi =
      reference.scores === null || candidateScores.length === 0
        ? null
        : populationStabilityIndex(reference.scores.shares, profileLike(reference.scores, candidateScores).shares);
    return { featurePsi, scorePsi };
  });
  return { profiles: { features, scores }, versus };
}
