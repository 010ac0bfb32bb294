import type { Random } from '../../util/Random.js';

/** One ranking to bootstrap: its scores and its walking order (from `listOrder`). */
export interface BootstrapTarget {
  scores: ArrayLike<number>;
  order: ArrayLike<number>;
}

/** A 95% percentile interval; null when no resample could compute the figure (e.g. one class only). */
export type Interval = [number, number] | null;

export interface BootstrapResult {
  roc_auc: Interval;
  precision_at_k: Interval;
}

/**
 * 95% percentile bootstrap intervals for ROC AUC and precision@k of several
 * rankings of the same labelled rows. Each resample draws n rows with
 * replacement (seeded by `random`) and is shared by every target, so the
 * intervals of two orderings are paired. A resample is represented as a
 * count per row, so each figure is one pass over the precomputed order
 * (no re-sorting): fast enough for London-scale validation sets.
 * A resample with one class only has no AUC and is left out of that interval.
 *
 * @example
 *   const [model] = bootstrapIntervals(labels, [{ scores, order: listOrder(scores) }], 100, 200, new Random(42));
 *   model.roc_auc; // e.g. [0.71, 0.78]
 */
export function bootstrapIntervals(
  labels: ArrayLike<number>,
  targets: readonly BootstrapTarget[],
  k: number,
  samples: number,
  random: Random,
): BootstrapResult[] {
  const n = labels.length;
  const aucs = targets.map(() => [] as number[]);
  const precisions = targets.map(() => [] as number[]);
  if (n === 0) return targets.map(() => ({ roc_auc: null, precision_at_k: null }));
  const prepared = targets.map((target) => prepareOrder(target.scores, labels, target.order));
  const weights = new Int32Array(n);
  for (let s = 0; s < samples; s++) {
    weights.fill(0);
    for (let i = 0; i < n; i++) {
      // random.int(0, n), inlined: this loop runs samples x rows times
      const row = Math.floor((random.nextUint32() / 4294967296) * n);
      weights[row] = (weights[row] as number) + 1;
    }
    prepared.forEach((p, t) => {
      const auc = preparedWeightedRocAuc(p, weights);
      if (!Number.isNaN(auc)) aucs[t]?.push(auc);
      precisions[t]?.push(weightedPrecisionAtK(labels, p.order, weights, k));
    });
  }
  return targets.map((_, t) => ({ roc_auc: percentileInterval(aucs[t] ?? []), precision_at_k: percentileInterval(precisions[t] ?? []) }));
}

/** An order with its labels laid out in walking order and the ends of tie groups marked, for fast repeated passes. */
interface PreparedOrder {
  order: Int32Array;
  positive: Uint8Array;
  groupEnd: Uint8Array;
}

function prepareOrder(scores: ArrayLike<number>, labels: ArrayLike<number>, order: ArrayLike<number>): PreparedOrder {
  const n = order.length;
  const result = { order: Int32Array.from(order), positive: new Uint8Array(n), groupEnd: new Uint8Array(n) };
  for (let j = 0; j < n; j++) {
    const row = order[j] as number;
    result.positive[j] = labels[row] === 1 ? 1 : 0;
    result.groupEnd[j] = j === n - 1 || scores[order[j + 1] as number] !== scores[row] ? 1 : 0;
  }
  return result;
}

function preparedWeightedRocAuc(p: PreparedOrder, weights: ArrayLike<number>): number {
  let positivesAbove = 0;
  let negatives = 0;
  let pairs = 0;
  let groupPositives = 0;
  let groupNegatives = 0;
  const n = p.order.length;
  for (let j = 0; j < n; j++) {
    const w = weights[p.order[j] as number] as number;
    if (p.positive[j] === 1) groupPositives += w;
    else groupNegatives += w;
    if (p.groupEnd[j] === 1) {
      pairs += groupNegatives * positivesAbove + 0.5 * groupPositives * groupNegatives;
      positivesAbove += groupPositives;
      negatives += groupNegatives;
      groupPositives = 0;
      groupNegatives = 0;
    }
  }
  if (positivesAbove === 0 || negatives === 0) return Number.NaN;
  return pairs / (positivesAbove * negatives);
}

/**
 * ROC AUC of rows repeated `weights[i]` times, ties counted as half, walking
 * `order` (descending score). NaN when one class has no weight.
 *
 * @example
 *   weightedRocAuc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0], [0, 1, 2, 3], [1, 1, 1, 1]); // 0.875
 */
export function weightedRocAuc(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  order: ArrayLike<number>,
  weights: ArrayLike<number>,
): number {
  return preparedWeightedRocAuc(prepareOrder(scores, labels, order), weights);
}

/**
 * Precision among the first k rows of `order` when row i appears `weights[i]`
 * times (adjacent copies); all rows when their total weight is below k.
 * NaN when the total weight is 0.
 */
export function weightedPrecisionAtK(labels: ArrayLike<number>, order: ArrayLike<number>, weights: ArrayLike<number>, k: number): number {
  let taken = 0;
  let hits = 0;
  for (let i = 0; i < order.length && taken < k; i++) {
    const row = order[i] as number;
    const w = Math.min(weights[row] as number, k - taken);
    taken += w;
    if (labels[row] === 1) hits += w;
  }
  return taken === 0 ? Number.NaN : hits / taken;
}

/** The 2.5% and 97.5% quantiles (linear interpolation between order statistics); null for no values. */
export function percentileInterval(values: readonly number[]): Interval {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return [quantile(sorted, 0.025), quantile(sorted, 0.975)];
}

/** Quantile q of sorted values, interpolating linearly (R type 7, numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}
