/**
 * Ranking metrics shared by training (model selection) and evaluation.
 * Scores: higher means more likely an HMO. Labels: 1 = hmo, 0 = not-hmo.
 */

/**
 * Area under the ROC curve, with tied scores counted as half (the
 * Mann-Whitney statistic). NaN when only one class is present.
 *
 * @example
 *   rocAuc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0]); // 0.875
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = sortedIndices(scores, 'ascending');
  let positives = 0;
  let rankSumPositives = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        rankSumPositives += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Area under the precision-recall curve as average precision: the mean of the
 * precision at each positive, with tied scores treated as one threshold (as
 * scikit-learn's average_precision_score). NaN when there is no positive.
 *
 * @example
 *   averagePrecision([0.9, 0.8, 0.3], [1, 0, 1]); // (1 + 2/3) / 2
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = sortedIndices(scores, 'descending');
  let totalPositives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) totalPositives++;
  if (totalPositives === 0) return Number.NaN;
  let truePositives = 0;
  let seen = 0;
  let sum = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    let positivesHere = 0;
    for (let k = i; k <= j; k++) if (labels[order[k] as number] === 1) positivesHere++;
    truePositives += positivesHere;
    seen += j - i + 1;
    sum += (positivesHere / totalPositives) * (truePositives / seen);
    i = j + 1;
  }
  return sum;
}

/**
 * Share of positives among the top k rows by score; with fewer than k rows,
 * the share among all of them (the list a team would get is shorter).
 * Ties at the cut are broken by the order given (callers sort ties stably by
 * UPRN first). NaN for an empty input.
 *
 * @example
 *   precisionAtK([0.9, 0.8, 0.1], [1, 0, 1], 2); // 0.5
 */
export function precisionAtK(scores: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const order = sortedIndices(scores, 'descending');
  const depth = Math.min(k, order.length);
  if (depth === 0) return Number.NaN;
  let hits = 0;
  for (let i = 0; i < depth; i++) if (labels[order[i] as number] === 1) hits++;
  return hits / depth;
}

/** Indices that sort `scores`, stable (equal scores keep their input order); NaN sorts last. */
export function sortedIndices(scores: ArrayLike<number>, direction: 'ascending' | 'descending'): number[] {
  const indices = Array.from({ length: scores.length }, (_, i) => i);
  const sign = direction === 'ascending' ? 1 : -1;
  return indices.sort((a, b) => {
    const x = scores[a] as number;
    const y = scores[b] as number;
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : -1;
    return x === y ? a - b : sign * (x - y);
  });
}

/**
 * Whether precision@k can tell orderings of `rows` held-out rows apart: k at
 * most half of them. At k ≥ rows every ordering scores the prevalence (the
 * whole list is the depth), and near it the orderings can differ only in the
 * few rows left out, so such a figure is not shown as if it ranked anything.
 * Training's log, evaluation and the promotion rule use this one rule.
 *
 * @example
 *   precisionAtKInformative(100, 84); // false
 *   precisionAtKInformative(100, 479); // true
 */
export function precisionAtKInformative(k: number, rows: number): boolean {
  return k >= 1 && 2 * k <= rows;
}

/**
 * The unweighted mean over boroughs of a per-borough figure, leaving out
 * boroughs where it is not defined (NaN or null): each borough's list is its
 * own, so no borough's rows are pooled with another's. NaN when none has it.
 *
 * @example
 *   boroughMean([0.5, Number.NaN, 0.3]); // 0.4
 */
export function boroughMean(values: ReadonlyArray<number | null | undefined>): number {
  const defined = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return defined.length === 0 ? Number.NaN : defined.reduce((a, b) => a + b, 0) / defined.length;
}
