import { averagePrecision, precisionAtKInformative, rocAuc } from '../../../models/metrics.js';
import type { BootstrapResult } from './bootstrapIntervals.js';
import { brierScore } from './brierScore.js';
import { depthMetrics } from './depthMetrics.js';
import { jsonInterval, jsonNumber } from './jsonNumber.js';
import type { MetricSet } from '../MetricsJson.js';

/**
 * Every figure of one ordering over one set of labelled rows: ROC AUC (ties
 * count half), PR AUC (average precision), Brier score when the scores are
 * probabilities, and precision / recall / lift at each k walking `order`,
 * with the bootstrap intervals when given.
 *
 * @example
 *   metricSet([0.9, 0.1], [1, 0], listOrder([0.9, 0.1]), [1], true, null).at_k['1'].precision; // 1
 */
export function metricSet(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  order: ArrayLike<number>,
  ks: readonly number[],
  probabilities: boolean,
  intervals: BootstrapResult | null,
): MetricSet {
  const rows = labels.length;
  let positives = 0;
  for (let i = 0; i < rows; i++) if (labels[i] === 1) positives++;
  const atK: MetricSet['at_k'] = {};
  for (const d of depthMetrics(labels, order, ks)) {
    atK[String(d.k)] = {
      depth: d.depth,
      hits: d.hits,
      precision: jsonNumber(d.precision),
      recall: jsonNumber(d.recall),
      lift: jsonNumber(d.lift),
      informative: precisionAtKInformative(d.k, rows),
    };
  }
  return {
    rows,
    positives,
    prevalence: jsonNumber(rows === 0 ? Number.NaN : positives / rows),
    roc_auc: jsonNumber(rocAuc(scores, labels)),
    roc_auc_ci: jsonInterval(intervals?.roc_auc ?? null),
    pr_auc: jsonNumber(averagePrecision(scores, labels)),
    brier: probabilities ? jsonNumber(brierScore(scores, labels)) : null,
    at_k: atK,
    precision_at_100_ci: jsonInterval(intervals?.precision_at_k ?? null),
  };
}
