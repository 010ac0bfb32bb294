import { headlineMetrics } from '../metrics/headlineMetrics.js';
import { jsonNumber } from '../metrics/jsonNumber.js';
import type { MetricDelta, MetricsJson } from '../MetricsJson.js';

/**
 * The candidate beside the baseline (the model in use), metric by metric:
 * every headline figure of either, with candidate - baseline.
 *
 * @example
 *   compareMetrics(candidate, inUse).find((d) => d.metric === 'lobo.model.roc_auc');
 *   // { metric: 'lobo.model.roc_auc', candidate: 0.81, baseline: 0.79, delta: 0.02 }
 */
export function compareMetrics(candidate: MetricsJson, baseline: MetricsJson): MetricDelta[] {
  const a = headlineMetrics(candidate);
  const b = headlineMetrics(baseline);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => key.includes('.model.') || key === 'slices.flagged');
  return keys.map((metric) => {
    const c = a[metric];
    const base = b[metric];
    return {
      metric,
      candidate: c ?? null,
      baseline: base ?? null,
      delta: c === undefined || base === undefined ? null : jsonNumber(c - base),
    };
  });
}
