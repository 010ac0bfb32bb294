import { boroughMean } from '../../../models/metrics.js';
import type { Params } from '../../params/Params.js';
import { Random } from '../../util/Random.js';
import { bootstrapIntervals } from './bootstrapIntervals.js';
import { brierScore } from './brierScore.js';
import { jsonNumber } from './jsonNumber.js';
import { metricSet } from './metricSet.js';
import type { CalibrationJson, MetricSet, OrderingMetrics, SchemeMetrics } from '../MetricsJson.js';
import type { Ordering } from './orderings.js';
import { listOrder } from '../../frame/listOrder.js';
import { reliabilityCurve } from './reliabilityCurve.js';
import type { ValidationRows } from '../inputs/ValidationRows.js';

/** The depth whose precision gets a bootstrap interval (the headline depth of the lists). */
export const INTERVAL_DEPTH = 100;

/**
 * Every figure of one validation scheme: for each ordering, overall and per
 * borough, ROC AUC and precision@100 with paired bootstrap intervals (one
 * resample stream per group, shared by the orderings, seeded from
 * `seed`), PR AUC, Brier and precision/recall/lift at each k; and the
 * reliability curve of each probability ordering.
 *
 * @example
 *   const lobo = evaluateScheme(rows, validationOrderings(rows, 42), params.evaluate, 42);
 *   lobo.orderings.model?.overall.roc_auc;
 */
export function evaluateScheme(rows: ValidationRows, orderings: readonly Ordering[], params: Params['evaluate'], seed: number): SchemeMetrics {
  const groups = new Map<string, number[]>();
  rows.boroughCode.forEach((code, i) => {
    const members = groups.get(code) ?? [];
    members.push(i);
    groups.set(code, members);
  });
  const boroughs = [...groups.keys()].sort();
  const random = new Random(seed).fork(`bootstrap/${rows.scheme}`);
  const all = Array.from({ length: rows.length }, (_, i) => i);
  const overall = groupMetrics(rows.label, all, orderings, params, random.fork('overall'));
  const byBorough = new Map(boroughs.map((code) => [code, groupMetrics(rows.label, groups.get(code) ?? [], orderings, params, random.fork(code))]));

  const result: SchemeMetrics = { rows: rows.length, positives: overall[0]?.positives ?? 0, boroughs, orderings: {}, calibration: {} };
  orderings.forEach((ordering, o) => {
    const perBorough: Record<string, MetricSet> = {};
    for (const code of boroughs) perBorough[code] = byBorough.get(code)?.[o] as MetricSet;
    const metrics: OrderingMetrics = {
      overall: overall[o] as MetricSet,
      by_borough: perBorough,
      ...boroughMeans(Object.values(perBorough), [...new Set([...params.k, INTERVAL_DEPTH])].sort((a, b) => a - b)),
    };
    result.orderings[ordering.name] = metrics;
    if (ordering.probabilities && (ordering.name === 'model' || ordering.name === 'logistic')) {
      result.calibration[ordering.name] = calibrationJson(ordering.scores, rows.label, params.calibration_bins);
    }
  });
  return result;
}

function groupMetrics(
  labels: Int8Array,
  indices: readonly number[],
  orderings: readonly Ordering[],
  params: Params['evaluate'],
  random: Random,
): MetricSet[] {
  const groupLabels = Int8Array.from(indices, (i) => labels[i] as number);
  const prepared = orderings.map((ordering) => {
    const scores = Float64Array.from(indices, (i) => ordering.scores[i] as number);
    const tieRank = Int32Array.from(indices, (i) => ordering.tieRank[i] as number);
    return { ordering, scores, order: listOrder(scores, tieRank) };
  });
  const intervals = bootstrapIntervals(groupLabels, prepared, INTERVAL_DEPTH, params.bootstrap_samples, random);
  // precision@100 is always computed: the promotion rule and the intervals use it, whatever params.evaluate.k says.
  const ks = [...new Set([...params.k, INTERVAL_DEPTH])].sort((a, b) => a - b);
  return prepared.map((p, o) => metricSet(p.scores, groupLabels, p.order, ks, p.ordering.probabilities, intervals[o] ?? null));
}

/** The means over boroughs (models/metrics.ts boroughMean): precision@k where informative, ROC AUC and average precision. */
function boroughMeans(
  sets: readonly MetricSet[],
  ks: readonly number[],
): Pick<OrderingMetrics, 'borough_mean_precision' | 'borough_mean_boroughs' | 'borough_mean_roc_auc' | 'borough_mean_pr_auc'> {
  const precision: Record<string, number | null> = {};
  const counted: Record<string, number> = {};
  for (const k of ks) {
    const values = sets.map((s) => s.at_k[String(k)]).filter((at) => at !== undefined && at.informative && at.precision !== null).map((at) => at?.precision);
    precision[String(k)] = jsonNumber(boroughMean(values));
    counted[String(k)] = values.length;
  }
  return {
    borough_mean_precision: precision,
    borough_mean_boroughs: counted,
    borough_mean_roc_auc: jsonNumber(boroughMean(sets.map((s) => s.roc_auc))),
    borough_mean_pr_auc: jsonNumber(boroughMean(sets.map((s) => s.pr_auc))),
  };
}

/** The reliability curve and ECE as written to metrics.json. */
export function calibrationJson(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins: number): CalibrationJson {
  const curve = reliabilityCurve(probabilities, labels, bins);
  return {
    ece: jsonNumber(curve.ece),
    brier: jsonNumber(brierScore(probabilities, labels)),
    bins: curve.bins.map((b) => ({
      lower: jsonNumber(b.lower) ?? 0,
      upper: jsonNumber(b.upper) ?? 0,
      rows: b.rows,
      mean_predicted: jsonNumber(b.mean_predicted),
      observed_rate: jsonNumber(b.observed_rate),
      observed_low: jsonNumber(b.observed_low),
      observed_high: jsonNumber(b.observed_high),
    })),
  };
}
