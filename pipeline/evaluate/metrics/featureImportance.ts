import type { Attribution } from '../../../models/Scorer.js';
import type { Random } from '../../util/Random.js';
import { jsonNumber } from './jsonNumber.js';

/**
 * Up to `count` distinct row indices out of `length`, drawn with `random`,
 * in ascending order (so the sample does not depend on draw order).
 *
 * @example
 *   sampleRows(1000, 3, new Random(42)); // e.g. [17, 402, 911]
 */
export function sampleRows(length: number, count: number, random: Random): number[] {
  const indices = Array.from({ length }, (_, i) => i);
  return random
    .shuffle(indices)
    .slice(0, Math.min(count, length))
    .sort((a, b) => a - b);
}

/**
 * Feature importance as the mean absolute contribution of each catalogue
 * feature over the sampled rows (a feature missing from a row's attribution
 * counts as 0), largest first, ties by name.
 *
 * @example
 *   meanAbsoluteAttribution([[{ feature: 'a', contribution: -2 }], [{ feature: 'a', contribution: 1 }]]);
 *   // [{ feature: 'a', mean_abs_contribution: 1.5 }]
 */
export function meanAbsoluteAttribution(rows: readonly Attribution[][]): Array<{ feature: string; mean_abs_contribution: number }> {
  const sums = new Map<string, number>();
  for (const row of rows) for (const a of row) sums.set(a.feature, (sums.get(a.feature) ?? 0) + Math.abs(a.contribution));
  return [...sums.entries()]
    .map(([feature, sum]) => ({ feature, mean_abs_contribution: jsonNumber(rows.length === 0 ? 0 : sum / rows.length) ?? 0 }))
    .sort((a, b) => b.mean_abs_contribution - a.mean_abs_contribution || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
}
