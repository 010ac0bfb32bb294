import { classWeightsFor } from '../classWeights.js';
import type { FittedModel, LearnerImplementation, LoadedModel } from '../Learner.js';
import { fitLogisticRegression } from './fitLogisticRegression.js';
import type { LogisticSettings } from './logisticLearner.js';
import { LOGISTIC_JSON, LogisticModel, TFJS_MODEL_JSON, TFJS_WEIGHTS_BIN } from './LogisticModel.js';

/**
 * The logistic regression's implementation, in TypeScript on typed arrays
 * (no TensorFlow.js): `fit` solves the L2-penalised, class-weighted problem
 * to convergence by Newton's method (models/logistic/fitLogisticRegression.ts)
 * on every training row (no rows are held back: the penalty regularises, and
 * a converged fit has no epoch to choose); saved as logistic.json; `load`
 * reads that or a folder of the TensorFlow.js version (model.json +
 * weights.bin). Attributions are the linear terms weight · (x − reference).
 *
 * @example
 *   const fitted = await logisticImplementation.fit(data, { max_iter: 100, tol: 1e-6, l2: 1e-3 }, options);
 */
export const logisticImplementation: LearnerImplementation<LogisticSettings> = {
  files: [LOGISTIC_JSON],
  legacyFiles: [[TFJS_MODEL_JSON, TFJS_WEIGHTS_BIN]],
  async fit(data, settings, options): Promise<FittedModel> {
    const n = data.labels.length;
    let positives = 0;
    for (let i = 0; i < n; i++) if (data.labels[i] === 1) positives++;
    const classWeights = classWeightsFor(options.classWeight, n, positives);
    const solution = fitLogisticRegression(data.x, data.width, data.labels, { l2: settings.l2, classWeights, tol: settings.tol, maxIter: settings.max_iter });
    const model = new LogisticModel(solution.weights, solution.intercept, {
      iterations: solution.iterations,
      converged: solution.converged,
      gradient_norm: round(solution.gradientNorm),
    });
    const names = data.columns.map((c) => c.name);
    return {
      report: {
        kind: 'logistic',
        seed: options.seed,
        rows: n,
        positives,
        early_stopping_rows: 0,
        class_weights: { '0': round(classWeights[0]), '1': round(classWeights[1]) },
        epochs_run: solution.iterations,
        best_epoch: solution.iterations,
        best_validation_loss: null,
      },
      logits: (x, width) => model.logits(x, width),
      files: async () => ({ [LOGISTIC_JSON]: `${JSON.stringify(model.toJSON(names), null, 1)}\n` }),
      dispose: () => undefined,
    };
  },
  async load(dir): Promise<LoadedModel> {
    const model = LogisticModel.load(dir);
    return {
      logits: (x, width) => model.logits(x, width),
      attribute: (x, width, reference) => model.attribute(x, width, reference),
    };
  },
};

function round(v: number): number {
  return Number(v.toPrecision(10));
}
