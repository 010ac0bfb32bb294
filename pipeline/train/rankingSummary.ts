import { averagePrecision, precisionAtK, rocAuc } from '../../models/metrics.js';

/** Ranking quality of one set of held-out scores (NaN where a metric is undefined, written as null). */
export interface RankingSummary {
  rows: number;
  positives: number;
  roc_auc: number;
  average_precision: number;
  /** Precision among the top k, keyed by k. */
  precision_at: Record<string, number>;
}

/** Depths of the precision figures written by training. */
export const PRECISION_DEPTHS = [50, 100, 200] as const;

/**
 * Summarises scores of the given rows (all when omitted) against their
 * labels. Ties are broken by row order (the frame is sorted by borough and
 * UPRN), as models/metrics.ts expects.
 *
 * @example
 *   rankingSummary(scores, labels); // { rows, positives, roc_auc, average_precision, precision_at: { '50': …, '100': …, '200': … } }
 */
export function rankingSummary(scores: ArrayLike<number>, labels: ArrayLike<number>, rows?: readonly number[]): RankingSummary {
  const s = rows === undefined ? Array.from(scores) : rows.map((i) => scores[i] as number);
  const y = rows === undefined ? Array.from(labels) : rows.map((i) => labels[i] as number);
  return {
    rows: s.length,
    positives: y.filter((v) => v === 1).length,
    roc_auc: rocAuc(s, y),
    average_precision: averagePrecision(s, y),
    precision_at: Object.fromEntries(PRECISION_DEPTHS.map((k) => [String(k), precisionAtK(s, y, k)])),
  };
}

/** Overall and per-borough summaries of held-out scores. */
export interface SchemeSummary {
  overall: RankingSummary;
  boroughs: Record<string, RankingSummary>;
  /** Mean over boroughs (with both outcomes) of their average precision: the model-selection criterion. */
  mean_borough_average_precision: number;
}

/** Summaries of scores over `rows`, overall and per borough (codes in order). */
export function schemeSummary(scores: ArrayLike<number>, labels: ArrayLike<number>, boroughCode: readonly string[], rows: readonly number[]): SchemeSummary {
  const byBorough = new Map<string, number[]>();
  for (const i of rows) {
    const code = boroughCode[i] as string;
    let list = byBorough.get(code);
    if (list === undefined) byBorough.set(code, (list = []));
    list.push(i);
  }
  const boroughs: Record<string, RankingSummary> = {};
  const aps: number[] = [];
  for (const code of [...byBorough.keys()].sort()) {
    const summary = rankingSummary(scores, labels, byBorough.get(code));
    boroughs[code] = summary;
    if (summary.positives > 0 && summary.positives < summary.rows) aps.push(summary.average_precision);
  }
  return {
    overall: rankingSummary(scores, labels, rows),
    boroughs,
    mean_borough_average_precision: aps.length > 0 ? aps.reduce((a, b) => a + b, 0) / aps.length : Number.NaN,
  };
}
