import { readFileSync, rmSync } from 'node:fs';
import { outputLayout } from '../../../pipeline/layout.js';
import { readCandidateScores } from '../../../pipeline/frame/CandidateScores.js';
import { sha256File } from '../../../pipeline/util/hash.js';
import { evaluateMessages as em } from '../../../pipeline/messages/evaluate.js';
import { escapeHtml } from '../../../pipeline/util/html.js';
import { renderReport } from '../../../pipeline/writers/evaluation/renderReport.js';
import { evaluateModel } from '../../../pipeline/evaluate/evaluateModel.js';
import type { MetricsJson } from '../../../pipeline/evaluate/MetricsJson.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { silentContext } from '../../../pipeline/stage.js';
import { buildFixture, fakeScorer, SECRET_REF, type Fixture } from './evaluationFixture.js';

const params: Params = { ...structuredClone(DEFAULT_PARAMS), evaluate: { ...DEFAULT_PARAMS.evaluate, bootstrap_samples: 50 } };
const loader = async (dir: string) => fakeScorer(dir);

describe('evaluateModel on a two-borough fixture', () => {
  let fixture: Fixture;
  let metrics: MetricsJson;
  beforeAll(async () => {
    fixture = await buildFixture();
    metrics = (await evaluateModel({ out: fixture.out, modelDir: fixture.modelDir, truth: fixture.truth, params }, silentContext, loader)).metrics;
  });
  afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));

  test('writes metrics.json, report.html and model_card.md', () => {
    const layout = outputLayout(fixture.out);
    const written = JSON.parse(readFileSync(layout.metricsJson, 'utf8')) as MetricsJson;
    expect(written.format).toBe('hmo-evaluation/1');
    expect(Object.keys(written)).toEqual(['format', 'model', 'settings', 'validation', 'slices', 'field_trial', 'feature_importance', 'comparison', 'list_forecast', 'list_forecast_method', 'drift', 'list_outcomes']);
    expect(readFileSync(layout.evaluationHtml, 'utf8')).toContain('<svg');
    expect(readFileSync(layout.modelCard, 'utf8')).toContain('Algorithmic Transparency Recording Standard');
  });

  test("keeps the evaluated model's scores of each borough's list candidates for rank (one scoring pass)", async () => {
    const layout = outputLayout(fixture.out);
    for (const code of metrics.model.trained_on.boroughs) {
      const file = layout.candidateScores(code);
      const header = { model_id: metrics.model.model_id, borough: code, reinspect_after_months: params.rank.reinspect_after_months, features_sha256: await sha256File(layout.scoringFeatures(code)) };
      const shared = await readCandidateScores(file, header);
      expect(shared).toBeDefined();
      const trial = metrics.field_trial?.boroughs.find((b) => b.borough_code === code);
      // As many as the field trial's candidates, every one scored in [0, 1].
      expect(shared?.uprns.length).toBe(trial?.candidates);
      expect(Array.from(shared?.scores ?? []).every((s) => s >= 0 && s <= 1)).toBe(true);
    }
  });

  test('has both schemes, four orderings, per-borough figures with counts and intervals', () => {
    const lobo = metrics.validation.lobo;
    expect(lobo).not.toBeNull();
    expect(Object.keys(lobo?.orderings ?? {})).toEqual(['model', 'logistic', 'complaint_led', 'random']);
    expect(lobo?.boroughs).toEqual(['E09000007', 'E09000033']);
    const model = lobo?.orderings.model;
    const byBorough = model?.by_borough.E09000007;
    expect(byBorough?.rows).toBeGreaterThan(100);
    expect(byBorough?.positives).toBeGreaterThan(0);
    expect(model?.overall.roc_auc_ci?.[0]).toBeLessThanOrEqual(model?.overall.roc_auc ?? 0);
    expect(model?.overall.roc_auc_ci?.[1]).toBeGreaterThanOrEqual(model?.overall.roc_auc ?? 1);
    expect(model?.overall.precision_at_100_ci).not.toBeNull();
    // the informative model beats random order on this fixture
    expect(model?.overall.roc_auc ?? 0).toBeGreaterThan(0.75);
    expect(lobo?.orderings.random?.overall.brier).toBeNull();
    expect(lobo?.calibration.model?.bins).toHaveLength(params.evaluate.calibration_bins);
    const temporal = metrics.validation.temporal;
    expect(temporal?.rows).toBeLessThan(lobo?.rows ?? 0);
  });

  test('the field trial counts candidates and undeclared HMOs as the truth says', () => {
    const trial = metrics.field_trial;
    expect(trial).not.toBeNull();
    for (const b of trial?.boroughs ?? []) {
      const candidates = fixture.candidatesByBorough.get(b.borough_code) ?? [];
      expect(b.candidates).toBe(candidates.length);
      const truth = new Map(fixture.truthRows.map((t) => [t.uprn, t]));
      const undeclaredAmong = candidates.filter((u) => truth.get(u)?.is_hmo === 1 && truth.get(u)?.is_licensed === 0).length;
      expect(b.undeclared_among_candidates).toBe(undeclaredAmong);
      const found50 = b.found['50'];
      expect(found50?.oracle).toBe(Math.min(50, undeclaredAmong));
      expect(found50?.model).toBeGreaterThan(found50?.random ?? 0);
      // the random baseline shown is its expectation, with its spread
      expect(found50?.random_expected).toBeCloseTo(((found50?.depth ?? 0) * undeclaredAmong) / candidates.length, 5);
      expect(found50?.random_sd).toBeGreaterThan(0);
      expect(b.found['200']?.depth).toBe(Math.min(200, candidates.length));
    }
  });

  test('each borough gets a list forecast from its held-out rows, with the truth count of its list head', () => {
    expect(Object.keys(metrics.list_forecast)).toEqual(['E09000007', 'E09000033']);
    for (const [code, f] of Object.entries(metrics.list_forecast)) {
      const candidates = fixture.candidatesByBorough.get(code) ?? [];
      expect(f.top_n).toBe(params.rank.top);
      expect(f.listed).toBe(Math.min(params.rank.top, candidates.length));
      expect(f.expected_found).not.toBeNull();
      expect(f.low).toBeLessThanOrEqual(f.expected_found ?? -1);
      expect(f.high).toBeGreaterThanOrEqual(f.expected_found ?? Number.POSITIVE_INFINITY);
      expect(f.high).toBeLessThanOrEqual(f.listed ?? 0);
      expect(f.held_out_rows).toBe(metrics.validation.lobo?.orderings.model?.by_borough[code]?.rows);
      // the field trial at the same depth counts the same list head
      const trial = metrics.field_trial?.boroughs.find((b) => b.borough_code === code);
      const depth = trial?.found[String(params.rank.top)];
      if (depth !== undefined) expect(f.truth_found).toBe(depth.model);
      expect(f.truth_found).not.toBeNull();
    }
    expect(metrics.list_forecast_method.trigger_rows).toEqual({ complaint: metrics.validation.lobo?.rows });
    // shown first: before the report's summary and as the model card's first section
    const layout = outputLayout(fixture.out);
    const report = readFileSync(layout.evaluationHtml, 'utf8');
    expect(report.indexOf(escapeHtml(em.forecastHeading()))).toBeGreaterThan(0);
    expect(report.indexOf(escapeHtml(em.forecastHeading()))).toBeLessThan(report.indexOf('In short'));
    const card = readFileSync(layout.modelCard, 'utf8');
    expect(card.split('\n').find((line) => line.startsWith('## '))).toBe(`## ${em.forecastHeading()}`);
  });

  test('slices cover every dimension and use the ward complaint-rate feature', () => {
    const dims = new Set(metrics.slices?.slices.map((s) => s.dimension));
    expect([...dims].sort()).toEqual(['borough', 'complaint_rate_band', 'property_type', 'tenure', 'ward']);
    expect(metrics.slices?.complaint_rate.source).toContain('ward_complaint_rate_12m');
    expect(metrics.slices?.proxy_features).toEqual(['tenure']);
    // slices too small to flag are folded out of the main table, one line per dimension
    const folding = structuredClone(metrics);
    for (const r of folding.slices?.slices.filter((x) => x.dimension === 'ward') ?? []) r.flaggable = false;
    const report = renderReport(folding, [], new Map());
    const slicesPart = report.slice(report.indexOf('<h2>Slices and fairness</h2>'));
    const mainTable = slicesPart.slice(0, slicesPart.indexOf('</table>'));
    const small = (folding.slices?.slices ?? []).filter((r) => !r.flaggable);
    for (const r of small) expect(mainTable).not.toContain(`<td>${escapeHtml(r.label)}</td>`);
    for (const r of (folding.slices?.slices ?? []).filter((x) => x.flaggable)) expect(mainTable).toContain(`<td>${escapeHtml(r.label)}</td>`);
    expect(small.length).toBeGreaterThan(0);
    expect(slicesPart).toContain('<details>');
    expect(mainTable).toContain(`${small.length} more group(s) under`);
  });

  test('feature importance comes from the scorer attributions', () => {
    expect(metrics.feature_importance.source).toBe('attribution');
    expect(metrics.feature_importance.features[0]?.feature).toBe('electors');
  });

  test('no pseudonymous reference reaches an output', () => {
    const layout = outputLayout(fixture.out);
    for (const file of [layout.metricsJson, layout.evaluationHtml, layout.modelCard]) expect(readFileSync(file, 'utf8')).not.toContain(SECRET_REF);
  });

  test('the same inputs and seed give byte-identical outputs', async () => {
    const layout = outputLayout(fixture.out);
    const before = [layout.metricsJson, layout.evaluationHtml, layout.modelCard].map((f) => readFileSync(f));
    await evaluateModel({ out: fixture.out, modelDir: fixture.modelDir, truth: fixture.truth, params }, silentContext, loader);
    const after = [layout.metricsJson, layout.evaluationHtml, layout.modelCard].map((f) => readFileSync(f));
    after.forEach((bytes, i) => expect(bytes.equals(before[i] as Buffer)).toBe(true));
  });

  test('a weaker candidate beside the model in use fails promotion, with reasons', async () => {
    const result = await evaluateModel(
      { out: fixture.out, modelDir: fixture.weakModelDir, baselineModelDir: fixture.modelDir, params },
      silentContext,
      loader,
    );
    expect(result.promotion?.pass).toBe(false);
    expect(result.promotion?.reasons.join(' ')).toMatch(/ROC AUC \(mean over boroughs\) fell from/);
    const auc = result.metrics.comparison?.deltas.find((d) => d.metric === 'lobo.model.borough_mean.roc_auc');
    expect(auc?.delta).toBeLessThan(0);
    expect(readFileSync(outputLayout(fixture.out).evaluationHtml, 'utf8')).toContain('does not pass the promotion rule');
  });
});
