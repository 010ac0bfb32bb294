import type { Learner } from '../Learner.js';

/** `train.logistic` of the params. */
export interface LogisticSettings {
  /** (Quasi-)Newton steps at most. */
  max_iter: number;
  /** Converged when the largest absolute component of the objective's gradient is at most this. */
  tol: number;
  /** L2 penalty on the weights (not the intercept): the objective is the mean class-weighted cross-entropy + l2 · Σ weight². */
  l2: number;
}

/**
 * Logistic regression (L2-penalised, class-weighted, solved to convergence by
 * Newton's method in TypeScript: models/logistic/fitLogisticRegression.ts):
 * the transparent model, and the one chosen when the validation scores tie.
 *
 * @example
 *   const implementation = await logisticLearner.implementation();
 */
export const logisticLearner: Learner<LogisticSettings> = {
  kind: 'logistic',
  names: { list: 'logistic regression', card: 'logistic regression (L2-penalised, Newton solver)' },
  settings: {
    defaults: { max_iter: 100, tol: 1e-6, l2: 0.001 },
    rules: {
      max_iter: { kind: 'number', integer: true, min: 1, max: 10000 },
      tol: { kind: 'number', min: 1e-12, max: 1 },
      l2: { kind: 'number', min: 0, max: 10 },
    },
    docs: 'Logistic regression: (quasi-)Newton steps at most, tolerance on the largest gradient component, L2 penalty on the weights (objective: mean class-weighted cross-entropy + l2 · Σ weight²).',
  },
  input: { numeric: 'standardised', categorical: 'one-hot' },
  relativeCost: 1,
  implementation: async () => (await import('./logisticImplementation.js')).logisticImplementation,
};
