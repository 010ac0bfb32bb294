import { evaluateMessages as m } from '../messages/evaluate.js';
import { orderingLabel } from '../writers/evaluation/evaluationCharts.js';
import { driftConsoleLines } from '../writers/evaluation/driftPresentation.js';
import { forecastConsoleLines, outcomesLines } from '../writers/evaluation/forecastPresentation.js';
import { fmt, signed } from './format.js';
import type { MetricsJson, OrderingName } from './MetricsJson.js';

const SCHEMES = { lobo: 'Leave-one-borough-out', temporal: 'Temporal holdout' } as const;

/**
 * The few lines `hmo evaluate` prints: each borough's list forecast; per
 * scheme, for every ordering, ROC AUC, average precision and precision at
 * each k as means over boroughs (precision@k over the boroughs with at least
 * 2k held-out rows, and a line naming how many that is when not all); the field trial; with a baseline,
 * the deltas and the promotion verdict with its reasons.
 *
 * @example
 *   process.stdout.write(consoleSummary(result.metrics).join('\n') + '\n');
 */
export function consoleSummary(metrics: MetricsJson): string[] {
  const lines = [m.summaryHeading(metrics.model.kind, metrics.model.model_id)];
  const ks = metrics.settings.k;
  const forecast = forecastConsoleLines(metrics);
  if (forecast.length > 0) lines.push('', ...forecast);
  const outcomes = outcomesLines(metrics);
  if (outcomes.length > 0) lines.push('', ...outcomes);
  const drift = driftConsoleLines(metrics);
  if (drift.length > 0) lines.push('', ...drift);
  for (const scheme of ['lobo', 'temporal'] as const) {
    const s = metrics.validation[scheme];
    if (s === null) continue;
    lines.push('', m.summaryScheme(SCHEMES[scheme], s.rows, s.positives), m.summaryBoroughMean(s.boroughs.length));
    const header = ['ordering'.padEnd(22), 'ROC AUC'.padStart(8), 'avg prec'.padStart(9), ...ks.map((k) => `P@${k}`.padStart(7))].join(' ');
    lines.push(`  ${header}`);
    for (const [name, o] of Object.entries(s.orderings)) {
      const at = ks.map((k) => fmt(o.borough_mean_precision[String(k)]).padStart(7));
      lines.push(`  ${[orderingLabel(name as OrderingName, metrics.model.kind).padEnd(22), fmt(o.borough_mean_roc_auc).padStart(8), fmt(o.borough_mean_pr_auc).padStart(9), ...at].join(' ')}`);
    }
    const model = s.orderings.model;
    for (const k of ks) {
      const counted = model?.borough_mean_boroughs[String(k)] ?? 0;
      if (counted < s.boroughs.length) lines.push(m.summaryDepthNotInformative(k, counted, s.boroughs.length));
    }
  }
  const trial = metrics.field_trial;
  if (trial !== null) {
    lines.push('');
    for (const [k, f] of Object.entries(trial.total.found)) lines.push(m.summaryFieldTrial(k, f.model, f.complaint_led, `${fmt(f.random_expected, 1)} ± ${fmt(f.random_sd, 1)}`, f.oracle));
  }
  if (metrics.slices !== null) lines.push('', `Flagged slices: ${metrics.slices.flagged.length === 0 ? 'none' : metrics.slices.flagged.join(', ')}`);
  const c = metrics.comparison;
  if (c !== null) {
    lines.push('', m.summaryComparison(c.baseline_model.model_id));
    for (const d of c.deltas) {
      const digits = /found_at|flagged|rows|positives/.test(d.metric) ? 0 : 3;
      lines.push(`  ${d.metric.padEnd(40)} ${fmt(d.candidate, digits).padStart(9)} ${fmt(d.baseline, digits).padStart(9)} ${signed(d.delta, digits).padStart(9)}`);
    }
    lines.push(m.promotionVerdict(c.promotion.pass), ...c.promotion.reasons.map((r) => `  - ${r}`));
  }
  return lines;
}
