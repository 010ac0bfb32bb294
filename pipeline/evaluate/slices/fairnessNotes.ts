import { pct } from '../format.js';
import type { MetricsJson } from '../MetricsJson.js';

/**
 * Plain-English notes on features that could act as proxies for deprivation
 * or ethnicity and on what the slices show, shared by the report and the
 * model card (so they never disagree).
 *
 * @example
 *   fairnessNotes(metrics); // ['The model reads 6 features that could stand in for ...', ...]
 */
export function fairnessNotes(metrics: MetricsJson): string[] {
  const notes: string[] = [];
  const proxies = metrics.slices?.proxy_features ?? [];
  notes.push(
    proxies.length > 0
      ? `The model reads ${proxies.length} feature(s) that could stand in for deprivation or ethnicity: ${proxies.join(', ')}. ` +
          'Council tax band, tenure and housing benefit follow income; ward-level context follows neighbourhood deprivation and, in London, ethnic make-up; ' +
          'the number of distinct surname keys at an address is meant to count unrelated households, but surname patterns also differ between communities (for example where families share a surname or spouses do not), so it can act on ethnicity directly.'
      : 'None of the model\'s feature names match the known proxies (council tax band, tenure, housing benefit, ward context, surname diversity); check the feature list in the model card.',
  );
  const slices = metrics.slices;
  if (slices === null) {
    notes.push('No leave-borough-out predictions were available, so no slice was examined.');
    return notes;
  }
  for (const [dimension, name] of [
    ['tenure', 'tenure'],
    ['complaint_rate_band', 'ward complaint-rate band'],
    ['ward', 'ward'],
    ['borough', 'borough'],
    ['property_type', 'property type'],
  ] as const) {
    const of = slices.slices.filter((s) => s.dimension === dimension);
    const examined = of.filter((s) => s.flaggable);
    const flagged = of.filter((s) => s.flagged);
    if (of.length === 0) continue;
    if (examined.length === 0) {
      notes.push(`By ${name}: no slice has ${metrics.settings.min_slice_rows} or more inspections, so none could be judged.`);
    } else if (flagged.length === 0) {
      notes.push(
        `By ${name}: ${examined.length} slice(s) with enough inspections; none differs from the overall precision or false-positive rate (all boroughs' inspections pooled) by more than ${pct(metrics.settings.slice_margin)}.`,
      );
    } else {
      const detail = flagged
        .slice(0, 6)
        .map((s) => `${s.label} (precision ${pct(s.precision)}, false-positive rate ${pct(s.false_positive_rate)})`)
        .join('; ');
      notes.push(
        `By ${name}: ${flagged.length} of ${examined.length} slice(s) flagged — ${detail}${flagged.length > 6 ? '; …' : ''}. ` +
          `Overall (all boroughs' inspections pooled): precision ${pct(slices.overall.precision)}, false-positive rate ${pct(slices.overall.false_positive_rate)}. ` +
          'A higher false-positive rate means more intrusive visits to households that are not HMOs in that group; review before use.',
      );
    }
  }
  if (slices.flagged.length > 0) {
    notes.push(
      'Reading the flags: precision also follows how common HMOs are in a group (a group with more HMOs among its inspections shows a higher precision with the same model), ' +
        'so a precision gap alone is not proof of unfair treatment; a false-positive rate well above the overall figure means more visits to lawful households in that group and deserves review first.',
    );
  }
  return notes;
}
