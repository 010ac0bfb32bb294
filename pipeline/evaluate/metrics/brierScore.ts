/**
 * Brier score: the mean squared difference between a predicted probability
 * and the outcome (0 is perfect; always predicting the base rate p scores
 * p(1-p)). NaN for an empty input.
 *
 * @example
 *   brierScore([0.9, 0.2], [1, 0]); // ((0.1)^2 + (0.2)^2) / 2 = 0.025
 */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = probabilities.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (probabilities[i] as number) - (labels[i] as number);
    sum += d * d;
  }
  return sum / n;
}
