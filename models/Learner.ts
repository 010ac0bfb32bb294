import type { ParamRule } from '../pipeline/params/ParamRule.js';
import type { InputColumn, InputSpec, PreprocessorJson } from './Preprocessor.js';

/**
 * The learner contract: what a kind of model implements so that the pipeline
 * can train it, save it, load it as a `Scorer` and explain its scores. A
 * learner is one folder of `models/` plus one line of `models/learners.ts`
 * (the registry, whose keys are the only list of model kinds); `runTrainTask`,
 * `loadScorer`, the model choice and the reasons dispatch through it.
 *
 * Rules of the folder: a learner imports nothing of the pipeline's stages or
 * commands (`pipeline/frame`, `pipeline/params/ParamRule.ts`,
 * `pipeline/messages` and `pipeline/util` are allowed); it takes its own
 * settings type `S` (the section `train.<kind>` of the params), never the
 * whole `Params`.
 *
 * @example
 *   export const logisticLearner: Learner<LogisticSettings> = {
 *     kind: 'logistic',
 *     names: { list: 'logistic regression', card: 'logistic regression' },
 *     settings: { defaults: { max_iter: 100, ... }, rules: { max_iter: { kind: 'number', integer: true, min: 1 }, ... }, docs: 'Logistic regression: ...' },
 *     input: { numeric: 'standardised', categorical: 'one-hot' },
 *     relativeCost: 1,
 *     implementation: async () => (await import('./logisticImplementation.js')).logisticImplementation,
 *   };
 */
export interface Learner<S extends object = object> {
  /** The registry key: params `train.models`, metadata `kind`, the sub-folder of the model artifact. */
  readonly kind: string;
  /** How people read the kind: in the inspection list ("logistic regression") and in the model card's "Model:" line ("logistic regression in TensorFlow.js"). */
  readonly names: { list: string; card: string };
  readonly settings: LearnerSettingsSpec<S>;
  /** How the pipeline prepares the learner's input matrix (models/Preprocessor.ts). */
  readonly input: InputSpec;
  /** Whether `train.models` names it by default (default true). */
  readonly trainByDefault?: boolean;
  /**
   * Cost of one fit relative to the others (logistic regression = 1). Fits
   * run costliest first so that threads finish together; on a tie of the
   * selection score the cheapest learner is chosen (the simpler model).
   */
  readonly relativeCost: number;
  /**
   * A learner whose model combines other learners' fits of the same rows
   * (the blend: trees plus a logistic regression). The pipeline fits each
   * part as a learner of its own and `combine`s them; a part that
   * `train.models` trains anyway, with the same settings, on the same rows,
   * is fitted once and shared. The implementation of a composed learner
   * only loads (it has no `fit`).
   */
  readonly composition?: LearnerComposition<S>;
  /** Loads the code that fits and loads (so that a thread that never trains never loads it). */
  implementation(): Promise<LearnerImplementation<S>>;
  /**
   * For a learner that runs on an engine of its own (the MLP: TensorFlow.js),
   * starts it and says which one, for the train log and the metadata; absent
   * for learners in plain TypeScript, so training them never loads an engine.
   */
  runtime?(): Promise<LearnerRuntime>;
}

/** The engine a learner runs on (`Learner.runtime`): its name, why that one, and the versions to record. */
export interface LearnerRuntime {
  name: string;
  reason: string;
  versions: Record<string, string>;
}

/** One part of a composed learner: a learner of the registry and the settings it is fitted with. */
export interface LearnerPart {
  kind: string;
  settings: object;
}

/** What one fit gives the pipeline: the held-out rows' logits, its report, and for a kept model its files and fitted preprocessing. */
export interface FitOutcome {
  /** Logits of the held-out rows, in their order. */
  testLogits: Float64Array;
  report: FitReport;
  model?: { files: ModelFiles; preprocessing: PreprocessorJson };
}

/**
 * How a composed learner is made of other learners' fits.
 *
 * @example
 *   const parts = blendLearner.composition.parts(settings); // [{ kind: 'gbdt', settings: … }, { kind: 'logistic', settings: … }]
 *   const blend = blendLearner.composition.combine([treesFit, logisticFit], settings);
 */
export interface LearnerComposition<S extends object> {
  /** The parts, in the order `combine` receives their fits; each part's learner must not be composed itself. */
  parts(settings: S): readonly LearnerPart[];
  /** This learner's fit from its parts' fits on the same rows (in `parts` order): logits, report and, when every part kept its model, the model. */
  combine(parts: readonly FitOutcome[], settings: S): FitOutcome;
}

/** A learner's settings: defaults, the rule of every key, and what the section means (for the params table of docs/running.md). */
export interface LearnerSettingsSpec<S extends object> {
  /** Key order is the order of the params file and of the docs. */
  readonly defaults: S;
  readonly rules: { readonly [K in keyof S & string]: ParamRule };
  /** One sentence: what the settings are, for docs/running.md. */
  readonly docs: string;
  /** A rule that ties keys together; returns what is wrong, or undefined. */
  check?(settings: S): string | undefined;
}

/** The rows a learner fits on, prepared as its `input` asks. */
export interface TrainingData {
  /** Row-major (rows × width); NaN only where `input` is 'raw' / 'codes' and the value is missing (or a level never seen). */
  x: Float32Array;
  width: number;
  /** What each column is, and the catalogue feature it belongs to. */
  columns: readonly InputColumn[];
  /** 1 = hmo, 0 = not-hmo, one per row. */
  labels: ArrayLike<number>;
}

/** What every learner's fit is told besides its own settings. */
export interface FitOptions {
  /** Every random choice of the fit comes from it: same data + settings + seed, same model. */
  seed: number;
  /** 'balanced' weights classes inversely to their frequency. */
  classWeight: 'balanced' | 'none';
  /** Hold out this stratified fraction of the rows, stop after `patience` rounds without improvement, keep the best round. */
  earlyStopping: { validationFraction: number; patience: number };
  /**
   * The group of each training row (its property: a property inspected
   * twice has two rows): the early-stopping split moves whole groups, so no
   * property sits on both sides. Each row its own group when absent.
   */
  groups?: ArrayLike<number>;
}

/** What happened while fitting one model, kept in the metadata (`training`). */
export interface FitReport {
  kind: string;
  seed: number;
  rows: number;
  positives: number;
  /** Rows held out for early stopping (a stratified sample of the training rows). */
  early_stopping_rows: number;
  class_weights: { '0': number; '1': number };
  /** Rounds (epochs, boosting rounds) run. */
  epochs_run: number;
  /** The round whose model was kept (lowest weighted validation loss). */
  best_epoch: number;
  best_validation_loss: number | null;
}

/** A model's own files in its model folder (e.g. model.json, weights.bin), by file name. */
export type ModelFiles = Record<string, string | Uint8Array>;

/** A fitted model, in memory. */
export interface FittedModel {
  readonly report: FitReport;
  /** Logits (uncalibrated scores) of the rows of a matrix prepared like the training one. */
  logits(x: Float32Array, width: number): Float64Array;
  /** Its files, to write into the model folder (or to send from a worker thread). */
  files(): Promise<ModelFiles>;
  /** Frees what the model holds outside the JavaScript heap. */
  dispose(): void;
}

/** A saved model, loaded for scoring; `loadScorer` adds the preprocessing and calibration around it. */
export interface LoadedModel {
  logits(x: Float32Array, width: number): Float64Array;
  /**
   * Each input column's contribution to each row's logit (rows × width,
   * row-major, logit units; positive pushes towards HMO): integrated
   * gradients from `reference` (the training rows' mean input) for a network,
   * TreeSHAP for trees. The Scorer sums them back to catalogue features for
   * the reasons of a list.
   */
  attribute(x: Float32Array, width: number, reference: readonly number[]): Float64Array;
}

/** The code of a learner. */
export interface LearnerImplementation<S extends object> {
  /** Absent for a composed learner (`Learner.composition`), which is fitted from its parts. */
  fit?(data: TrainingData, settings: S, options: FitOptions): Promise<FittedModel>;
  /** Loads the model from the files `FittedModel.files()` wrote into `dir`; `files` are checked to exist first. */
  load(dir: string): Promise<LoadedModel>;
  /** The model's own file names, checked to exist before `load` (a folder without them is not a model folder). */
  readonly files: readonly string[];
  /**
   * The file names of earlier formats that `load` still reads (e.g. the
   * TensorFlow.js logistic regression's model.json + weights.bin): a folder
   * holding every file of one of these sets instead of `files` is a model folder too.
   */
  readonly legacyFiles?: readonly (readonly string[])[];
}
