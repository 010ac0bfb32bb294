import { learnerOf } from '../../../models/learners.js';
import { escapeHtml as e, htmlPage } from '../../util/html.js';
import type { Chart } from './evaluationCharts.js';
import { orderingLabel } from './evaluationCharts.js';
import { fairnessNotes } from '../../evaluate/slices/fairnessNotes.js';
import { driftReportSection } from './driftPresentation.js';
import { forecastReportSection, outcomesReportSection } from './forecastPresentation.js';
import { fmt, interval, pct, signed } from '../../evaluate/format.js';
import type { FieldTrialCounts, MetricsJson, MetricSet, OrderingName, SchemeMetrics, SliceRow } from '../../evaluate/MetricsJson.js';

const SCHEME_NAMES = { lobo: 'Leave-one-borough-out', temporal: 'Temporal holdout' } as const;

/**
 * The evaluation report: one self-contained HTML page (inline CSS and SVG,
 * no scripts, no network), readable and printable without running code:
 * summary in plain words, validation tables with intervals, charts with
 * captions, calibration, slices, the simulated field trial and, with a
 * baseline, the comparison and the promotion verdict.
 *
 * @example
 *   writeFileAtomic(layout.evaluationHtml, renderReport(metrics, charts, boroughNames));
 */
export function renderReport(metrics: MetricsJson, charts: readonly Chart[], boroughNames: ReadonlyMap<string, string>): string {
  const kind = metrics.model.kind;
  const parts: string[] = [];
  parts.push(`<h1>Model evaluation: ${e(kind)} model</h1>`);
  parts.push(
    `<p class="muted">Model <code>${e(metrics.model.model_id)}</code>, trained on ${metrics.model.trained_on.rows} inspected properties ` +
      `(${metrics.model.trained_on.positives} HMOs) in ${metrics.model.trained_on.boroughs.length} borough(s). Seed ${metrics.settings.seed}. ` +
      'Every figure is computed from inspections the model did not see when it was trained.</p>',
  );
  parts.push(forecastReportSection(metrics, boroughNames));
  parts.push(outcomesReportSection(metrics, boroughNames));
  parts.push(driftReportSection(metrics));
  parts.push(`<h2>In short</h2>${summary(metrics)}`);
  if (metrics.comparison !== null) parts.push(comparisonSection(metrics));
  parts.push(validationSection(metrics));
  parts.push(boroughSection(metrics, boroughNames));
  for (const chart of charts) parts.push(figure(chart));
  parts.push(calibrationSection(metrics));
  parts.push(sliceSection(metrics));
  if (metrics.field_trial !== null) parts.push(fieldTrialSection(metrics, boroughNames));
  parts.push(importanceSection(metrics));
  parts.push(notesSection(metrics));
  return htmlPage({ title: `Model evaluation: ${kind} ${metrics.model.model_id}`, body: parts.join('\n') });
}

function summary(metrics: MetricsJson): string {
  const items: string[] = [];
  for (const scheme of ['lobo', 'temporal'] as const) {
    const s = metrics.validation[scheme];
    const model = s?.orderings.model;
    if (s === null || model === undefined) continue;
    const mean100 = (name: OrderingName) => s.orderings[name]?.borough_mean_precision['100'] ?? null;
    // at random, a list finds the borough's share of HMOs on average: the expectation, not one seeded order
    const counted100 = Object.values(model.by_borough).filter((set) => set.at_k['100']?.informative === true);
    const randomExpected = counted100.length === 0 ? null : counted100.reduce((sum, set) => sum + (set.prevalence ?? 0), 0) / counted100.length;
    const counted = model.borough_mean_boroughs['100'] ?? 0;
    const ranking =
      counted > 0
        ? `of the first 100 properties on each borough's list, <strong>${pct(mean100('model'))}</strong> were HMOs on average over ${counted === s.boroughs.length ? `the ${counted} borough(s)` : `the ${counted} of ${s.boroughs.length} borough(s) with at least 200 held-out inspections`}, ` +
          `against ${pct(mean100('complaint_led'))} for the complaint-led order and ${pct(randomExpected)} expected at random`
        : `no borough has the 200 held-out inspections precision@100 needs to tell orderings apart; average precision, mean over boroughs: <strong>${fmt(model.borough_mean_pr_auc)}</strong>, ` +
          `against ${fmt(s.orderings.complaint_led?.borough_mean_pr_auc)} for the complaint-led order and ${fmt(s.orderings.random?.borough_mean_pr_auc)} at random`;
    items.push(
      `<li><strong>${SCHEME_NAMES[scheme]}</strong> (${s.rows} inspections, ${s.positives} HMOs, ${s.boroughs.length} borough(s), each ranked on its own): ${ranking}. ` +
        `ROC AUC ${fmt(model.borough_mean_roc_auc)} (mean over boroughs).</li>`,
    );
  }
  const trial = metrics.field_trial;
  if (trial !== null) {
    const depthKey = '100' in trial.total.found ? '100' : Object.keys(trial.total.found)[0];
    const found = depthKey === undefined ? undefined : trial.total.found[depthKey];
    if (found !== undefined) {
      items.push(
        `<li><strong>Simulated field trial</strong> (synthetic data, truth known): inspecting the top ${depthKey} of each borough's list, ` +
          `teams would find <strong>${found.model}</strong> undeclared HMOs, against ${found.complaint_led} by complaints alone, ${randomText(found)} at random (expected, ± one standard deviation) and ${found.oracle} with a perfect list ` +
          `(${trial.total.undeclared_among_candidates} undeclared HMOs among ${trial.total.candidates} candidates).</li>`,
      );
    }
  }
  const ece = metrics.validation.lobo?.calibration.model?.ece ?? metrics.validation.temporal?.calibration.model?.ece;
  const calibrationBins = metrics.validation.lobo?.calibration.model?.bins ?? metrics.validation.temporal?.calibration.model?.bins ?? [];
  const smallBins = calibrationBins.filter((b) => b.rows > 0 && b.rows < metrics.settings.min_slice_rows).length;
  items.push(
    `<li>Calibration (all boroughs' inspections pooled): the scores are off by ${fmt(ece)} on average (expected calibration error; 0 is perfect)` +
      (smallBins > 0 ? `; ${smallBins} score band(s) hold fewer than ${metrics.settings.min_slice_rows} properties, so their gaps are mostly chance (see the intervals under Calibration).</li>` : '.</li>'),
  );
  if (metrics.slices !== null) {
    items.push(
      `<li>Slices: ${metrics.slices.flagged.length} group(s) flagged for a precision or false-positive rate more than ${pct(metrics.settings.slice_margin)} away from the overall figure (all boroughs' inspections pooled)` +
        `${metrics.slices.flagged.length > 0 ? `: ${e(metrics.slices.flagged.slice(0, 8).join(', '))}${metrics.slices.flagged.length > 8 ? ', …' : ''}` : ''}.</li>`,
    );
  }
  if (metrics.comparison !== null) {
    items.push(`<li><strong>${metrics.comparison.promotion.pass ? 'Passes' : 'Does not pass'}</strong> the promotion rule against the model in use (see below).</li>`);
  }
  items.push(
    '<li>The model ranks properties for a visit. It decides nothing about anyone: an officer inspects, and the Housing Act tests decide.</li>',
  );
  return `<ul>${items.join('')}</ul>`;
}

/** A precision@k cell: the share, or "—" where k is more than half the rows held out. */
function informativePct(at: { precision: number | null; informative: boolean } | undefined): string {
  return at === undefined || !at.informative ? '—' : pct(at.precision);
}

/** The random order's expected count ± its standard deviation (not one seeded draw). */
function randomText(f: FieldTrialCounts): string {
  return `${fmt(f.random_expected, 1)} ± ${fmt(f.random_sd, 1)}`;
}

function intervalPct(value: [number, number] | null): string {
  return value === null ? '—' : `${pct(value[0])}–${pct(value[1])}`;
}

function validationSection(metrics: MetricsJson): string {
  const ks = metrics.settings.k;
  const quality: string[] = [];
  const depth: string[] = [];
  for (const scheme of ['lobo', 'temporal'] as const) {
    const s = metrics.validation[scheme];
    if (s === null) continue;
    for (const [name, o] of Object.entries(s.orderings)) {
      const label = `<td>${SCHEME_NAMES[scheme]}</td><td>${e(orderingLabel(name as OrderingName, metrics.model.kind))}</td>`;
      const set = o.overall;
      quality.push(
        `<tr>${label}<td class="num">${set.rows}</td><td class="num">${set.positives}</td><td class="num">${fmt(set.roc_auc)}</td>` +
          `<td class="num">${interval(set.roc_auc_ci)}</td><td class="num">${fmt(set.pr_auc)}</td><td class="num">${fmt(set.brier)}</td></tr>`,
      );
      depth.push(`<tr>${label}${depthCells(set, ks)}<td class="num">${intervalPct(set.precision_at_100_ci)}</td></tr>`);
    }
  }
  const depthHead = ks.map((k) => `<th class="num">Top ${k}: precision<br>(recall, lift)</th>`).join('');
  return (
    '<h2>Honest validation</h2>' +
    '<p><strong>Leave-one-borough-out</strong>: each borough is scored by a model trained without any of its data, as a borough joining the shared model would be. ' +
    '<strong>Temporal holdout</strong>: the newest inspections are scored by a model trained on older ones, as next year would be. ' +
    `Intervals: ${metrics.settings.bootstrap_samples} bootstrap resamples (seed ${metrics.settings.seed}).</p>` +
    (quality.length === 0
      ? '<p>No validation predictions.</p>'
      : '<h3>Separating HMOs from non-HMOs (pooled over boroughs)</h3><p>Here every borough\'s held-out inspections are pooled into one set (the means over boroughs, each borough on its own, are below). ROC AUC: the chance that a random HMO is scored above a random non-HMO (0.5 is guessing). PR AUC: average precision down the list. Brier: mean squared error of the scores (probabilities only).</p>' +
        '<table><tr><th>Validation</th><th>Ordering</th><th class="num">Inspections</th><th class="num">HMOs</th><th class="num">ROC AUC</th><th class="num">95% interval</th><th class="num">PR AUC</th><th class="num">Brier</th></tr>' +
        `${quality.join('')}</table>` +
        '<h3>At the top of the list (pooled over boroughs)</h3><p>Precision@k: share of HMOs among the first k properties, here of one list pooling every borough\'s held-out inspections (a borough\'s own list is below, with the mean over boroughs). Recall@k: share of all HMOs among them. Lift: how many times better than visiting at random. "—" where k is more than half the inspections held out: such a list holds nearly every row whatever the order, so it cannot tell orderings apart.</p>' +
        `<table><tr><th>Validation</th><th>Ordering</th>${depthHead}<th class="num">Precision@100 95% interval</th></tr>${depth.join('')}</table>`)
  );
}

function depthCells(set: MetricSet, ks: readonly number[]): string {
  return ks
    .map((k) => {
      const at = set.at_k[String(k)];
      if (at === undefined || !at.informative) return `<td class="num">— <span class="muted">(${set.rows} held out)</span></td>`;
      return `<td class="num"><strong>${pct(at.precision)}</strong><br><span class="muted">recall ${pct(at.recall)} · lift ${fmt(at.lift, 2)}</span></td>`;
    })
    .join('');
}

function boroughSection(metrics: MetricsJson, names: ReadonlyMap<string, string>): string {
  const parts: string[] = ['<h2>Per borough</h2>'];
  for (const scheme of ['lobo', 'temporal'] as const) {
    const s = metrics.validation[scheme];
    if (s === null) continue;
    parts.push(`<h3>${SCHEME_NAMES[scheme]}</h3>${boroughTable(s, metrics, names)}`);
  }
  return parts.join('');
}

function boroughTable(s: SchemeMetrics, metrics: MetricsJson, names: ReadonlyMap<string, string>): string {
  const orderings = Object.keys(s.orderings) as OrderingName[];
  const head =
    '<tr><th>Borough</th><th class="num">Inspections</th><th class="num">HMOs</th><th class="num">Model ROC AUC (95% interval)</th><th class="num">Model average precision</th><th class="num">Model Brier</th>' +
    orderings.map((o) => `<th class="num">Precision@100: ${e(orderingLabel(o, metrics.model.kind))}</th>`).join('') +
    '<th class="num">Model precision@100 95% interval</th></tr>';
  const rows = s.boroughs.map((code) => {
    const model = s.orderings.model?.by_borough[code];
    const name = names.get(code);
    return (
      `<tr><td>${e(name !== undefined && name !== '' ? `${name} (${code})` : code)}</td><td class="num">${model?.rows ?? 0}</td><td class="num">${model?.positives ?? 0}</td>` +
      `<td class="num">${fmt(model?.roc_auc)} (${interval(model?.roc_auc_ci)})</td><td class="num">${fmt(model?.pr_auc)}</td><td class="num">${fmt(model?.brier)}</td>` +
      orderings.map((o) => `<td class="num">${informativePct(s.orderings[o]?.by_borough[code]?.at_k['100'])}</td>`).join('') +
      `<td class="num">${model?.at_k['100']?.informative === true ? intervalPct(model.precision_at_100_ci) : '—'}</td></tr>`
    );
  });
  const mean = orderings.map((o) => `<td class="num">${pct(s.orderings[o]?.borough_mean_precision['100'])}</td>`).join('');
  const model = s.orderings.model;
  const note =
    (model?.borough_mean_boroughs['100'] ?? 0) < s.boroughs.length
      ? `<p class="muted">Precision@100 is shown, and averaged, only for boroughs with at least 200 held-out inspections: with fewer, the first 100 hold most of them whatever the order, so the figure cannot tell orderings apart. Average precision, which can, is shown for every borough.</p>`
      : '';
  return (
    `<table>${head}${rows.join('')}<tr><th>Mean over boroughs</th><td></td><td></td><td class="num">${fmt(model?.borough_mean_roc_auc)}</td>` +
    `<td class="num">${fmt(model?.borough_mean_pr_auc)}</td><td></td>${mean}<td></td></tr></table>${note}`
  );
}

function figure(chart: Chart): string {
  return `<figure id="chart-${e(chart.id)}" class="chart"><h3>${e(chart.title)}</h3>${chart.svg}<figcaption>${e(chart.caption)}</figcaption></figure>`;
}

function calibrationSection(metrics: MetricsJson): string {
  const rows: string[] = [];
  for (const scheme of ['lobo', 'temporal'] as const) {
    for (const name of ['model', 'logistic'] as const) {
      const c = metrics.validation[scheme]?.calibration[name];
      if (c === undefined) continue;
      rows.push(`<tr><td>${SCHEME_NAMES[scheme]}</td><td>${e(orderingLabel(name, metrics.model.kind))}</td><td class="num">${fmt(c.ece)}</td><td class="num">${fmt(c.brier)}</td></tr>`);
    }
  }
  const bins = metrics.validation.lobo?.calibration.model?.bins ?? metrics.validation.temporal?.calibration.model?.bins ?? [];
  const binRows = bins
    .map(
      (b) =>
        `<tr><td>${fmt(b.lower, 2)}–${fmt(b.upper, 2)}</td><td class="num">${b.rows}</td><td class="num">${fmt(b.mean_predicted)}</td><td class="num">${fmt(b.observed_rate)}</td>` +
        `<td class="num">${b.observed_low === null || b.observed_high === null ? '—' : `${fmt(b.observed_low, 2)}–${fmt(b.observed_high, 2)}`}</td></tr>`,
    )
    .join('');
  return (
    '<h2>Calibration (all boroughs pooled)</h2><p>Expected calibration error (ECE): the average gap between score and observed HMO rate, weighted by the number of properties per score band. ' +
    `Brier score: mean squared error of the scores (0 is perfect). ${metrics.settings.calibration_bins} equal-width score bands.</p>` +
    `<table><tr><th>Validation</th><th>Model</th><th class="num">ECE</th><th class="num">Brier</th></tr>${rows.join('')}</table>` +
    `<h3>Reliability table (chosen model, ${metrics.validation.lobo !== null ? 'leave-one-borough-out' : 'temporal holdout'})</h3>` +
    `<p>Each band's share of HMOs with its 95% interval (Wilson): a band of a few properties can sit far from the diagonal by chance alone, so read the ECE with the intervals.</p>` +
    `<table><tr><th>Score band</th><th class="num">Properties</th><th class="num">Average score</th><th class="num">Share HMO</th><th class="num">95% interval</th></tr>${binRows}</table>`
  );
}

function sliceSection(metrics: MetricsJson): string {
  const s = metrics.slices;
  const notes = fairnessNotes(metrics).map((n) => `<p>${e(n)}</p>`).join('');
  if (s === null) return `<h2>Slices and fairness</h2>${notes}`;
  const row = (r: SliceRow) =>
    `<tr class="${r.flagged ? 'flag' : ''}"><td>${e(r.dimension)}</td><td>${e(r.label)}</td><td class="num">${r.rows}</td><td class="num">${r.positives}</td><td class="num">${r.selected}</td>` +
    `<td class="num">${pct(r.precision)}</td><td class="num">${pct(r.false_positive_rate)}</td><td class="num">${fmt(r.roc_auc)}</td>` +
    `<td>${r.flagged ? '<strong class="bad">flagged</strong>: ' : r.flaggable ? '<span class="ok">within margin</span> ' : ''}${e(r.reasons.join('; '))}</td></tr>`;
  const head =
    '<tr><th>Slice by</th><th>Group</th><th class="num">Inspections</th><th class="num">HMOs</th><th class="num">At risk</th><th class="num">Precision</th><th class="num">False-positive rate</th><th class="num">ROC AUC</th><th>Flag</th></tr>';
  // Slices too small to flag are folded, one line per dimension, so that dozens of small wards do not bury the ones that count.
  const shown = s.slices.filter((r) => r.flaggable);
  const folded = new Map<string, SliceRow[]>();
  for (const r of s.slices.filter((x) => !x.flaggable)) folded.set(r.dimension, [...(folded.get(r.dimension) ?? []), r]);
  const foldedRows = [...folded.entries()].map(
    ([dimension, small]) =>
      `<tr><td>${e(dimension)}</td><td colspan="8" class="muted">${small.length} more group(s) under ${metrics.settings.min_slice_rows} inspections (${small.reduce((n, r) => n + r.rows, 0)} in all): shown, never flagged; listed below the table</td></tr>`,
  );
  const details = [...folded.entries()]
    .map(([dimension, small]) => `<details><summary>${e(dimension)}: ${small.length} small group(s)</summary><table>${head}${small.map(row).join('')}</table></details>`)
    .join('');
  const rows = shown.map(row).join('') + foldedRows.join('');
  return (
    '<h2>Slices and fairness</h2>' +
    `<p>Leave-one-borough-out predictions of the chosen model, split by borough, ward, tenure, property type and the ward's complaint rate (complaints per 100 properties in 12 months; bands cut at the tertiles: ${e(s.complaint_rate.thresholds.map((t) => String(Math.round(t * 100) / 100)).join(', ') || 'one band')}; source: ${e(s.complaint_rate.source)}). ` +
    `A property counts as "at risk" when its score is ${s.threshold} or more (the medium risk band). Overall (all boroughs pooled): ${s.overall.rows} inspections, precision ${pct(s.overall.precision)}, false-positive rate ${pct(s.overall.false_positive_rate)}. ` +
    `A slice with at least ${metrics.settings.min_slice_rows} inspections is flagged when its precision or false-positive rate differs from the overall figure by more than ${pct(metrics.settings.slice_margin)}; smaller slices are shown, not flagged.</p>` +
    notes +
    `<table>${head}${rows}</table>${details}`
  );
}

function fieldTrialSection(metrics: MetricsJson, names: ReadonlyMap<string, string>): string {
  const trial = metrics.field_trial;
  if (trial === null) return '';
  const ks = metrics.settings.k;
  const head =
    '<tr><th>Borough</th><th class="num">Candidates</th><th class="num">Undeclared HMOs (all)</th><th class="num">… among candidates</th>' +
    ks.map((k) => `<th class="num">Top ${k}: model / complaints / random (expected ± sd) / perfect</th>`).join('') +
    '</tr>';
  const line = (label: string, b: { candidates: number; undeclared_hmos: number; undeclared_among_candidates: number; found: Record<string, FieldTrialCounts> }) =>
    `<tr><td>${e(label)}</td><td class="num">${b.candidates}</td><td class="num">${b.undeclared_hmos}</td><td class="num">${b.undeclared_among_candidates}</td>` +
    ks
      .map((k) => {
        const f = b.found[String(k)];
        return `<td class="num">${f === undefined ? '—' : `<strong>${f.model}</strong> / ${f.complaint_led} / ${randomText(f)} / ${f.oracle}`}</td>`;
      })
      .join('') +
    '</tr>';
  const rows = trial.boroughs.map((b) => line(names.get(b.borough_code) ? `${names.get(b.borough_code)} (${b.borough_code})` : b.borough_code, b)).join('');
  return (
    '<h2>Simulated field trial (synthetic drop)</h2>' +
    `<p>Truth from <code>${e(trial.truth_file)}</code>, read only here and never used for training. Candidates are the properties an inspection list would hold ` +
    `(not licensed as an HMO, not inspected${metrics.settings.reinspect_after_months === null ? '' : ` in the last ${metrics.settings.reinspect_after_months} months`}), ` +
    'scored by the model; an undeclared HMO is an HMO in truth without a current HMO licence. Each borough inspects its own top k.</p>' +
    `<table>${head}${rows}${line('All boroughs', trial.total)}</table>`
  );
}

function importanceSection(metrics: MetricsJson): string {
  const fi = metrics.feature_importance;
  const rows = fi.features.map((f) => `<tr><td>${e(f.feature)}</td><td class="num">${fmt(f.mean_abs_contribution)}</td></tr>`).join('');
  return `<h2>Feature importance</h2><p>${e(fi.note)}</p>${rows === '' ? '' : `<table><tr><th>Feature</th><th class="num">Mean |contribution|</th></tr>${rows}</table>`}${importanceByModel(metrics)}`;
}

/** Rows of the per-model table: the features most important to any model. */
const IMPORTANCE_BY_MODEL_ROWS = 15;

/**
 * The table of feature importance per model: every model the run trained, side
 * by side on the same sample rows; empty with one model.
 *
 * @example
 *   importanceByModel(metrics); // <h3>Feature importance per model</h3>...
 */
export function importanceByModel(metrics: MetricsJson): string {
  const byModel = metrics.feature_importance.by_model;
  if (byModel === undefined || Object.keys(byModel).length < 2) return '';
  const kinds = Object.keys(byModel);
  const value = new Map(kinds.map((kind) => [kind, new Map((byModel[kind] ?? []).map((f) => [f.feature, f.mean_abs_contribution]))]));
  const features = [...new Set(kinds.flatMap((kind) => (byModel[kind] ?? []).map((f) => f.feature)))];
  const top = (feature: string) => Math.max(...kinds.map((kind) => value.get(kind)?.get(feature) ?? 0));
  const shown = features.sort((a, b) => top(b) - top(a) || (a < b ? -1 : 1)).slice(0, IMPORTANCE_BY_MODEL_ROWS);
  const name = (kind: string) => `${learnerOf(kind)?.names.list ?? kind}${kind === metrics.model.kind ? ' (chosen)' : ''}`;
  const head = `<tr><th>Feature</th>${kinds.map((kind) => `<th class="num">${e(name(kind))}</th>`).join('')}</tr>`;
  const body = shown.map((feature) => `<tr><td>${e(feature)}</td>${kinds.map((kind) => `<td class="num">${fmt(value.get(kind)?.get(feature) ?? 0)}</td>`).join('')}</tr>`).join('');
  return (
    '<h3>Feature importance per model</h3>' +
    `<p>Every model the run trained, on the same ${metrics.feature_importance.sample_rows} sampled properties: mean absolute contribution in logit units ` +
    '(TreeSHAP for trees, integrated gradients from the average training property for the networks), the ' +
    `${IMPORTANCE_BY_MODEL_ROWS} features that matter most to any of them.</p>` +
    `<table>${head}${body}</table>`
  );
}

function comparisonSection(metrics: MetricsJson): string {
  const c = metrics.comparison;
  if (c === null) return '';
  const rows = c.deltas
    .map((d) => {
      const count = /found_at|flagged|rows|positives/.test(d.metric);
      return `<tr><td>${e(d.metric)}</td><td class="num">${fmt(d.candidate, count ? 0 : 3)}</td><td class="num">${fmt(d.baseline, count ? 0 : 3)}</td><td class="num">${signed(d.delta, count ? 0 : 3)}</td></tr>`;
    })
    .join('');
  return (
    `<h2>Candidate against the model in use</h2><p>Model in use: ${e(c.baseline_model.kind)} <code>${e(c.baseline_model.model_id)}</code>. ` +
    `<strong class="${c.promotion.pass ? 'ok' : 'bad'}">${c.promotion.pass ? 'The candidate passes the promotion rule.' : 'The candidate does not pass the promotion rule.'}</strong></p>` +
    `<ul>${c.promotion.reasons.map((r) => `<li>${e(r)}</li>`).join('')}</ul>` +
    `<table><tr><th>Metric</th><th class="num">Candidate</th><th class="num">In use</th><th class="num">Difference</th></tr>${rows}</table>`
  );
}

function notesSection(metrics: MetricsJson): string {
  const t = metrics.settings.tie_breaks;
  return (
    '<h2>How the figures are made</h2><ul>' +
    `<li>Model and logistic baseline: held-out calibrated scores written by training; ties: ${e(t.model)}. Figures pooled over boroughs mix folds calibrated separately, so they can differ slightly from figures on raw scores; per-borough figures do not.</li>` +
    `<li>Complaint-led: most complaints about the property in the ${metrics.settings.complaint_window_months} months before the as-of date (the day before the inspection) first; ties: ${e(t.complaint_led)}. A borough that supplied no complaints table has no complaint counts, so this order is random there.</li>` +
    `<li>Random order: ${e(t.random)}.</li>` +
    `<li>Precision@k uses the whole list when it is shorter than k ("all n"). ROC AUC counts tied scores as half. PR AUC is average precision.</li>` +
    `<li>Bootstrap: ${metrics.settings.bootstrap_samples} resamples of the labelled rows with replacement, shared by the orderings (paired), 2.5% and 97.5% percentiles; a resample with one class only has no AUC.</li>` +
    '</ul>'
  );
}
