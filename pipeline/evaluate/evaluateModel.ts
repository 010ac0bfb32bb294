import { rmSync } from 'node:fs';
import { outputLayout } from '../layout.js';
import { evaluateMessages as m } from '../messages/evaluate.js';
import type { Params } from '../params/Params.js';
import type { StageContext } from '../stage.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { WorkerPool } from '../workers/WorkerPool.js';
import { compareMetrics } from './promotion/compareMetrics.js';
import { decidePromotion } from './promotion/decidePromotion.js';
import { writeDriftReference } from './drift/DriftReference.js';
import { writeForecastLedger } from './forecast/ForecastLedger.js';
import { ChartRenderer } from '../writers/evaluation/ChartRenderer.js';
import { chartSpecs, evaluationCharts } from '../writers/evaluation/evaluationCharts.js';
import { headlineMetrics } from './metrics/headlineMetrics.js';
import type { MetricsJson } from './MetricsJson.js';
import { computeModelEvaluation, type ValidatedEvaluation } from './scoring/modelEvaluation.js';
import { renderModelCard } from '../writers/evaluation/renderModelCard.js';
import { renderReport } from '../writers/evaluation/renderReport.js';
import { defaultScorerLoader, type ScorerLoader } from './scoring/scorerLoader.js';

export interface EvaluateInputs {
  out: string;
  /** The model artifact to evaluate (the candidate when a baseline is given). */
  modelDir: string;
  /** Simulation truth (synthetic drops only): enables the field trial. */
  truth?: string;
  /** The model in use, to compare the candidate with. */
  baselineModelDir?: string;
  params: Params;
}

export interface EvaluationResult {
  metrics: MetricsJson;
  headline: Record<string, number>;
  /** The promotion verdict against the baseline; null without one. */
  promotion: { pass: boolean; reasons: string[] } | null;
  files: { metricsJson: string; reportHtml: string; modelCard: string };
}

/**
 * The evaluate stage: metrics of a model against honest baselines (per
 * borough, per slice, with bootstrap intervals), calibration, the simulated
 * field trial when `truth` is given, and with `baselineModelDir` the
 * candidate beside the model in use and the promotion verdict. Writes
 * OUT/evaluation/metrics.json, report.html (self-contained) and
 * model_card.md, each atomically, and scores/<GSS>.parquet: the candidate
 * model's scores of each borough's list candidates, which rank reads. Reads params.seed, evaluate, rank and
 * promotion.
 *
 * @example
 *   const result = await evaluateModel({ out: 'out/sample', modelDir: 'out/sample/model', truth: 'data/sample/truth.csv', params }, ctx);
 *   result.headline['lobo.model.precision_at_100'];
 */
export async function evaluateModel(inputs: EvaluateInputs, ctx: StageContext, loadScorer: ScorerLoader = defaultScorerLoader): Promise<EvaluationResult> {
  const { out, modelDir, truth, baselineModelDir, params } = inputs;
  const layout = outputLayout(out);
  // The candidate's scores of every list candidate are kept (OUT/evaluation/scores) for rank: scored once per run.
  rmSync(layout.candidateScoresDir, { recursive: true, force: true });
  // The report's validation charts are drawn while the boroughs are scored: on a thread of their own when the scoring
  // keeps this thread busy, else here, while this thread waits for the scoring threads (no extra thread's memory).
  let renderer: ChartRenderer | undefined;
  try {
    const onValidated = (validated: ValidatedEvaluation) => {
      renderer = ChartRenderer.start(!validated.scoringOnThreads && WorkerPool.available());
      renderer.prefetch(chartSpecs({ ...validated.metrics, field_trial: null, feature_importance: { features: [] } }, validated.lobo, validated.temporal, params.seed).map((c) => c.spec));
    };
    const candidate = await computeModelEvaluation({ out, modelDir, params, shareScores: true, onValidated, ...(truth === undefined ? {} : { truth }) }, ctx, loadScorer);
    const metrics = candidate.metrics;
    let promotion: EvaluationResult['promotion'] = null;
    if (baselineModelDir !== undefined) {
      const baseline = await computeModelEvaluation({ out, modelDir: baselineModelDir, params, ...(truth === undefined ? {} : { truth }) }, ctx, loadScorer);
      promotion = decidePromotion(metrics, baseline.metrics, params.promotion);
      metrics.comparison = {
        baseline_model: { model_id: baseline.metrics.model.model_id, kind: baseline.metrics.model.kind },
        deltas: compareMetrics(metrics, baseline.metrics),
        baseline_flagged_slices: baseline.metrics.slices?.flagged ?? [],
        promotion,
      };
    }
    ctx.progress.start(m.progressCharts(), 1);
    const charts = await evaluationCharts(metrics, candidate.lobo, candidate.temporal, params.seed, renderer?.draw);
    const report = renderReport(metrics, charts, candidate.boroughNames);
    const card = renderModelCard(metrics, candidate.boroughNames);
    ctx.progress.finish();
    writeFileAtomic(layout.metricsJson, `${JSON.stringify(metrics, null, 2)}\n`);
    writeFileAtomic(layout.evaluationHtml, report);
    writeFileAtomic(layout.modelCard, card);
    // After the outputs: the next drop's drift is measured against this one (drift/DriftReference.ts).
    if (candidate.driftReference !== null) writeDriftReference(out, candidate.driftReference);
    // and the lists' forecasts are kept, to be set against the visits made from them (forecast/listOutcomes.ts)
    writeForecastLedger(out, candidate.forecastLedger);
    const files = { metricsJson: layout.metricsJson, reportHtml: layout.evaluationHtml, modelCard: layout.modelCard };
    ctx.log.info(m.written(Object.values(files)));
    return { metrics, headline: headlineMetrics(metrics), promotion, files };
  } finally {
    await renderer?.close();
  }
}
