import type { Random } from '../util/Random.js';

export interface Inspection {
  day: number;
  trigger: 'complaint' | 'proactive' | 'licence-application';
}

export type InspectionOutcome = Inspection & { outcome: 'hmo' | 'not-hmo' | 'no-access' };

/**
 * What each inspection found, in date order: no access now and then (more
 * often at HMOs), often followed by a revisit; otherwise `hmo` exactly when
 * the property was an HMO that day, bar a recording error (1% by default).
 *
 * @example
 *   decideOutcomes([{ day, trigger: 'complaint' }], (d) => d >= hmoSince, extractDay, rng, 0.11);
 */
export function decideOutcomes(
  inspections: readonly Inspection[],
  hmoAt: (day: number) => boolean,
  E: number,
  rng: Random,
  noAccessRate: number,
  outcomeError = 0.01,
): Array<Inspection & { outcome: 'hmo' | 'not-hmo' | 'no-access' }> {
  const result: Array<Inspection & { outcome: 'hmo' | 'not-hmo' | 'no-access' }> = [];
  for (const inspection of [...inspections].sort((a, b) => a.day - b.day)) {
    const hmo = hmoAt(inspection.day);
    if (rng.chance(noAccessRate * (hmo ? 1.2 : 0.92))) {
      result.push({ ...inspection, outcome: 'no-access' });
      const revisit = inspection.day + rng.int(10, 60);
      if (revisit <= E && rng.chance(0.5)) {
        const found = hmoAt(revisit) !== rng.chance(outcomeError);
        result.push({ day: revisit, trigger: inspection.trigger, outcome: found ? 'hmo' : 'not-hmo' });
      }
      continue;
    }
    const found = hmo !== rng.chance(outcomeError);
    result.push({ ...inspection, outcome: found ? 'hmo' : 'not-hmo' });
  }
  return result;
}
