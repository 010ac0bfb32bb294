import { Random } from '../../util/Random.js';
import type { OrderingName } from '../MetricsJson.js';
import type { ValidationRows } from '../inputs/ValidationRows.js';

/** One way of ordering the rows: the scores, and the tie-break rank (lower first). */
export interface Ordering {
  name: OrderingName;
  scores: Float64Array;
  tieRank: Int32Array;
  /** The scores are calibrated probabilities (Brier and calibration apply). */
  probabilities: boolean;
}

/** How each ordering breaks ties, as written to metrics.json and the report. */
export const TIE_BREAKS: Record<OrderingName | 'oracle', string> = {
  model: 'equal scores: lower UPRN first (as the inspection lists)',
  logistic: 'equal scores: lower UPRN first (as the inspection lists)',
  complaint_led: 'equal complaint counts: a seeded random order (params.seed), so that UPRN numbering cannot favour a block of addresses',
  random: 'a seeded random permutation (params.seed)',
  oracle: 'every undeclared HMO first (the most a perfect list could find)',
};

/**
 * The orderings compared on validation rows: the chosen model, the logistic
 * baseline (when trained), complaint-led (most complaints in the last 12
 * months first, ties seeded-random) and random (seeded). The rows are sorted
 * by borough then UPRN, so a tie rank equal to the row index breaks model
 * ties by UPRN within a borough.
 *
 * @example
 *   validationOrderings(rows, 42).map((o) => o.name); // ['model', 'logistic', 'complaint_led', 'random']
 */
export function validationOrderings(rows: ValidationRows, seed: number): Ordering[] {
  const byIndex = Int32Array.from({ length: rows.length }, (_, i) => i);
  const random = new Random(seed).fork(`evaluate/${rows.scheme}`);
  const orderings: Ordering[] = [{ name: 'model', scores: rows.model, tieRank: byIndex, probabilities: true }];
  if (rows.logistic !== null) orderings.push({ name: 'logistic', scores: rows.logistic, tieRank: byIndex, probabilities: true });
  orderings.push({ name: 'complaint_led', scores: rows.complaints, tieRank: randomRanks(rows.length, random.fork('complaint-led')), probabilities: false });
  const randomRank = randomRanks(rows.length, random.fork('random-order'));
  // Higher score first: the row placed first by the permutation gets the highest score.
  orderings.push({ name: 'random', scores: Float64Array.from(randomRank, (r) => rows.length - r), tieRank: randomRank, probabilities: false });
  return orderings;
}

/** rank[i] = position of row i in a seeded random permutation of 0..n-1. */
export function randomRanks(n: number, random: Random): Int32Array {
  const permutation = random.shuffle(Array.from({ length: n }, (_, i) => i));
  const rank = new Int32Array(n);
  permutation.forEach((row, position) => {
    rank[row] = position;
  });
  return rank;
}
