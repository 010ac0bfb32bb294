import type { FitOptions, FitOutcome, Learner } from '../../models/Learner.js';
import { isModelKind, LEARNERS, type ModelKind } from '../../models/learners.js';
import { Preprocessor } from '../../models/Preprocessor.js';
import type { FeatureFrame } from '../frame/FeatureFrame.js';
import type { Params } from '../params/Params.js';

/** One model to fit: on `trainRows` of the frame, scoring `testRows`; `keep` returns the fitted model itself. */
export interface TrainTask {
  id: string;
  kind: ModelKind;
  seed: number;
  trainRows: number[];
  /**
   * The property of each training row (`propertyGroups`; rows of one property
   * share it, one row per inspection), so that the early-stopping split keeps
   * a property's rows on one side; each row its own group when absent.
   */
  trainGroups?: number[];
  testRows: number[];
  keep: boolean;
  /** The learner's settings for this fit when not `train.<kind>` (a part of a composed learner: models/Learner.ts). */
  settings?: object;
}

/** A fit's held-out logits and report, and (only when the task asked to keep the model) the learner's files and fitted preprocessing. */
export interface TrainTaskResult extends FitOutcome {
  id: string;
}

/**
 * Fits preprocessing and one model, through its learner (models/learners.ts),
 * on the task's training rows only (the held-out rows never influence means,
 * categories or weights), then scores the held-out rows. Runs in a worker
 * thread or in the calling thread; the result depends only on the frame, the
 * task and the params.
 *
 * @example
 *   const result = await runTrainTask(frame, { id: 'lobo/E09000007/logistic', kind: 'logistic', seed: 1, trainRows, testRows, keep: false }, params.train);
 */
export async function runTrainTask(frame: FeatureFrame, task: TrainTask, train: Params['train']): Promise<TrainTaskResult> {
  const labels = frame.label;
  if (labels === undefined) throw new Error('The training frame has no labels');
  const learner = LEARNERS[task.kind] as Learner<object>;
  const settings = task.settings ?? train[task.kind];
  if (learner.composition !== undefined) {
    // A composed learner, fitted here in one thread: each part on the same rows with the task's seed, then combined.
    const parts: TrainTaskResult[] = [];
    for (const part of learner.composition.parts(settings)) parts.push(await runTrainTask(frame, { ...task, id: `${task.id}/${part.kind}`, kind: partKind(task.kind, part.kind), settings: part.settings }, train));
    return { id: task.id, ...learner.composition.combine(parts, settings) };
  }
  const implementation = await learner.implementation();
  if (implementation.fit === undefined) throw new Error(`the ${task.kind} learner has no fit and no composition`);
  const { preprocessor, x } = Preprocessor.fitTransform(frame, task.trainRows, learner.input);
  const y = Int8Array.from(task.trainRows, (i) => labels[i] as number);
  const fitted = await implementation.fit({ x, width: preprocessor.width, columns: preprocessor.columns, labels: y }, settings, fitOptions(train, task.seed, task.trainGroups));
  try {
    const testLogits = task.testRows.length > 0 ? fitted.logits(preprocessor.transform(frame, task.testRows), preprocessor.width) : new Float64Array(0);
    const result: TrainTaskResult = { id: task.id, testLogits, report: fitted.report };
    if (task.keep) result.model = { files: await fitted.files(), preprocessing: preprocessor.toJSON() };
    return result;
  } finally {
    fitted.dispose();
  }
}

/**
 * What every learner's fit is told besides its own settings, from the train params.
 *
 * @example
 *   fitOptions(params.train, 42); // { seed: 42, classWeight: 'balanced', earlyStopping: { validationFraction: 0.15, patience: 3 } }
 */
export function fitOptions(train: Params['train'], seed: number, groups?: ArrayLike<number>): FitOptions {
  return {
    seed,
    classWeight: train.class_weight,
    earlyStopping: { validationFraction: train.validation_fraction, patience: train.patience },
    ...(groups === undefined ? {} : { groups }),
  };
}

/**
 * The kind of a composed learner's part, checked: a learner of the registry
 * that is not composed itself.
 *
 * @example
 *   partKind('blend', 'logistic'); // 'logistic'
 */
export function partKind(composed: string, part: string): ModelKind {
  if (!isModelKind(part)) throw new Error(`the ${composed} learner names a part "${part}" that is no learner of models/learners.ts`);
  if ((LEARNERS[part] as Learner<object>).composition !== undefined) throw new Error(`the ${composed} learner's part "${part}" is composed itself`);
  return part;
}
