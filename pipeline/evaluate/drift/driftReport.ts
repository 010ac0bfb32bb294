import { evaluateMessages as m } from '../../messages/evaluate.js';
import { jsonNumber } from '../metrics/jsonNumber.js';
import type { DriftJson } from '../MetricsJson.js';
import type { BoroughDriftResult } from './boroughDrift.js';
import { chooseDriftReference, type DriftReferenceFile } from './DriftReference.js';

/** PSI above which a feature (or the scores) of a borough is named in a warning: the usual "major shift". */
export const DRIFT_PSI_THRESHOLD = 0.25;

/**
 * The drift section of metrics.json from each borough's scoring: against the
 * earlier drop `chooseDriftReference` picks from `stored`, each feature's PSI
 * per borough (largest first), the features above `DRIFT_PSI_THRESHOLD`, the
 * list candidates' score PSI, and a warning per borough that drifted; plus
 * the reference file to write for the next evaluation.
 *
 * @example
 *   const { drift, next } = driftReport(readDriftReference(out), resultsByBorough);
 */
export function driftReport(stored: DriftReferenceFile | null, results: ReadonlyMap<string, BoroughDriftResult>): { drift: DriftJson; next: DriftReferenceFile } {
  const profiles = Object.fromEntries([...results.entries()].map(([code, r]) => [code, r.profiles]));
  const { reference, next } = chooseDriftReference(stored, profiles);
  // scoreBorough was offered [stored.current, stored.previous]: the chosen one's position
  const slot = reference === null ? -1 : reference === stored?.current ? 0 : 1;
  const drift: DriftJson = {
    threshold: DRIFT_PSI_THRESHOLD,
    compared_with: reference === null ? null : 'previous_drop',
    note: reference === null ? m.driftNoReference() : m.driftCompared(DRIFT_PSI_THRESHOLD),
    boroughs: {},
    warnings: [],
  };
  for (const code of [...results.keys()].sort()) {
    const versus = slot < 0 ? null : (results.get(code)?.versus[slot] ?? null);
    if (versus === null) {
      drift.boroughs[code] = { score_psi: null, features: [], flagged: [] };
      if (reference !== null) drift.warnings.push(m.driftNewBorough(code));
      continue;
    }
    const features = versus.featurePsi
      .map((f) => ({ feature: f.feature, psi: jsonNumber(f.psi) }))
      .sort((a, b) => (b.psi ?? -1) - (a.psi ?? -1) || (a.feature < b.feature ? -1 : 1));
    const flagged = features.filter((f) => f.psi !== null && f.psi > DRIFT_PSI_THRESHOLD).map((f) => f.feature);
    const scorePsi = versus.scorePsi === null ? null : jsonNumber(versus.scorePsi);
    drift.boroughs[code] = { score_psi: scorePsi, features, flagged };
    if (flagged.length > 0) drift.warnings.push(m.driftFeatures(code, features.filter((f) => flagged.includes(f.feature)).map((f) => ({ feature: f.feature, psi: f.psi ?? 0 }))));
    if (scorePsi !== null && scorePsi > DRIFT_PSI_THRESHOLD) drift.warnings.push(m.driftScores(code, scorePsi));
  }
  return { drift, next };
}
