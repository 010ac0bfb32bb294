import type { Attribution } from '../../models/Scorer.js';
import type { EvidenceCatalogue, FeatureRow } from './EvidenceCatalogue.js';
import { MAX_REASONS } from './listColumns.js';

/** Contributions at or below this (logit units) do not push a score up and give no reason. */
export const MIN_CONTRIBUTION = 1e-6;

/**
 * The plain-English reasons for one property: the features that pushed its
 * score up most (largest positive attribution first), each rendered by the
 * catalogue's evidence sentence for this property's own values, at most one
 * per catalogue group (electors and surnames are one piece of evidence told
 * twice). A feature whose value is no evidence (the catalogue says null), or
 * that is not in the catalogue, gives no reason; nothing is invented to fill
 * the gap, so a property may get fewer than `max` reasons, or none.
 *
 * @example
 *   reasonsFor([{ feature: 'electors_current', contribution: 1.2 }], row, '2026-09-30', catalogue);
 *   // ['6 electors registered (as of 2026-09-30)']
 */
export function reasonsFor(
  attributions: readonly Attribution[],
  row: FeatureRow,
  asOf: string,
  catalogue: EvidenceCatalogue,
  max = MAX_REASONS,
): string[] {
  const byName = new Map(catalogue.map((f) => [f.name, f]));
  const pushing = attributions
    .filter((a) => Number.isFinite(a.contribution) && a.contribution > MIN_CONTRIBUTION)
    .sort((a, b) => b.contribution - a.contribution || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
  const reasons: string[] = [];
  const groupsUsed = new Set<string>();
  for (const { feature } of pushing) {
    if (reasons.length >= max) break;
    const spec = byName.get(feature);
    if (spec === undefined) continue;
    const group = spec.group ?? spec.name;
    if (groupsUsed.has(group)) continue;
    const sentence = spec.evidence(row, asOf)?.trim();
    // A sentence equal to a feature name would be a raw name, not a reason.
    if (sentence === undefined || sentence === '' || byName.has(sentence) || reasons.includes(sentence)) continue;
    reasons.push(sentence);
    groupsUsed.add(group);
  }
  return reasons;
}
