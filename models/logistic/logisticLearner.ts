import type { Learner } from '../Learner.js';

/** `train.logistic` of the params. */
export interface LogisticSettings {
  epochs: number;
  learning_rate: number;
  l2: number;
  batch_size: number;
}

/**
 * Logistic regression (a one-layer TensorFlow.js network, L2-penalised): the
 * transparent model, and the one chosen when the validation scores tie.
 *
 * @example
 *   const implementation = await logisticLearner.implementation();
 */
export const logisticLearner: Learner<LogisticSettings> = {
  kind: 'logistic',
  names: { list: 'logistic regression', card: 'logistic regression in TensorFlow.js' },
  settings: {
    defaults: { epochs: 60, learning_rate: 0.05, l2: 0.001, batch_size: 2048 },
    rules: {
      epochs: { kind: 'number', integer: true, min: 1, max: 10000 },
      learning_rate: { kind: 'number', min: 1e-6, max: 10 },
      l2: { kind: 'number', min: 0, max: 10 },
      batch_size: { kind: 'number', integer: true, min: 1 },
    },
    docs: 'Logistic regression: training epochs (at most), learning rate, L2 penalty, batch size.',
  },
  input: { numeric: 'standardised', categorical: 'one-hot' },
  relativeCost: 1,
  implementation: async () => (await import('../tfjs/networkImplementation.js')).networkImplementation<LogisticSettings>('logistic'),
};
