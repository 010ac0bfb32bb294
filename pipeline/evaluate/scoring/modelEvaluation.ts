import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ArtifactMetadata } from '../../../models/artifact.js';
import type { Attribution, Scorer } from '../../../models/Scorer.js';
import type { FeatureFrame } from '../../frame/FeatureFrame.js';
import { EvaluateError } from '../../errors/EvaluateError.js';
import { HmoError } from '../../errors/HmoError.js';
import { sqlString, type Duck } from '../../db/Duck.js';
import { openDropDb } from '../../db/openDropDb.js';
import { outputLayout } from '../../layout.js';
import { evaluateMessages as m } from '../../messages/evaluate.js';
import type { Params } from '../../params/Params.js';
import { WorkerPool } from '../../workers/WorkerPool.js';
import { defaultBoroughConcurrency } from '../../workers/boroughConcurrency.js';
import type { StageContext } from '../../stage.js';
import { evaluateScheme } from '../metrics/evaluateScheme.js';
import { meanAbsoluteAttribution } from '../metrics/featureImportance.js';
import type { BoroughDriftResult } from '../drift/boroughDrift.js';
import { readDriftReference, type DriftReferenceFile } from '../drift/DriftReference.js';
import { driftReport } from '../drift/driftReport.js';
import { readForecastLedger, withEntries, type ForecastLedgerFile } from '../forecast/ForecastLedger.js';
import { listForecast, type ListHead } from '../forecast/listForecast.js';
import { listOutcome, listVisits } from '../forecast/listOutcomes.js';
import { loadForecastRows } from '../forecast/loadForecastRows.js';
import { fieldTrialTotal } from './fieldTrial.js';
import { COMPLAINT_WINDOW_MONTHS, loadValidationRows } from '../inputs/loadValidationRows.js';
import type { FeatureImportance, FieldTrialBorough, MetricsJson, SchemeMetrics } from '../MetricsJson.js';
import { TIE_BREAKS, validationOrderings } from '../metrics/orderings.js';
import { readModelMetadata, validationPredictionsFile } from '../inputs/readModelMetadata.js';
import { readTruth } from '../inputs/readTruth.js';
import { defaultScorerLoader, type ScorerLoader } from './scorerLoader.js';
import { readScoringFeatures, scoreBorough, type BoroughScoring } from './scoreBorough.js';
import type { ScoreBoroughJob } from './scoreBoroughStage.js';
import { scoringStagesModule } from './scoringStages.js';
import { sliceReport } from '../slices/sliceReport.js';
import type { ValidationRows } from '../inputs/ValidationRows.js';

/**
 * Score rows (over all boroughs) from which the per-borough scoring goes to
 * worker threads. Each thread loads its own TensorFlow.js backend and DuckDB
 * (about a second of CPU and 100 MB on this machine) before it scores
 * anything; below this, one thread that already holds the scorer is faster
 * and smaller. 200,000 rows is about half a second of reading and scoring.
 */
export const THREADS_FROM_ROWS = 200_000;

/** Rows sampled (over all boroughs) for the feature attributions. */
export const ATTRIBUTION_SAMPLE = 400;

/** One model's evaluation: its metrics.json content (without comparison) and the rows the charts are drawn from. */
export interface ModelEvaluation {
  metrics: MetricsJson;
  lobo: ValidationRows | null;
  temporal: ValidationRows | null;
  boroughNames: Map<string, string>;
  /** The drift reference to write for the next evaluation (OUT/history/drift_reference.json); null when nothing was scored. */
  driftReference: DriftReferenceFile | null;
  /** The forecast ledger with this evaluation's forecasts added (OUT/history/forecast_ledger.json). */
  forecastLedger: ForecastLedgerFile;
}

/**
 * Evaluates one model artifact against the ingested drop under `out`: the
 * held-out validation predictions (both schemes, four orderings, bootstrap
 * intervals, calibration, slices), feature attributions over a seeded sample
 * of score rows, and, given `truth`, the simulated field trial. Writes
 * nothing, except with `shareScores`: then each borough's candidate scores go
 * to OUT/evaluation/scores/<GSS>.parquet, for the rank stage to read.
 *
 * @example
 *   const { metrics } = await computeModelEvaluation({ out, modelDir: 'out/model', params }, ctx, defaultScorerLoader);
 */
export async function computeModelEvaluation(
  inputs: { out: string; modelDir: string; truth?: string; params: Params; shareScores?: boolean; onValidated?: (validated: ValidatedEvaluation) => void },
  ctx: StageContext,
  loadScorer: ScorerLoader,
  scoring: ScoringThreads = defaultScoringThreads(loadScorer),
): Promise<ModelEvaluation> {
  const { out, modelDir, truth, params } = inputs;
  const layout = outputLayout(out);
  const metadata = readModelMetadata(modelDir);
  const db = await openDropDb(out);
  let truthRead: Promise<Set<string>> | undefined;
  try {
    const boroughRows = await db.all<{ borough_code: string; borough_name: string; extract_date: string }>(
      'SELECT borough_code, borough_name, CAST(extract_date AS VARCHAR) AS extract_date FROM boroughs ORDER BY borough_code',
    );
    const boroughNames = new Map(boroughRows.map((b) => [b.borough_code, b.borough_name]));
    const boroughs = boroughRows.map((b) => b.borough_code);
    const loaded = await loadValidationRows(
      db,
      validationPredictionsFile(modelDir),
      boroughs.map((code) => layout.trainingFeatures(code)),
      metadata.kind,
    );
    if (loaded.rowsWithoutScore > 0) ctx.log.warn(m.predictionsWithoutScore(validationPredictionsFile(modelDir), loaded.rowsWithoutScore));
    if (loaded.lobo === null) ctx.log.warn(m.noLobo());
    if (loaded.temporal === null) ctx.log.warn(m.noTemporal());
    const onThreads = await scoringOnThreads(db, out, boroughs, scoring);
    // The truth file is read and checked by DuckDB (on its own threads) while this thread computes the validation
    // metrics, which need nothing from it: at London a 121 MB file that was read after them, before any scoring.
    truthRead = truth === undefined ? undefined : readTruthBoroughs(db, truth);
    // Its failure is reported where the truth is first needed (scoreBoroughs), as before; not an unhandled rejection meanwhile.
    truthRead?.catch(() => undefined);
    const schemeMetrics = (rows: ValidationRows | null): SchemeMetrics | null => {
      if (rows === null) return null;
      ctx.progress.start(m.progressScheme(rows.scheme), 1);
      const result = evaluateScheme(rows, validationOrderings(rows, params.seed), params.evaluate, params.seed);
      ctx.progress.finish();
      return result;
    };
    const lobo = schemeMetrics(loaded.lobo);
    const temporal = schemeMetrics(loaded.temporal);
    const slices =
      loaded.lobo === null
        ? null
        : sliceReport(loaded.lobo, params.rank.risk_bands.medium, params.evaluate, boroughNames, metadata.features, loaded.complaintRateSource);

    const validated = validatedMetrics(metadata, params, { lobo, temporal }, slices);
    // What is known before any borough is scored (the report's validation charts can be drawn meanwhile).
    inputs.onValidated?.({ metrics: validated, lobo: loaded.lobo, temporal: loaded.temporal, scoringOnThreads: onThreads });

    let scorer: Scorer | undefined;
    try {
      scorer = await loadScorer(modelDir);
    } catch (error) {
      if (truth !== undefined) throw new EvaluateError(m.scorerUnavailable(modelDir, (error as Error).message), 1);
      ctx.log.warn(m.scorerSkipped((error as Error).message));
    }
    const storedDrift = readDriftReference(out);
    const scored =
      scorer === undefined
        ? { importance: noImportance(), trials: [], heads: new Map<string, ListHead>(), drift: new Map<string, BoroughDriftResult>() }
        : await scoreBoroughs(db, scorer, { out, modelDir, truth, truthRead, params, storedDrift, shareScores: inputs.shareScores === true }, boroughs, { ...scoring, onThreads }, ctx, loadScorer);
    const drift = driftReport(storedDrift, scored.drift);
    const forecastRows = loaded.lobo === null ? null : await loadForecastRows(db, boroughs.map((code) => layout.trainingFeatures(code)), metadata.kind);
    const forecast = listForecast(forecastRows, new Map(boroughs.map((code) => [code, scored.heads.get(code) ?? null])), params.rank.top, params.seed, {
      modelId: metadata.model_id,
      extractDates: new Map(boroughRows.map((b) => [b.borough_code, b.extract_date])),
    });
    // Lists made from earlier drops whose properties have been visited since: their promise against what was found.
    const ledger = readForecastLedger(out);
    const listOutcomes = [];
    for (const entry of ledger.entries) {
      if (!boroughs.includes(entry.borough_code)) continue;
      const outcome = listOutcome(entry, await listVisits(db, entry));
      if (outcome !== null) listOutcomes.push(outcome);
    }

    const metrics: MetricsJson = {
      ...validated,
      field_trial: truth === undefined ? null : fieldTrialTotal(basename(truth), scored.trials),
      feature_importance: scored.importance,
      comparison: null,
      list_forecast: forecast.forecasts,
      list_forecast_method: forecast.method,
      drift: drift.drift,
      list_outcomes: listOutcomes,
    };
    return {
      metrics,
      lobo: loaded.lobo,
      temporal: loaded.temporal,
      boroughNames,
      driftReference: scored.drift.size === 0 ? null : drift.next,
      forecastLedger: withEntries(ledger, forecast.ledger),
    };
  } finally {
    // No statement may be running on the connection when it closes (a failure before the truth was needed).
    await truthRead?.catch(() => undefined);
    db.close();
  }
}

/** Reads and checks the truth file into `eval_truth` (readTruth); the boroughs it names. */
async function readTruthBoroughs(db: Duck, truth: string): Promise<Set<string>> {
  await readTruth(db, truth);
  return new Set((await db.all<{ b: string }>('SELECT DISTINCT borough_code AS b FROM eval_truth')).map((r) => r.b));
}

/** The parts of a model's metrics.json known before any borough is scored. */
export type ValidatedMetrics = Pick<MetricsJson, 'format' | 'model' | 'settings' | 'validation' | 'slices'>;

/** What a model's evaluation knows before any borough is scored, with the rows the report's curves are drawn from. */
export interface ValidatedEvaluation {
  metrics: ValidatedMetrics;
  lobo: ValidationRows | null;
  temporal: ValidationRows | null;
  /** Whether the boroughs are scored on worker threads (the calling thread then waits, free for other work). */
  scoringOnThreads: boolean;
}

/** metrics.json's first parts (in its key order): the model, the settings, the validation metrics and the slices. */
function validatedMetrics(metadata: ReturnType<typeof readModelMetadata>, params: Params, validation: MetricsJson['validation'], slices: MetricsJson['slices']): ValidatedMetrics {
  return {
    format: 'hmo-evaluation/1',
    model: {
      model_id: metadata.model_id,
      kind: metadata.kind,
      features: [...metadata.features],
      trained_on: { boroughs: [...metadata.trained_on.boroughs], rows: metadata.trained_on.rows, positives: metadata.trained_on.positives },
    },
    settings: {
      seed: params.seed,
      k: [...params.evaluate.k],
      bootstrap_samples: params.evaluate.bootstrap_samples,
      calibration_bins: params.evaluate.calibration_bins,
      slice_margin: params.evaluate.slice_margin,
      min_slice_rows: params.evaluate.min_slice_rows,
      slice_threshold: params.rank.risk_bands.medium,
      risk_bands: { ...params.rank.risk_bands },
      reinspect_after_months: params.rank.reinspect_after_months,
      complaint_window_months: COMPLAINT_WINDOW_MONTHS,
      tie_breaks: { ...TIE_BREAKS },
    },
    validation,
    slices,
  };
}

/**
 * The folders of every model the run trained (the artifact's per-learner
 * sub-folders, `selection.candidates` of its metadata), by kind; undefined
 * when it names fewer than two (nothing to compare) or a folder is missing.
 */
function candidateModelDirs(modelDir: string): Record<string, string> | undefined {
  const selection = (readModelMetadata(modelDir) as ArtifactMetadata).selection;
  const entries = Object.entries(selection?.candidates ?? {}).flatMap(([kind, folder]) =>
    folder !== undefined && existsSync(join(modelDir, folder, 'metadata.json')) ? [[kind, join(modelDir, folder)] as const] : [],
  );
  return entries.length > 1 ? Object.fromEntries(entries) : undefined;
}

/** The model id in a folder's metadata.json; undefined when it cannot be read (loading that folder then warns as before). */
function modelIdOf(dir: string): string | undefined {
  try {
    return readModelMetadata(dir).model_id;
  } catch {
    return undefined;
  }
}

function noImportance(): FeatureImportance {
  return { source: 'none', sample_rows: 0, features: [], note: 'The model could not be loaded for scoring, so no attributions were computed.' };
}

/**
 * Where the per-borough scoring runs: on up to `threads` worker threads of a
 * `WorkerPool` over `module`'s `scoreBorough` stage (its own DuckDB and
 * scorer per thread), or in the calling thread when `threads` is 1.
 */
export interface ScoringThreads {
  threads: number;
  module: string;
  /** Threads only when the boroughs' score rows add up to at least this many (default 0: always). */
  minRows?: number;
}

/**
 * One thread per core (at most 4, as `hmo run`'s per-borough stages) with the
 * models area's scorer, from `THREADS_FROM_ROWS` score rows; the calling
 * thread when the scorer is injected (a test's fake cannot cross to a thread).
 *
 * @example
 *   defaultScoringThreads(defaultScorerLoader); // { threads: 2, module: '.../scoringStages.js', minRows: 200000 } on 2 cores
 */
export function defaultScoringThreads(loadScorer: ScorerLoader): ScoringThreads {
  return { threads: loadScorer === defaultScorerLoader ? defaultBoroughConcurrency() : 1, module: scoringStagesModule, minRows: THREADS_FROM_ROWS };
}

/** Reads each borough's score features once: attributions on a seeded sample, and the field trial when truth is given. */
async function scoreBoroughs(
  db: Duck,
  scorer: Scorer,
  inputs: {
    out: string;
    modelDir: string;
    truth: string | undefined;
    /** The truth being read into `eval_truth` (readTruthBoroughs), with `truth`: the boroughs it names. */
    truthRead: Promise<Set<string>> | undefined;
    params: Params;
    storedDrift: DriftReferenceFile | null;
    shareScores: boolean;
  },
  boroughs: readonly string[],
  scoring: ScoringThreads & { onThreads: boolean },
  ctx: StageContext,
  loadCandidate: ScorerLoader,
): Promise<{ importance: FeatureImportance; trials: FieldTrialBorough[]; heads: Map<string, ListHead>; drift: Map<string, BoroughDriftResult> }> {
  const { out, modelDir, truth, params, storedDrift } = inputs;
  const layout = outputLayout(out);
  const withScores = boroughs.filter((code) => existsSync(layout.scoringFeatures(code)));
  for (const code of boroughs) if (!withScores.includes(code)) ctx.log.warn(m.noScoringFeatures(code, layout.scoringFeatures(code)));
  let truthBoroughs = new Set<string>();
  if (truth !== undefined) truthBoroughs = await (inputs.truthRead ?? readTruthBoroughs(db, truth));
  const sampleSize = Math.ceil(ATTRIBUTION_SAMPLE / Math.max(1, withScores.length));
  const onThreads = scoring.onThreads;
  // The threads read the checked truth from Parquet; scratch stays inside OUT, as every stage's does.
  const truthDir = onThreads && truth !== undefined ? mkdtempSync(join(out, '.evaluate-truth-')) : undefined;
  const truthParquet = truthDir === undefined ? undefined : join(truthDir, 'truth.parquet');
  const candidateDirs = candidateModelDirs(modelDir);
  // The chosen model's own folder among them (the same model id) is the evaluated model: loaded and attributed once.
  const modelId = scorer.metadata.model_id;
  const sameAsModel = Object.entries(candidateDirs ?? {}).flatMap(([kind, dir]) => (modelIdOf(dir) === modelId ? [kind] : []));
  const job = (code: string): ScoreBoroughJob => ({
    out,
    modelDir,
    ...(candidateDirs === undefined ? {} : { candidateDirs, candidatesSameAsModel: sameAsModel }),
    ...(truthParquet === undefined ? {} : { truthParquet }),
    borough: code,
    sampleSize,
    fieldTrial: truth !== undefined && truthBoroughs.has(code),
    seed: params.seed,
    k: [...params.evaluate.k],
    reinspectAfterMonths: params.rank.reinspect_after_months,
    listTop: params.rank.top,
    driftReferences: [storedDrift?.current.boroughs[code] ?? null, storedDrift?.previous?.boroughs[code] ?? null],
    ...(inputs.shareScores ? { scoresFile: layout.candidateScores(code) } : {}),
  });
  ctx.progress.start(truth === undefined ? m.progressImportance() : m.progressFieldTrial(), withScores.length, 'boroughs');
  let done = 0;
  const finished = (result: BoroughScoring): BoroughScoring => {
    done += 1;
    ctx.progress.update(done);
    return result;
  };
  let results: BoroughScoring[];
  if (onThreads) {
    const pool = WorkerPool.create(Math.min(scoring.threads, withScores.length), scoring.module);
    // Progress is counted here per borough done; a thread's own progress calls would interleave.
    const threadCtx: StageContext = { log: ctx.log, progress: { start: () => undefined, update: () => undefined, finish: () => undefined } };
    try {
      // Ordered by borough, so that each borough's rows sit in few row groups.
      if (truthParquet !== undefined) await db.run(`COPY (SELECT * FROM eval_truth ORDER BY borough_code, uprn) TO ${sqlString(truthParquet)} (FORMAT parquet)`);
      // Every borough settles before the pool closes: ending a thread in the middle of a DuckDB or tfjs call can
      // abort the whole process. Then the first failure in borough order is the error.
      const settled = await Promise.allSettled(
        withScores.map((code) => pool.run('scoreBorough', job(code), threadCtx).then((result) => finished(result as BoroughScoring))),
      );
      const failed = settled.findIndex((outcome) => outcome.status === 'rejected');
      if (failed !== -1) throw namingBorough(withScores[failed] as string, (settled[failed] as PromiseRejectedResult).reason);
      results = settled.map((outcome) => (outcome as PromiseFulfilledResult<BoroughScoring>).value);
    } finally {
      await pool.close();
      if (truthDir !== undefined) rmSync(truthDir, { recursive: true, force: true });
    }
  } else {
    const candidates = new Map<string, Scorer>();
    for (const [kind, dir] of Object.entries(candidateDirs ?? {})) {
      if (sameAsModel.includes(kind)) {
        candidates.set(kind, scorer);
        continue;
      }
      try {
        candidates.set(kind, await loadCandidate(dir));
      } catch (error) {
        ctx.log.warn(m.candidateNotLoaded(kind, (error as Error).message));
      }
    }
    results = [];
    // The next borough's features are read (DuckDB, on a second connection) while this one is scored (JavaScript):
    // at 4 x 100k the main thread otherwise waited ~0.3 s a borough for each read. At most one frame ahead.
    const reader = withScores.length > 1 ? await db.connectAgain() : undefined;
    let ahead: Promise<FeatureFrame> | undefined;
    try {
      for (const [index, code] of withScores.entries()) {
        const frame = ahead ?? readScoringFeatures(db, out, code);
        const next = withScores[index + 1];
        ahead = reader !== undefined && next !== undefined ? readScoringFeatures(reader, out, next) : undefined;
        // A read that fails is reported when its borough's turn comes, as before; until then it is not an unhandled rejection.
        ahead?.catch(() => undefined);
        results.push(finished(await scoreBorough(db, scorer, job(code), candidates, await frame)));
      }
    } finally {
      // No query may be running on the connection when it closes.
      await ahead?.catch(() => undefined);
      reader?.close();
    }
  }
  const attributions: Attribution[][] = [];
  const byModel = new Map<string, Attribution[][]>();
  const trials: FieldTrialBorough[] = [];
  const heads = new Map<string, ListHead>();
  const drift = new Map<string, BoroughDriftResult>();
  const scored = { properties: 0, seconds: 0 };
  // Gathered in borough order, whichever thread finished first: the same sample, trials and warnings.
  for (const [index, code] of withScores.entries()) {
    const result = results[index] as BoroughScoring;
    attributions.push(...result.attributions);
    for (const [kind, rows] of Object.entries(result.candidateAttributions)) byModel.set(kind, [...(byModel.get(kind) ?? []), ...rows]);
    if (truth !== undefined && !truthBoroughs.has(code)) ctx.log.warn(m.truthBoroughMissing(code));
    for (const warning of result.warnings) ctx.log.warn(warning);
    if (result.trial !== null) trials.push(result.trial);
    heads.set(code, result.list);
    drift.set(code, result.drift);
    scored.properties += result.scoring.properties;
    scored.seconds += result.scoring.seconds;
  }
  ctx.progress.finish();
  if (scored.properties > 0) ctx.log.info(m.scored(scored.properties, scored.seconds));
  return {
    importance: {
      source: 'attribution',
      sample_rows: attributions.length,
      features: meanAbsoluteAttribution(attributions),
      note: `Mean absolute contribution (logit units) over ${attributions.length} properties sampled at random (seed ${params.seed}) from the boroughs' scoring features.`,
      ...(byModel.size > 1 ? { by_model: Object.fromEntries([...byModel.entries()].map(([kind, rows]) => [kind, meanAbsoluteAttribution(rows)])) } : {}),
    },
    trials,
    heads,
    drift,
  };
}

/** Whether `scoring` puts the boroughs' scoring on worker threads: two or more boroughs with score files, and enough rows. */
async function scoringOnThreads(db: Duck, out: string, boroughs: readonly string[], scoring: ScoringThreads): Promise<boolean> {
  const layout = outputLayout(out);
  const files = boroughs.map((code) => layout.scoringFeatures(code)).filter((file) => existsSync(file));
  return scoring.threads > 1 && files.length > 1 && WorkerPool.available() && (await scoreRows(db, files)) >= (scoring.minRows ?? 0);
}

/** Rows of the score files, from their Parquet metadata (no data is read). */
async function scoreRows(db: Duck, files: readonly string[]): Promise<number> {
  const rows = await db.all<{ n: bigint | null }>(`SELECT sum(num_rows) AS n FROM parquet_file_metadata([${files.map(sqlString).join(', ')}])`);
  return Number(rows[0]?.n ?? 0);
}

/** A worker's error, naming the borough it was scoring (unless it already does), in its class. */
function namingBorough(code: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes(code)) return error instanceof Error ? error : new Error(message);
  return error instanceof HmoError ? new EvaluateError(m.boroughScoringFailed(code, message), error.exitCode) : new Error(m.boroughScoringFailed(code, message));
}
