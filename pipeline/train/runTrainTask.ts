import * as tf from '@tensorflow/tfjs';
import { fitNetwork, type FitReport } from '../../models/fitNetwork.js';
import { networkFiles, type NetworkFiles } from '../../models/modelFiles.js';
import { predictLogits, type ModelKind } from '../../models/network.js';
import { Preprocessor, type PreprocessorJson } from '../../models/Preprocessor.js';
import type { FeatureFrame } from '../frame/FeatureFrame.js';
import type { Params } from '../params/Params.js';

/** One network to fit: on `trainRows` of the frame, scoring `testRows`; `keep` returns the fitted model itself. */
export interface TrainTask {
  id: string;
  kind: ModelKind;
  seed: number;
  trainRows: number[];
  testRows: number[];
  keep: boolean;
}

export interface TrainTaskResult {
  id: string;
  /** Logits of the test rows, in their order. */
  testLogits: Float64Array;
  report: FitReport;
  /** Only when the task asked to keep the model. */
  model?: { network: NetworkFiles; preprocessing: PreprocessorJson };
}

/**
 * Fits preprocessing and one network on the task's training rows only (the
 * held-out rows never influence means, categories or weights), then scores
 * the held-out rows. Runs in a worker thread or in the calling thread; the
 * result depends only on the frame, the task and the params.
 *
 * @example
 *   const result = await runTrainTask(frame, { id: 'lobo/E09000007/logistic', kind: 'logistic', seed: 1, trainRows, testRows, keep: false }, params.train);
 */
export async function runTrainTask(frame: FeatureFrame, task: TrainTask, train: Params['train']): Promise<TrainTaskResult> {
  const labels = frame.label;
  if (labels === undefined) throw new Error('The training frame has no labels');
  const { preprocessor, x } = Preprocessor.fitTransform(frame, task.trainRows);
  const y = Int8Array.from(task.trainRows, (i) => labels[i] as number);
  const { model, report } = await fitNetwork(task.kind, x, y, preprocessor.width, train, task.seed);
  try {
    const testLogits = task.testRows.length > 0 ? predictLogits(model, preprocessor.transform(frame, task.testRows), preprocessor.width) : new Float64Array(0);
    const result: TrainTaskResult = { id: task.id, testLogits, report };
    if (task.keep) result.model = { network: await networkFiles(model), preprocessing: preprocessor.toJSON() };
    return result;
  } finally {
    model.dispose();
    // Adam's slots live outside the model; dispose them so that folds do not leak.
    (model.optimizer as tf.Optimizer | undefined)?.dispose();
  }
}
