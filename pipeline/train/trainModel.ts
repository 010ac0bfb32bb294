import { boroughMean, precisionAtKInformative } from '../../models/metrics.js';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ARTIFACT_FILES, writeModelFolder, type ArtifactMetadata } from '../../models/artifact.js';
import { Calibrator } from '../../models/Calibrator.js';
import { frameCatalogueHash } from '../../models/catalogueVersion.js';
import type { Learner, LearnerRuntime } from '../../models/Learner.js';
import { LEARNERS, type ModelKind } from '../../models/learners.js';
import { TrainError } from '../errors/TrainError.js';
import type { BoroughStatus } from '../db/BoroughStatus.js';
import { readBoroughStatuses } from '../db/openDropDb.js';
import { readFeatureFrame } from '../frame/FeatureFrame.js';
import { outputLayout } from '../layout.js';
import { trainMessages as m } from '../messages/train.js';
import type { Params } from '../params/Params.js';
import type { StageContext } from '../stage.js';
import { produceAtomically } from '../util/atomicWrite.js';
import { hashJson, stableStringify } from '../util/hash.js';
import { WorkerPool } from '../workers/WorkerPool.js';
import { complaintCountFeature, complaintLedScores } from './complaintLed.js';
import { frameFingerprint } from './frameFingerprint.js';
import { schemeSummary, type SchemeSummary } from './rankingSummary.js';
import { partKind, type TrainTask, type TrainTaskResult } from './runTrainTask.js';
import { runFits, trainShared, withSharedColumns } from './runFits.js';
import { trainJobsModule } from './trainJobs.js';
import { taskSeed } from './taskSeed.js';
import { leaveBoroughOutSplits, propertyGroups, temporalSplit, type HeldOutSplit } from './validationPlan.js';
import { writeValidationPredictions, type HeldOutScores } from './writeValidationPredictions.js';

/** Held-out figures of every model (and of the complaint-led yardstick) under one validation scheme. */
export interface SchemeMetrics {
  folds: string[];
  models: Partial<Record<ModelKind | 'complaint_led', SchemeSummary>>;
}

/** What training measured; saved in every metadata.json of the artifact. */
export interface TrainingMetrics {
  criterion: string;
  selection_scores: Partial<Record<ModelKind, number | null>>;
  chosen: ModelKind;
  /** The feature the complaint-led yardstick orders by (null when the features have no complaint count). */
  complaint_feature: string | null;
  lobo: SchemeMetrics | null;
  temporal: (SchemeMetrics & { cutoff: string; train_rows: number; test_rows: number }) | null;
  calibration: Partial<Record<ModelKind, string>>;
  /** Every fit (validation folds and final), by id `<scheme>/<fold>/<model>` or `final/<model>`: rows, epochs run, epoch kept. */
  fits: Record<string, { rows: number; epochs_run: number; best_epoch: number }>;
}

export interface TrainResult {
  modelDir: string;
  chosen: ModelKind;
  /** The engine of the learners trained (`Learner.runtime`: TensorFlow.js for the MLP), or `typescript` when none has one. */
  backend: { name: string; reason: string };
  rows: number;
  positives: number;
  boroughs: string[];
  metrics: TrainingMetrics;
}

/** Differences of the selection score within this margin are a tie, and a tie goes to the simplest learner (the lowest relativeCost: the logistic regression). */
export const SELECTION_TIE_MARGIN = 0.001;
const FORMAT = 'hmo-model/1';

/**
 * The train stage: reads OUT/features/<borough>/train.parquet, fits the
 * models of params.train.models with honest validation (leave-one-borough-out
 * and a temporal holdout, each fold with its own preprocessing), calibrates
 * on out-of-fold scores, refits on all labelled rows, chooses the better
 * model, and writes the artifact folder `modelDir` atomically (per-model
 * sub-folders, the chosen model at the top, validation/predictions.parquet).
 * Refuses (exit 1, nothing written) with no labelled rows or one class only.
 *
 * @example
 *   const result = await trainModel({ out: 'out/sample', modelDir: 'out/sample/model', params }, ctx);
 *   result.chosen; // 'mlp'
 */
export async function trainModel(input: { out: string; modelDir: string; params: Params }, ctx: StageContext): Promise<TrainResult> {
  const { out, modelDir, params } = input;
  const layout = outputLayout(out);
  const statuses = readBoroughStatuses(out);
  const files = trainingFiles(layout.featuresDir, layout.trainingFeatures, statuses, ctx);
  if (files.length === 0) throw new TrainError(m.noTrainingFiles(layout.featuresDir), 1);
  // the numeric columns in shared memory: the worker threads read them, not a clone each
  const frame = withSharedColumns(await readFeatureFrame(files));
  const labels = frame.label ?? new Int8Array(0);
  const positives = labels.reduce((n, v) => n + (v === 1 ? 1 : 0), 0);
  if (frame.length === 0) throw new TrainError(m.noLabelledRows(files), 1);
  if (positives === 0 || positives === frame.length) throw new TrainError(m.oneClass(frame.length, positives === 0 ? 0 : 1), 1);
  if (frame.numeric.size + frame.categorical.size === 0) throw new TrainError(m.noFeatures(files), 1);
  if (frame.inspectionDate === undefined) throw new TrainError(m.noLabelledRows(files), 1);
  const catalogueHash = frameCatalogueHash(frame);
  if (catalogueHash === undefined) throw new TrainError(m.mixedCatalogues(frame.catalogueHashes ?? []), 1);

  const boroughs = [...new Set(frame.boroughCode)].sort();
  ctx.log.info(m.frameRead(frame.length, positives, boroughs.length, frame.numeric.size + frame.categorical.size));
  const kinds = params.train.models;
  const runtime = await learnerRuntime(kinds);
  if (runtime !== undefined) ctx.log.info(m.backend(runtime.name, runtime.reason));
  const backend = runtime === undefined ? { name: 'typescript', reason: m.noEngine(kinds) } : { name: runtime.name, reason: runtime.reason };
  const lobo = leaveBoroughOutSplits(frame, params.train.max_borough_folds);
  if (lobo.length === 0) ctx.log.warn(m.loboSkipped('the training data come from one borough'));
  const temporal = temporalSplit(frame, params.train.temporal_holdout_fraction);
  if (temporal === undefined) ctx.log.warn(m.temporalSkipped('every inspection has the same date'));
  else ctx.log.info(m.temporalPlan(temporal.cutoff, temporal.split.trainRows.length, temporal.split.testRows.length));

  const splits = [...lobo, ...(temporal === undefined ? [] : [temporal.split])].filter((split) => {
    const reason = splitProblem(split, labels);
    if (reason !== undefined) ctx.log.warn(m.foldSkipped(split.scheme, split.fold, reason));
    return reason === undefined;
  });
  const { tasks, composed, fits } = planTasks(kinds, splits, propertyGroups(frame), params.seed, params.train);
  const threads = params.train.parallel_folds ? Math.min(availableParallelism(), tasks.length) : 0;
  let pool: WorkerPool | undefined;
  try {
    pool = threads > 0 ? WorkerPool.create(threads, trainJobsModule, trainShared(frame, params.train)) : undefined;
  } catch (error) {
    ctx.log.warn(m.workerFallback((error as Error).message));
    pool = undefined;
  }
  ctx.log.info(m.plan(lobo.length, temporal !== undefined, kinds, pool?.size ?? 0));
  ctx.progress.start('Fitting models (validation folds and final fits)', tasks.length, 'fits');
  let results: Map<string, TrainTaskResult>;
  try {
    results = await runFits(frame, params.train, tasks, pool, ctx, (done) => ctx.progress.update(done));
  } finally {
    ctx.progress.finish();
    await pool?.close();
  }
  combineComposed(results, composed, params.train);

  // Out-of-fold logits, calibrated without the row's own fold.
  const complaint = complaintLedScores(frame);
  const heldOut: HeldOutScores[] = [];
  const calibrators = new Map<ModelKind, Calibrator>();
  const loboMetrics: SchemeMetrics | null = lobo.length === 0 ? null : { folds: lobo.map((s) => s.fold), models: {} };
  const temporalMetrics: TrainingMetrics['temporal'] =
    temporal === undefined
      ? null
      : { cutoff: temporal.cutoff, train_rows: temporal.split.trainRows.length, test_rows: temporal.split.testRows.length, folds: ['temporal'], models: {} };
  for (const kind of kinds) {
    const loboScores = gatherLogits(results, splits.filter((s) => s.scheme === 'lobo'), kind, frame.length, frame.declared);
    const temporalScores = gatherLogits(results, splits.filter((s) => s.scheme === 'temporal'), kind, frame.length, frame.declared);
    if (loboMetrics !== null && loboScores.rows.length > 0) {
      const calibrated = new Float64Array(loboScores.rows.length);
      for (const fold of new Set(loboScores.fold)) {
        const others = loboScores.rows.filter((_, r) => loboScores.fold[r] !== fold);
        const calibrator = fitCalibrator(params, loboScores.logits, labels, others);
        const mine = loboScores.rows.map((_, r) => r).filter((r) => loboScores.fold[r] === fold);
        const probabilities = calibrator.apply(mine.map((r) => loboScores.logits[loboScores.rows[r] as number] as number));
        mine.forEach((r, k) => (calibrated[r] = probabilities[k] as number));
      }
      heldOut.push(heldOutPart('lobo', kind, loboScores, calibrated));
      loboMetrics.models[kind] = schemeSummary(loboScores.logits, labels, frame.boroughCode, loboScores.rows);
    }
    if (temporalMetrics !== null && temporalScores.rows.length > 0) {
      const testRows = new Set(temporalScores.rows);
      const older = loboScores.rows.filter((row) => !testRows.has(row));
      const calibrator = older.length > 0 ? fitCalibrator(params, loboScores.logits, labels, older) : Calibrator.none('no leave-borough-out scores of older inspections');
      const calibrated = calibrator.apply(temporalScores.rows.map((row) => temporalScores.logits[row] as number));
      heldOut.push(heldOutPart('temporal', kind, temporalScores, calibrated));
      temporalMetrics.models[kind] = schemeSummary(temporalScores.logits, labels, frame.boroughCode, temporalScores.rows);
    }
    const calibrationSource = loboScores.rows.length > 0 ? loboScores : temporalScores;
    calibrators.set(
      kind,
      calibrationSource.rows.length > 0
        ? fitCalibrator(params, calibrationSource.logits, labels, calibrationSource.rows)
        : Calibrator.none('no held-out scores (one borough and no temporal holdout)'),
    );
  }
  if (complaint !== undefined) {
    for (const metrics of [loboMetrics, temporalMetrics]) {
      if (metrics === null) continue;
      const part = heldOut.find((h) => h.scheme === (metrics === loboMetrics ? 'lobo' : 'temporal'));
      if (part !== undefined) metrics.models.complaint_led = schemeSummary(complaint, labels, frame.boroughCode, part.rows);
    }
  }

  const selection = chooseModel(kinds, loboMetrics, temporalMetrics);
  ctx.log.info(m.chosen(selection.chosen, selection.criterion, formatScores(selection.scores)));
  const metrics: TrainingMetrics = {
    criterion: selection.criterion,
    selection_scores: selection.scores,
    chosen: selection.chosen,
    complaint_feature: complaintCountFeature(frame) ?? null,
    lobo: loboMetrics,
    temporal: temporalMetrics,
    calibration: Object.fromEntries(kinds.map((k) => [k, (calibrators.get(k) as Calibrator).toJSON().method])),
    fits: Object.fromEntries(
      fits.flatMap((id) => {
        const report = results.get(id)?.report;
        return report === undefined ? [] : [[id, { rows: report.rows, epochs_run: report.epochs_run, best_epoch: report.best_epoch }]];
      }),
    ),
  };
  logMetrics(ctx, metrics);

  const extractDates = new Map(statuses.map((s) => [s.borough_code, s.extract_date]));
  const trainedOn = {
    boroughs,
    extract_dates: Object.fromEntries(boroughs.flatMap((code) => (extractDates.get(code) ? [[code, extractDates.get(code) as string]] : []))),
    rows: frame.length,
    positives,
    /** Labelled rows that were declared HMOs at the time: fitted on, left out of validation and calibration. */
    declared_rows: frame.declared?.reduce((n, v) => n + v, 0) ?? 0,
    data_fingerprint: frameFingerprint(frame),
  };
  const createdAt = new Date().toISOString();
  await produceAtomically(modelDir, async (tmp) => {
    const candidates: Partial<Record<ModelKind, string>> = {};
    const folders = new Map<ModelKind, Parameters<typeof writeModelFolder>[1]>();
    for (const kind of kinds) {
      const final = results.get(finalTaskId(kind));
      if (final?.model === undefined) throw new Error(`The final ${kind} fit returned no model`);
      // The id names what determines the weights: data, seed and settings (not whether folds ran on threads).
      const metadata: ArtifactMetadata = {
        format: FORMAT,
        model_id: `${kind}-${hashJson({ data: trainedOn.data_fingerprint, seed: params.seed, train: { ...params.train, parallel_folds: null }, kind }).slice(0, 16)}`,
        kind,
        created_at: createdAt,
        catalogue_hash: catalogueHash,
        features: [...frame.numeric.keys(), ...frame.categorical.keys()],
        trained_on: trainedOn,
        seed: params.seed,
        params: { seed: params.seed, train: params.train },
        metrics,
        versions: { ...runtime?.versions, node: process.version },
        backend,
        training: final.report,
      };
      const folder = { files: final.model.files, preprocessing: final.model.preprocessing, calibration: (calibrators.get(kind) as Calibrator).toJSON(), metadata };
      folders.set(kind, folder);
      writeModelFolder(join(tmp, kind), folder);
      candidates[kind] = kind;
    }
    const chosen = folders.get(selection.chosen) as Parameters<typeof writeModelFolder>[1];
    writeModelFolder(tmp, {
      ...chosen,
      metadata: { ...chosen.metadata, selection: { chosen: selection.chosen, criterion: selection.criterion, scores: selection.scores, candidates } },
    });
    await writeValidationPredictions(join(tmp, ARTIFACT_FILES.predictions), { ...frame, inspectionDate: frame.inspectionDate ?? [], label: labels }, heldOut);
  });
  ctx.log.info(m.wrote(modelDir));
  return { modelDir, chosen: selection.chosen, backend, rows: frame.length, positives, boroughs, metrics };
}

/**
 * The engine of the learners of `kinds` that run on one (`Learner.runtime`,
 * the MLP's TensorFlow.js), started in this thread; undefined when none does,
 * and then no engine is loaded at all.
 */
async function learnerRuntime(kinds: readonly ModelKind[]): Promise<LearnerRuntime | undefined> {
  const withRuntime = kinds.map((kind) => LEARNERS[kind] as Learner<object>).find((learner) => learner.runtime !== undefined);
  return withRuntime?.runtime?.();
}

/**
 * OUT/features/<borough>/train.parquet of every borough that has one, in code
 * order; when ingest recorded borough statuses, only boroughs whose latest
 * ingest succeeded (features left over from an earlier run of a borough that
 * now fails are not used).
 */
function trainingFiles(featuresDir: string, fileOf: (borough: string) => string, statuses: readonly BoroughStatus[], ctx: StageContext): string[] {
  if (!existsSync(featuresDir)) return [];
  const ok = new Set(statuses.filter((s) => s.status === 'ok').map((s) => s.borough_code));
  return readdirSync(featuresDir)
    .sort()
    .filter((borough) => existsSync(fileOf(borough)))
    .filter((borough) => {
      if (statuses.length === 0 || ok.has(borough)) return true;
      ctx.log.warn(m.boroughNotUsable(borough));
      return false;
    })
    .map(fileOf);
}

/** Why a split cannot be used (its training rows lack an outcome, or it holds nothing out). */
function splitProblem(split: HeldOutSplit, labels: Int8Array): string | undefined {
  if (split.testRows.length === 0) return 'no held-out rows';
  let positives = 0;
  for (const i of split.trainRows) if (labels[i] === 1) positives++;
  if (positives === 0 || positives === split.trainRows.length) return 'its training rows hold one outcome only';
  return undefined;
}

function finalTaskId(kind: ModelKind): string {
  return `final/${kind}`;
}

/** A composed learner's fit (models/Learner.ts, `composition`): the tasks of its parts, combined once they ran. */
export interface ComposedFit {
  id: string;
  kind: ModelKind;
  parts: string[];
}

/** What training runs: the tasks (on threads), the composed fits made from them, and every model fit's id (`<scheme>/<fold>/<kind>`, `final/<kind>`) in plan order. */
export interface TrainPlan {
  tasks: TrainTask[];
  composed: ComposedFit[];
  fits: string[];
}

/**
 * The fits to run: every model on every split, then on all rows; each with
 * its own seed derived from params.seed and its id. A composed learner (the
 * blend) is planned as its parts: a part that `train.models` trains anyway
 * with the same settings (the logistic regression, by default) is that
 * model's own task of the same split, fitted once; any other part is a task
 * `<id>/<part kind>` seeded like the composed fit's id.
 *
 * @example
 *   planTasks(['logistic', 'blend'], splits, propertyGroups(frame), 42, params.train).tasks.map((t) => t.id);
 *   // ['final/blend/gbdt', 'final/logistic', 'lobo/A/blend/gbdt', …, 'lobo/A/logistic', …]
 */
export function planTasks(kinds: readonly ModelKind[], splits: readonly HeldOutSplit[], groups: Int32Array, seed: number, train: Params['train']): TrainPlan {
  const all = Array.from({ length: groups.length }, (_, i) => i);
  const groupsOf = (rows: readonly number[]) => rows.map((i) => groups[i] as number);
  const tasks: TrainTask[] = [];
  const composed: ComposedFit[] = [];
  const fits: string[] = [];
  const plan = (prefix: string, kind: ModelKind, trainRows: number[], testRows: number[], keep: boolean) => {
    const id = `${prefix}/${kind}`;
    fits.push(id);
    const task = { kind, trainRows, trainGroups: groupsOf(trainRows), testRows, keep };
    const composition = (LEARNERS[kind] as Learner<object>).composition;
    if (composition === undefined) {
      tasks.push({ id, seed: taskSeed(seed, id), ...task });
      return;
    }
    const parts = composition.parts(train[kind]).map((part) => {
      const partKindChecked = partKind(kind, part.kind);
      // Shared with the model trained on its own: same learner, same settings, same rows (its task is planned under its own id).
      if (kinds.includes(partKindChecked) && stableStringify(train[partKindChecked]) === stableStringify(part.settings)) return `${prefix}/${partKindChecked}`;
      const partId = `${id}/${partKindChecked}`;
      tasks.push({ ...task, id: partId, kind: partKindChecked, seed: taskSeed(seed, id), settings: part.settings });
      return partId;
    });
    composed.push({ id, kind, parts });
  };
  // Biggest fits first (finals, then the costliest learners) so that the threads finish together.
  const costliestFirst = [...kinds].sort((a, b) => LEARNERS[b].relativeCost - LEARNERS[a].relativeCost);
  for (const kind of costliestFirst) plan('final', kind, all, [], true);
  for (const kind of costliestFirst) for (const split of splits) plan(`${split.scheme}/${split.fold}`, kind, split.trainRows, split.testRows, false);
  return { tasks, composed, fits };
}

/**
 * The composed fits' results, each combined from its parts' results (added to `results` under the composed fit's id).
 *
 * @example
 *   combineComposed(results, plan.composed, params.train);
 *   results.get('lobo/E09000007/blend')?.testLogits;
 */
export function combineComposed(results: Map<string, TrainTaskResult>, composed: readonly ComposedFit[], train: Params['train']): void {
  for (const fit of composed) {
    const composition = (LEARNERS[fit.kind] as Learner<object>).composition;
    if (composition === undefined) throw new Error(`${fit.kind} is not a composed learner`);
    const parts = fit.parts.map((id) => {
      const result = results.get(id);
      if (result === undefined) throw new Error(`the part ${id} of ${fit.id} was not fitted`);
      return result;
    });
    results.set(fit.id, { id: fit.id, ...composition.combine(parts, train[fit.kind]) });
  }
}

interface GatheredLogits {
  /** Logit per frame row (NaN where this scheme did not hold the row out). */
  logits: Float64Array;
  /** Held-out rows, in frame order, and the fold of each. */
  rows: number[];
  fold: string[];
}

/**
 * The held-out logits of one model under one scheme. Declared HMOs (licence
 * applications, HMOs licensed at inspection: `frame.declared`) are fitted on
 * but left out here, so calibration, metrics, model choice and the
 * validation predictions speak of the population the lists serve.
 */
function gatherLogits(
  results: Map<string, TrainTaskResult>,
  splits: readonly HeldOutSplit[],
  kind: ModelKind,
  length: number,
  declared: Uint8Array | undefined,
): GatheredLogits {
  const logits = new Float64Array(length).fill(Number.NaN);
  const foldOf = new Array<string | undefined>(length);
  for (const split of splits) {
    const result = results.get(`${split.scheme}/${split.fold}/${kind}`);
    if (result === undefined) continue;
    split.testRows.forEach((row, r) => {
      if (declared?.[row] === 1) return;
      logits[row] = result.testLogits[r] as number;
      foldOf[row] = split.fold;
    });
  }
  const rows: number[] = [];
  const fold: string[] = [];
  foldOf.forEach((f, row) => {
    if (f !== undefined) {
      rows.push(row);
      fold.push(f);
    }
  });
  return { logits, rows, fold };
}

function fitCalibrator(params: Params, logits: Float64Array, labels: Int8Array, rows: readonly number[]): Calibrator {
  return Calibrator.fit(
    params.train.calibration,
    rows.map((row) => logits[row] as number),
    rows.map((row) => labels[row] as number),
  );
}

function heldOutPart(scheme: 'lobo' | 'temporal', kind: ModelKind, gathered: GatheredLogits, calibrated: Float64Array): HeldOutScores {
  return { scheme, model: kind, rows: gathered.rows, fold: gathered.fold, rawScore: gathered.rows.map((row) => gathered.logits[row] as number), score: calibrated };
}

/**
 * The rule: the higher mean per-borough average precision on leave-borough-out
 * validation (without it, the temporal holdout's average precision); a
 * difference within SELECTION_TIE_MARGIN, or no validation at all, goes to
 * the simplest learner trained (lowest `relativeCost` in models/learners.ts:
 * the logistic regression, simpler and transparent).
 */
export function chooseModel(
  kinds: readonly ModelKind[],
  lobo: SchemeMetrics | null,
  temporal: SchemeMetrics | null,
): { chosen: ModelKind; criterion: string; scores: Partial<Record<ModelKind, number | null>> } {
  // The cheapest learner, the first of equals in the order trained.
  const preferred = kinds.reduce((best, kind) => (LEARNERS[kind].relativeCost < LEARNERS[best].relativeCost ? kind : best), kinds[0] as ModelKind);
  const useLobo = lobo !== null && kinds.some((k) => Number.isFinite(lobo.models[k]?.mean_borough_average_precision));
  const criterion = useLobo
    ? `highest mean per-borough average precision on leave-one-borough-out validation; within ${SELECTION_TIE_MARGIN} the ${LEARNERS[preferred].names.list}`
    : `highest average precision on the temporal holdout; within ${SELECTION_TIE_MARGIN} the ${LEARNERS[preferred].names.list}`;
  const scores: Partial<Record<ModelKind, number | null>> = {};
  for (const kind of kinds) {
    const value = useLobo ? lobo?.models[kind]?.mean_borough_average_precision : temporal?.models[kind]?.overall.average_precision;
    scores[kind] = value !== undefined && Number.isFinite(value) ? value : null;
  }
  let chosen = preferred;
  for (const kind of kinds) {
    const score = scores[kind] ?? Number.NEGATIVE_INFINITY;
    const best = scores[chosen] ?? Number.NEGATIVE_INFINITY;
    if (score > best + SELECTION_TIE_MARGIN) chosen = kind;
  }
  return { chosen, criterion, scores };
}

function formatScores(scores: Partial<Record<ModelKind, number | null>>): string {
  return Object.entries(scores)
    .map(([k, v]) => `${k} ${v === null || v === undefined ? 'n/a' : v.toFixed(3)}`)
    .join(', ');
}

/**
 * The log's figures, defined as the evaluation's headline (models/metrics.ts):
 * means over boroughs of ROC AUC, average precision and precision@100 (the
 * latter over the boroughs with at least 200 held-out rows), printed with 3
 * decimals, so the train log and `hmo evaluate` give the same numbers. The
 * complaint-led baseline is left to the evaluation, whose tie-break (seeded)
 * and window (12 months before each inspection) define it.
 */
function logMetrics(ctx: StageContext, metrics: TrainingMetrics): void {
  const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : ' n/a ');
  for (const [scheme, part] of [['lobo', metrics.lobo], ['temporal', metrics.temporal]] as const) {
    if (part === null) continue;
    for (const [model, summary] of Object.entries(part.models)) {
      if (model === 'complaint_led') continue;
      const boroughs = Object.values(summary.boroughs);
      const p100 = boroughMean(boroughs.map((b) => (precisionAtKInformative(100, b.rows) ? b.precision_at['100'] : Number.NaN)));
      ctx.log.info(m.metricLine(scheme, model, fmt(boroughMean(boroughs.map((b) => b.roc_auc))), fmt(boroughMean(boroughs.map((b) => b.average_precision))), fmt(p100)));
    }
  }
}

