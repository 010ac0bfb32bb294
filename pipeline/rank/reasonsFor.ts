import type { Attribution } from '../../models/Scorer.js';
import type { EvidenceCatalogue, EvidenceFeature, FeatureRow } from './EvidenceCatalogue.js';
import { MAX_REASONS } from './listColumns.js';

/** Contributions at or below this (logit units) do not push a score up and give no reason. */
export const MIN_CONTRIBUTION = 1e-6;

/**
 * The plain-English reasons for one property: the features that pushed its
 * score up most (largest positive attribution first), each rendered by the
 * catalogue's evidence sentence for this property's own values, at most one
 * per catalogue group (electors and surnames are one piece of evidence told
 * twice; the property's record is one description). A group's sentence is
 * given the other features of the group that push the score up too, so it can
 * name them together. The property's own evidence comes first; a context
 * sentence (the ward) only fills a place left over. A feature whose value is
 * no evidence (the catalogue says null), or that is not in the catalogue,
 * gives no reason; nothing is invented to fill the gap, so a property may get
 * fewer than `max` reasons, or none.
 *
 * @example
 *   reasonsFor([{ feature: 'electors_current', contribution: 1.2 }], row, '2026-09-30', catalogue);
 *   // ['6 electors with 5 different surnames registered (as of 2026-09-30)']
 */
export function reasonsFor(
  attributions: readonly Attribution[],
  row: FeatureRow,
  asOf: string,
  catalogue: EvidenceCatalogue | ReasonCatalogue,
  max = MAX_REASONS,
): string[] {
  const index = catalogue instanceof ReasonCatalogue ? catalogue : new ReasonCatalogue(catalogue);
  const pushing = attributions
    .filter((a) => Number.isFinite(a.contribution) && a.contribution > MIN_CONTRIBUTION && index.byName.has(a.feature))
    .sort((a, b) => b.contribution - a.contribution || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
  const pushingInGroup = new Map<string, Set<string>>();
  for (const { feature } of pushing) {
    const group = index.groupOf(feature);
    const members = pushingInGroup.get(group) ?? new Set<string>();
    members.add(feature);
    pushingInGroup.set(group, members);
  }
  const own: string[] = [];
  const context: string[] = [];
  const groupsUsed = new Set<string>();
  for (const { feature } of pushing) {
    if (own.length >= max) break;
    const spec = index.byName.get(feature) as EvidenceFeature;
    const group = index.groupOf(feature);
    if (groupsUsed.has(group) || (spec.context === true && context.length + own.length >= max)) continue;
    const sentence = spec.evidence(row, asOf, pushingInGroup.get(group))?.trim();
    // A sentence equal to a feature name would be a raw name, not a reason.
    if (sentence === undefined || sentence === '' || index.byName.has(sentence) || own.includes(sentence) || context.includes(sentence)) continue;
    (spec.context === true ? context : own).push(sentence);
    groupsUsed.add(group);
  }
  return [...own, ...context].slice(0, max);
}

/**
 * A catalogue indexed by feature name, built once per list rather than once
 * per property.
 *
 * @example
 *   const index = new ReasonCatalogue(catalogue);
 *   rows.map((r) => reasonsFor(attributions[r], row(r), asOf, index));
 */
export class ReasonCatalogue {
  readonly byName: ReadonlyMap<string, EvidenceFeature>;

  constructor(catalogue: EvidenceCatalogue) {
    this.byName = new Map(catalogue.map((f) => [f.name, f]));
  }

  groupOf(feature: string): string {
    const spec = this.byName.get(feature);
    return spec?.group ?? feature;
  }
}
