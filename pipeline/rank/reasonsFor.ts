import type { Attribution } from '../../models/Scorer.js';
import type { EvidenceCatalogue, EvidenceFeature, FeatureRow } from './EvidenceCatalogue.js';
import { MAX_REASONS } from './listColumns.js';
import { checkability, CHECKABILITY_ORDER, CHECKABILITY_RULES, type Checkability, type CheckabilityRule } from './reasonCheckability.js';

/** Contributions at or below this (logit units) do not push a score up and give no reason. */
export const MIN_CONTRIBUTION = 1e-6;

/**
 * The plain-English reasons for one property: the features that pushed its
 * score up, each rendered by the catalogue's evidence sentence for this
 * property's own values, at most one per catalogue group (electors and
 * surnames are one piece of evidence told twice; the property's record is one
 * description), the strongest feature of a group speaking for it. A group's
 * sentence is given the other features of the group that push the score up
 * too, so it can name them together.
 *
 * Which reasons, in which order: the ones an officer can check on the
 * doorstep first, then those only the records hold, then weak ones (the
 * building's age and type, two electors with two surnames), then the ward as
 * context (`reasonCheckability.ts`); within each, the largest contribution
 * first. A feature whose value is no evidence (the catalogue says null), or
 * that is not in the catalogue, gives no reason; nothing is invented to fill
 * the gap, so a property may get fewer than `max` reasons, or none. Every
 * group that has a sentence is a candidate, so the number of reasons is
 * min(max, groups with evidence) whatever the order.
 *
 * @example
 *   reasonsFor([{ feature: 'year_built', contribution: 2 }, { feature: 'ct_student_exemption', contribution: 1 }], row, '2026-09-30', catalogue);
 *   // ['council tax student exemption in place (as of 2026-09-30)', 'house, built in 1907']
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
  // One candidate per group (its strongest feature that is evidence), in contribution order.
  const candidates: Array<{ sentence: string; order: number }> = [];
  const groupsUsed = new Set<string>();
  for (const { feature } of pushing) {
    const spec = index.byName.get(feature) as EvidenceFeature;
    const group = index.groupOf(feature);
    if (groupsUsed.has(group)) continue;
    const sentence = spec.evidence(row, asOf, pushingInGroup.get(group))?.trim();
    // A sentence equal to a feature name would be a raw name, not a reason.
    if (sentence === undefined || sentence === '' || index.byName.has(sentence) || candidates.some((c) => c.sentence === sentence)) continue;
    groupsUsed.add(group);
    candidates.push({ sentence, order: CHECKABILITY_ORDER[index.checkability(feature, row)] });
  }
  // A stable sort: within a level of checkability, contribution order stays.
  return candidates
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => a.order - b.order || a.i - b.i)
    .slice(0, max)
    .map((c) => c.sentence);
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
  private readonly rules: ReadonlyMap<string, CheckabilityRule>;

  /** `rules`: how checkable each feature's reason is (default: the feature catalogue's, `CHECKABILITY_RULES`). */
  constructor(catalogue: EvidenceCatalogue, rules: ReadonlyMap<string, CheckabilityRule> = CHECKABILITY_RULES) {
    this.byName = new Map(catalogue.map((f) => [f.name, f]));
    this.rules = rules;
  }

  /** How checkable the reason of `feature` is for this property (a context feature is always `context`). */
  checkability(feature: string, row: FeatureRow): Checkability {
    return checkability(feature, row, this.byName.get(feature)?.context === true, this.rules);
  }

  groupOf(feature: string): string {
    const spec = this.byName.get(feature);
    return spec?.group ?? feature;
  }
}
