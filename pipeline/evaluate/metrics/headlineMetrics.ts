import type { MetricsJson, OrderingName } from '../MetricsJson.js';

/**
 * The headline figures of a metrics.json, flat, for `runs list`, `runs diff`
 * and the console. Lists are per borough, so the headline ranking figures
 * are means over boroughs, named `<scheme>.<ordering>.borough_mean.*`:
 * precision@k (over the boroughs where k is at most half their held-out
 * rows; left out when no borough has that many), ROC AUC and average
 * precision (`pr_auc`). Figures over the rows of all boroughs together say
 * so in their name, `<scheme>.<ordering>.pooled.*` (precision@k only where
 * informative), as do calibration (`<scheme>.model.pooled.ece` / `.brier`).
 * Also: held-out rows and HMOs, flagged slices, for synthetic runs the
 * undeclared HMOs the simulated field trial found (each borough's own top
 * k, added up), and each borough's list forecast (`forecast.<GSS>.*`).
 * Figures that could not be computed are left out.
 *
 * @example
 *   headlineMetrics(metrics)['lobo.model.borough_mean.precision_at_100']; // 0.42
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
      const o = s.orderings[name];
      if (o === undefined) continue;
      for (const [k, value] of Object.entries(o.borough_mean_precision)) put(`${scheme}.${name}.borough_mean.precision_at_${k}`, value);
      put(`${scheme}.${name}.borough_mean.roc_auc`, o.borough_mean_roc_auc);
      put(`${scheme}.${name}.borough_mean.pr_auc`, o.borough_mean_pr_auc);
      put(`${scheme}.${name}.pooled.roc_auc`, o.overall.roc_auc);
      put(`${scheme}.${name}.pooled.pr_auc`, o.overall.pr_auc);
      for (const [k, at] of Object.entries(o.overall.at_k)) if (at.informative) put(`${scheme}.${name}.pooled.precision_at_${k}`, at.precision);
    }
    put(`${scheme}.model.pooled.ece`, s.calibration.model?.ece);
    put(`${scheme}.model.pooled.brier`, s.calibration.model?.brier);
  }
  if (metrics.slices !== null) put('slices.flagged', metrics.slices.flagged.length);
  if (metrics.field_trial !== null) {
    for (const [k, found] of Object.entries(metrics.field_trial.total.found)) {
      put(`field_trial.model.found_at_${k}`, found.model);
      put(`field_trial.complaint_led.found_at_${k}`, found.complaint_led);
      // the random baseline as its expectation (and spread), not one seeded draw
      put(`field_trial.random.found_at_${k}`, found.random_expected);
      put(`field_trial.random.sd_at_${k}`, found.random_sd);
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
  for (const o of metrics.list_outcomes ?? []) {
    const key = `list_outcomes.${o.borough_code}.${o.extract_date}`;
    put(`${key}.visited`, o.visited);
    put(`${key}.found`, o.found);
    put(`${key}.expected_found`, o.expected_found);
    put(`${key}.low`, o.low);
    put(`${key}.high`, o.high);
    put(`${key}.shortfall`, o.shortfall ? 1 : 0);
  }
  for (const [code, b] of Object.entries(metrics.drift?.boroughs ?? {})) {
    put(`drift.${code}.score_psi`, b.score_psi);
    for (const f of b.features) if (b.flagged.includes(f.feature)) put(`drift.${code}.${f.feature}.psi`, f.psi);
  }
  return result;
}
