/** Figures at one inspection depth k of a ranked list. */
export interface DepthMetrics {
  k: number;
  /** Rows actually inspected: k, or all rows when there are fewer. */
  depth: number;
  /** HMOs among them. */
  hits: number;
  /** hits / depth; NaN when there are no rows. */
  precision: number;
  /** hits / all HMOs; NaN when there is no HMO. */
  recall: number;
  /** precision / prevalence: how many times better than visiting at random (1 = no better); NaN without positives. */
  lift: number;
}

/**
 * Precision, recall and lift over random at each depth k, walking `order`
 * (from `listOrder`). With fewer than k rows the whole list is the depth (the
 * list a team would get is shorter), as `precisionAtK` in models/metrics.ts.
 *
 * @example
 *   depthMetrics([1, 0, 1, 0], Int32Array.from([0, 1, 2, 3]), [2]);
 *   // [{ k: 2, depth: 2, hits: 1, precision: 0.5, recall: 0.5, lift: 1 }]
 */
export function depthMetrics(labels: ArrayLike<number>, order: ArrayLike<number>, ks: readonly number[]): DepthMetrics[] {
  const n = order.length;
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const prevalence = n === 0 ? Number.NaN : positives / n;
  // hitsBefore[d] = positives among the first d rows of the order
  const hitsBefore = new Int32Array(n + 1);
  for (let d = 0; d < n; d++) hitsBefore[d + 1] = (hitsBefore[d] as number) + (labels[order[d] as number] === 1 ? 1 : 0);
  return ks.map((k) => {
    const depth = Math.min(k, n);
    const hits = hitsBefore[depth] as number;
    const precision = depth === 0 ? Number.NaN : hits / depth;
    return {
      k,
      depth,
      hits,
      precision,
      recall: positives === 0 ? Number.NaN : hits / positives,
      lift: positives === 0 ? Number.NaN : precision / prevalence,
    };
  });
}
