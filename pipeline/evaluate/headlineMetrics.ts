import type { MetricsJson, OrderingName } from './MetricsJson.js';

/**
 * The headline figures of a metrics.json, flat, for `runs diff` and the
 * console: leave-borough-out and temporal ROC AUC, PR AUC, precision@k of the
 * model and of the baselines, calibration (ECE, Brier), flagged slices and,
 * for synthetic runs, the undeclared HMOs the simulated field trial found;
 * and each borough's list forecast (`forecast.<GSS>.expected_found`, `.low`,
 * `.high`, `.score_sum`, `.top_n`, with truth `.truth_found`).
 * Figures that could not be computed are left out.
 *
 * @example
 *   headlineMetrics(metrics)['lobo.model.precision_at_100']; // 0.42
 */
export function headlineMetrics(metrics: MetricsJson): Record<string, number> {
  const result: Record<string, number> = {};
  const put = (key: string, value: number | null | undefined) => {
    if (typeof value === 'number' && Number.isFinite(value)) result[key] = value;
  };
  for (const scheme of ['lobo', 'temporal'] as const) {
    const s = metrics.validation[scheme];
    if (s === null) continue;
    put(`${scheme}.rows`, s.rows);
    put(`${scheme}.positives`, s.positives);
    for (const name of ['model', 'logistic', 'complaint_led', 'random'] as OrderingName[]) {
      const o = s.orderings[name]?.overall;
      if (o === undefined) continue;
      put(`${scheme}.${name}.roc_auc`, o.roc_auc);
      put(`${scheme}.${name}.pr_auc`, o.pr_auc);
      for (const [k, at] of Object.entries(o.at_k)) put(`${scheme}.${name}.precision_at_${k}`, at.precision);
    }
    put(`${scheme}.model.ece`, s.calibration.model?.ece);
    put(`${scheme}.model.brier`, s.calibration.model?.brier);
  }
  if (metrics.slices !== null) put('slices.flagged', metrics.slices.flagged.length);
  if (metrics.field_trial !== null) {
    for (const [k, found] of Object.entries(metrics.field_trial.total.found)) {
      put(`field_trial.model.found_at_${k}`, found.model);
      put(`field_trial.complaint_led.found_at_${k}`, found.complaint_led);
      put(`field_trial.random.found_at_${k}`, found.random);
      put(`field_trial.oracle.found_at_${k}`, found.oracle);
    }
  }
  for (const [code, f] of Object.entries(metrics.list_forecast ?? {})) {
    put(`forecast.${code}.top_n`, f.top_n);
    put(`forecast.${code}.expected_found`, f.expected_found);
    put(`forecast.${code}.low`, f.low);
    put(`forecast.${code}.high`, f.high);
    put(`forecast.${code}.score_sum`, f.score_sum);
    put(`forecast.${code}.truth_found`, f.truth_found);
    put(`forecast.${code}.level`, f.level);
  }
  return result;
}
