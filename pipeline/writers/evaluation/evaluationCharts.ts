import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from '../../util/renderChart.js';
import { cumulativeGain, precisionRecallCurve, rocCurve, thinCurve, type CurvePoint } from '../../evaluate/metrics/curves.js';
import type { FeatureImportance, MetricsJson, OrderingName } from '../../evaluate/MetricsJson.js';
import { validationOrderings } from '../../evaluate/metrics/orderings.js';
import { listOrder } from '../../frame/listOrder.js';
import type { ValidationRows } from '../../evaluate/inputs/ValidationRows.js';

/** One chart of the report: an inline SVG and a caption a non-coder can read. */
export interface Chart {
  id: string;
  title: string;
  caption: string;
  svg: string;
}

const WIDTH = 520;
const MAX_WARDS_CHARTED = 25;
const MAX_SLICES_CHARTED = 120;

/** One colour per ordering on every chart, so a reader can follow the model from chart to chart. */
const ORDERING_COLOURS: Array<[OrderingName | 'oracle', string]> = [
  ['model', '#1f5fa8'],
  ['logistic', '#e8871e'],
  ['complaint_led', '#2c9e4b'],
  ['random', '#8a8a8a'],
  ['oracle', '#8e5cb8'],
];

function orderingColour(kind: string, values: ReadonlyArray<Record<string, unknown>>) {
  const present = new Set(values.map((v) => v.ordering));
  const shown = ORDERING_COLOURS.filter(([name]) => present.has(orderingLabel(name, kind)));
  return {
    field: 'ordering',
    type: 'nominal' as const,
    title: 'Ordering',
    scale: { domain: shown.map(([name]) => orderingLabel(name, kind)), range: shown.map(([, colour]) => colour) },
    legend: { labelLimit: 260 },
  };
}
const HEIGHT = 300;

/** The name of an ordering on charts and in tables. */
export function orderingLabel(name: OrderingName | 'oracle', kind: string): string {
  switch (name) {
    case 'model':
      return `Model (${kind})`;
    case 'logistic':
      return 'Logistic baseline';
    case 'complaint_led':
      return 'Complaint-led';
    case 'random':
      return 'Random order';
    case 'oracle':
      return 'Perfect list (oracle)';
  }
}

/** A chart of the report before it is drawn: its Vega-Lite spec, with the title and caption it will carry. */
export interface ChartSpec {
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
}

/** The parts of metrics.json the charts read. */
export type ChartedMetrics = Pick<MetricsJson, 'model' | 'settings' | 'validation' | 'slices' | 'field_trial'> & { feature_importance: Pick<FeatureImportance, 'features'> };

/** Draws one spec to an SVG string (`renderChart`, or the same on another thread: `ChartRenderer`). */
export type ChartDrawer = (spec: TopLevelSpec) => Promise<string>;

/**
 * Every chart of the evaluation report, rendered to SVG (Vega-Lite through
 * `renderChart`, or `draw`: no browser, no network), in the order of
 * `chartSpecs`.
 *
 * @example
 *   const charts = await evaluationCharts(metrics, lobo, temporal, 42);
 *   charts.map((c) => c.id); // ['roc', 'pr', 'gain', 'calibration', 'precision-by-borough', ...]
 */
export async function evaluationCharts(
  metrics: ChartedMetrics,
  lobo: ValidationRows | null,
  temporal: ValidationRows | null,
  seed: number,
  draw: ChartDrawer = renderChart,
): Promise<Chart[]> {
  const charts: Chart[] = [];
  // One after the other: the same SVGs in the same order whatever draws them.
  for (const { spec, ...chart } of chartSpecs(metrics, lobo, temporal, seed)) charts.push({ ...chart, svg: await draw(spec) });
  return charts;
}

/**
 * The specs of every chart of the evaluation report. Curves are drawn from
 * the leave-borough-out rows (the temporal ones when there are none). Each
 * chart reads only parts of `metrics`: the curves, calibration, per-borough
 * precision and slices are known before any borough is scored; feature
 * importance and the field trial after.
 *
 * @example
 *   chartSpecs(metrics, lobo, temporal, 42).map((c) => c.id); // ['roc', 'pr', 'gain', 'calibration', 'precision-by-borough', ...]
 */
export function chartSpecs(metrics: ChartedMetrics, lobo: ValidationRows | null, temporal: ValidationRows | null, seed: number): ChartSpec[] {
  const kind = metrics.model.kind;
  const charts: ChartSpec[] = [];
  const rows = lobo ?? temporal;
  const schemeName = lobo !== null ? 'leave-one-borough-out' : 'temporal holdout';
  if (rows !== null) {
    const orderings = validationOrderings(rows, seed);
    const roc: Array<Record<string, unknown>> = [];
    const pr: Array<Record<string, unknown>> = [];
    const gain: Array<Record<string, unknown>> = [];
    const add = (target: Array<Record<string, unknown>>, name: string, points: CurvePoint[]) =>
      thinCurve(points).forEach((p, step) => target.push({ ordering: name, step, x: p.x, y: p.y }));
    for (const o of orderings) {
      const name = orderingLabel(o.name, kind);
      add(roc, name, rocCurve(o.scores, rows.label));
      add(pr, name, precisionRecallCurve(o.scores, rows.label));
      add(gain, name, cumulativeGain(rows.label, listOrder(o.scores, o.tieRank)));
    }
    const oracle = Float64Array.from(rows.label);
    add(gain, orderingLabel('oracle', kind), cumulativeGain(rows.label, listOrder(oracle)));
    charts.push({
      id: 'roc',
      title: `ROC curve (${schemeName}, all boroughs pooled)`,
      caption:
        'How well each ordering separates HMOs from non-HMOs among inspected properties the model never saw. ' +
        'A line hugging the top-left corner is better; the diagonal is what guessing achieves. The area under the line is the ROC AUC in the tables.',
      spec: lineSpec(kind, roc, 'False-positive rate (share of non-HMOs picked)', 'True-positive rate (share of HMOs picked)', true),
    });
    charts.push({
      id: 'pr',
      title: `Precision-recall curve (${schemeName}, all boroughs pooled)`,
      caption:
        'Going down each list: of the properties picked so far, the share that were HMOs (precision, up) against the share of all HMOs picked so far (recall, across). ' +
        'Higher lines waste fewer visits.',
      spec: lineSpec(kind, pr, 'Recall (share of all HMOs found)', 'Precision (share of visits that find an HMO)', false),
    });
    charts.push({
      id: 'gain',
      title: `Cumulative gain (${schemeName}, all boroughs pooled)`,
      caption:
        'If officers visit properties in list order, how many of the HMOs they find after visiting a given share of the list. ' +
        'The perfect list rises straight up; random order follows the diagonal.',
      spec: lineSpec(kind, gain, 'Share of the list visited', 'Share of HMOs found', true),
    });
  }

  const calibration: Array<Record<string, unknown>> = [];
  for (const [scheme, label] of [
    ['lobo', 'Leave-one-borough-out'],
    ['temporal', 'Temporal holdout'],
  ] as const) {
    for (const bin of metrics.validation[scheme]?.calibration.model?.bins ?? []) {
      if (bin.rows > 0) calibration.push({ scheme: label, predicted: bin.mean_predicted, observed: bin.observed_rate, low: bin.observed_low, high: bin.observed_high, rows: bin.rows });
    }
  }
  if (calibration.length > 0) {
    charts.push({
      id: 'calibration',
      title: 'Calibration (reliability curve, all boroughs pooled)',
      caption:
        'Do the scores mean what they say? Properties are grouped by their score; each point shows the average score of a group (across) against the share of that group that really were HMOs (up). ' +
        'Points on the dashed diagonal mean a score of 0.3 really is a 30% chance. Bigger points stand for more properties; the bar through each point is its 95% interval, ' +
        'long where a group has few properties: a zig-zag inside the bars is chance, not miscalibration.',
      spec: calibrationSpec(calibration),
    });
  }

  const byBorough = metrics.validation.lobo ?? metrics.validation.temporal;
  if (byBorough !== null) {
    const bars: Array<Record<string, unknown>> = [];
    for (const [name, o] of Object.entries(byBorough.orderings)) {
      for (const [code, set] of Object.entries(o.by_borough)) {
        for (const [k, at] of Object.entries(set.at_k)) {
          if (at.precision !== null) bars.push({ borough: code, ordering: orderingLabel(name as OrderingName, kind), k: `top ${k}`, kn: Number(k), precision: at.precision });
        }
      }
    }
    charts.push({
      id: 'precision-by-borough',
      title: `Precision at the top of each borough's list (${metrics.validation.lobo !== null ? 'leave-one-borough-out' : 'temporal holdout'})`,
      caption:
        'For each borough, the share of the first 50, 100 and 200 properties on each list that were HMOs, among inspected properties the model had not seen. ' +
        'Where a borough has fewer labelled properties than the depth, the bar covers all of them.',
      spec: precisionByBoroughSpec(kind, bars),
    });
  }

  if (metrics.feature_importance.features.length > 0) {
    const top = metrics.feature_importance.features.slice(0, 20);
    charts.push({
      id: 'importance',
      title: 'What drives the scores (feature importance)',
      caption:
        'How much each piece of information moves a property\'s score, on average over a random sample of properties (longer bar = more influence, in either direction). ' +
        'It shows what the model relies on, not that the link is causal.',
      spec: {
        width: WIDTH,
        height: Math.max(120, top.length * 18),
        data: { values: top },
        mark: 'bar',
        encoding: {
          y: { field: 'feature', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 320 } },
          x: { field: 'mean_abs_contribution', type: 'quantitative', title: 'Mean absolute contribution to the score (log-odds)' },
        },
      },
    });
  }

  if (metrics.slices !== null) {
    // Wards can number hundreds: the chart shows flagged wards only (the table in the report lists every slice).
    const eligible = metrics.slices.slices.filter((s) => s.flaggable && s.precision !== null);
    const manyWards = eligible.filter((s) => s.dimension === 'ward').length > MAX_WARDS_CHARTED;
    const shown = eligible.filter((s) => s.dimension !== 'ward' || !manyWards || s.flagged).slice(0, MAX_SLICES_CHARTED);
    const dimensionNames: Record<string, string> = { complaint_rate_band: 'ward complaint rate', property_type: 'property type' };
    const values = shown.map((s) => ({ slice: `${dimensionNames[s.dimension] ?? s.dimension}: ${s.label}`, precision: s.precision, status: s.flagged ? 'flagged' : 'within margin', rows: s.rows }));
    charts.push({
      id: 'slices',
      title: 'Precision by slice (leave-one-borough-out, all boroughs pooled)',
      caption:
        `For each group of properties with at least ${metrics.settings.min_slice_rows} inspections (borough, ward, tenure, property type, ward complaint-rate band): ` +
        `of the properties the model would call at risk (score ${metrics.settings.slice_threshold} or more), the share that were HMOs. ` +
        `The grey line is the figure over all properties, every borough's inspections pooled; orange points differ from it by more than ${metrics.settings.slice_margin} and are flagged for review.` +
        (manyWards ? ' Wards are many, so only flagged wards are drawn; the table below lists every slice.' : ''),
      spec: sliceSpec(values, metrics.slices.overall.precision),
    });
  }

  if (metrics.field_trial !== null) {
    const bars: Array<Record<string, unknown>> = [];
    for (const [k, found] of Object.entries(metrics.field_trial.total.found)) {
      for (const name of ['model', 'complaint_led', 'random', 'oracle'] as const) {
        bars.push({ k: `top ${k}`, kn: Number(k), ordering: orderingLabel(name, kind), found: found[name] });
      }
    }
    charts.push({
      id: 'field-trial',
      title: 'Simulated field trial: undeclared HMOs found',
      caption:
        'On this synthetic drop, where the truth is known: if every borough inspected the top 50, 100 or 200 properties of its list, how many undeclared HMOs would all boroughs together find, ' +
        'with the model, with complaints alone, at random, and with a perfect list.',
      spec: {
        width: 150,
        height: HEIGHT,
        data: { values: bars },
        mark: 'bar',
        encoding: {
          column: { field: 'k', type: 'ordinal', sort: { field: 'kn' }, title: null },
          x: { field: 'ordering', type: 'nominal', title: null, axis: { labelAngle: -40 } },
          y: { field: 'found', type: 'quantitative', title: 'Undeclared HMOs found' },
          color: orderingColour(kind, bars),
        },
      },
    });
  }
  return charts;
}

function lineSpec(kind: string, values: Array<Record<string, unknown>>, xTitle: string, yTitle: string, diagonal: boolean): TopLevelSpec {
  const line = {
    data: { values },
    mark: { type: 'line' as const, interpolate: 'linear' as const },
    encoding: {
      x: { field: 'x', type: 'quantitative' as const, title: xTitle, scale: { domain: [0, 1] } },
      y: { field: 'y', type: 'quantitative' as const, title: yTitle, scale: { domain: [0, 1] } },
      color: orderingColour(kind, values),
      order: { field: 'step', type: 'quantitative' as const },
    },
  };
  const layers: TopLevelSpec[] = [];
  if (diagonal) {
    layers.push({
      data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
      mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    } as TopLevelSpec);
  }
  return { width: WIDTH, height: HEIGHT, layer: [...layers, line] } as TopLevelSpec;
}

function calibrationSpec(values: Array<Record<string, unknown>>): TopLevelSpec {
  return {
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'predicted', type: 'quantitative', title: 'Average score in the group', scale: { domain: [0, 1] } },
          y: { field: 'observed', type: 'quantitative', title: 'Share that were HMOs', scale: { domain: [0, 1] } },
          color: { field: 'scheme', type: 'nominal', title: 'Validation', legend: { labelLimit: 260 } },
        },
      },
      {
        data: { values },
        mark: { type: 'rule', opacity: 0.6 },
        encoding: {
          x: { field: 'predicted', type: 'quantitative' },
          y: { field: 'low', type: 'quantitative' },
          y2: { field: 'high' },
          color: { field: 'scheme', type: 'nominal' },
        },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true },
        encoding: {
          x: { field: 'predicted', type: 'quantitative' },
          y: { field: 'observed', type: 'quantitative' },
          size: { field: 'rows', type: 'quantitative', title: 'Properties' },
          color: { field: 'scheme', type: 'nominal' },
        },
      },
    ],
  } as TopLevelSpec;
}

function precisionByBoroughSpec(kind: string, values: Array<Record<string, unknown>>): TopLevelSpec {
  return {
    data: { values },
    mark: 'bar',
    width: { step: 7 },
    height: HEIGHT / 1.5,
    encoding: {
      row: { field: 'k', type: 'ordinal', sort: { field: 'kn' }, title: null },
      x: { field: 'borough', type: 'nominal', title: 'Borough', axis: { labelAngle: -45 } },
      xOffset: { field: 'ordering', type: 'nominal' },
      y: { field: 'precision', type: 'quantitative', title: 'Share that were HMOs', scale: { domain: [0, 1] } },
      color: orderingColour(kind, values),
    },
  } as TopLevelSpec;
}

function sliceSpec(values: Array<Record<string, unknown>>, overall: number | null): TopLevelSpec {
  return {
    config: { axis: { labelLimit: 360 } },
    width: WIDTH,
    height: Math.max(120, values.length * 16),
    layer: [
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y: { field: 'slice', type: 'nominal', title: null, sort: null, axis: { labelLimit: 320 } },
          x: { field: 'precision', type: 'quantitative', title: 'Share of at-risk properties that were HMOs', scale: { domain: [0, 1] } },
          color: { field: 'status', type: 'nominal', title: null, scale: { domain: ['within margin', 'flagged'], range: ['#4c78a8', '#f58518'] } },
        },
      },
      {
        data: { values: [{ overall: overall ?? 0 }] },
        mark: { type: 'rule', color: '#888', strokeDash: [4, 4] },
        encoding: { x: { field: 'overall', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}
