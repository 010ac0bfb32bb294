import type { FeatureFrame } from '../frame/FeatureFrame.js';

/**
 * Names of the recent complaint count, in order of preference: the feature
 * catalogue's `complaints_recent` (all categories, last
 * params.features.recent_months = 12 months), then names other frames use.
 * The yardstick below is what a complaint-led team does (visit the most
 * complained-about properties first).
 */
const COMPLAINT_COUNT_NAMES = ['complaints_recent', 'complaints_12m', 'complaints_total_12m'];

/**
 * The frame's count of complaints in the last 12 months: a known name, else
 * the first numeric feature that counts complaints (all categories) over 12
 * months / the recent window and is not a ward-level rate. Undefined when the
 * features have none.
 *
 * @example
 *   complaintCountFeature(frame); // 'complaints_recent'
 */
export function complaintCountFeature(frame: FeatureFrame): string | undefined {
  for (const name of COMPLAINT_COUNT_NAMES) if (frame.numeric.has(name)) return name;
  const categories = ['noise', 'pests', 'waste', 'disrepair', 'overcrowding', 'asb', 'planning', 'other'];
  return [...frame.numeric.keys()].find(
    (name) => /complaint/.test(name) && /(12|recent)/.test(name) && !/ward|rate|share|per_/.test(name) && !categories.some((c) => name.includes(c)),
  );
}

/**
 * Complaint-led scores: the recent complaint count (missing counts, where a
 * borough supplied no complaints, rank last). Ties keep the frame's order
 * (borough, UPRN).
 */
export function complaintLedScores(frame: FeatureFrame): Float64Array | undefined {
  const feature = complaintCountFeature(frame);
  const values = feature === undefined ? undefined : frame.numeric.get(feature);
  if (values === undefined) return undefined;
  return Float64Array.from(values, (v) => (Number.isFinite(v) ? v : -1));
}
