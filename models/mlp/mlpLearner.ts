import type { Learner } from '../Learner.js';

/** `train.mlp` of the params. */
export interface MlpSettings {
  hidden_units: number[];
  dropout: number;
  epochs: number;
  learning_rate: number;
  l2: number;
  batch_size: number;
}

/**
 * A small multilayer perceptron (TensorFlow.js: ReLU hidden layers, seeded
 * dropout, L2 penalty).
 *
 * @example
 *   const implementation = await mlpLearner.implementation();
 */
export const mlpLearner: Learner<MlpSettings> = {
  kind: 'mlp',
  names: { list: 'neural network: a multi-layer perceptron', card: 'a small neural network (multi-layer perceptron) in TensorFlow.js' },
  settings: {
    defaults: { hidden_units: [32, 16], dropout: 0.2, epochs: 60, learning_rate: 0.003, l2: 0.0005, batch_size: 2048 },
    rules: {
      hidden_units: { kind: 'numberList', integer: true, min: 1 },
      dropout: { kind: 'number', min: 0, max: 0.9 },
      epochs: { kind: 'number', integer: true, min: 1, max: 10000 },
      learning_rate: { kind: 'number', min: 1e-6, max: 10 },
      l2: { kind: 'number', min: 0, max: 10 },
      batch_size: { kind: 'number', integer: true, min: 1 },
    },
    docs: 'MLP: hidden layer sizes, dropout, training epochs (at most), learning rate, L2 penalty, batch size.',
  },
  input: { numeric: 'standardised', categorical: 'one-hot' },
  // An option and a baseline (train.models), not trained by default: the trees beat it on every world measured
  // and London training stays near its time budget with logistic regression + trees only (docs/training.md).
  trainByDefault: false,
  relativeCost: 4,
  implementation: async () => (await import('../tfjs/networkImplementation.js')).networkImplementation<MlpSettings>('mlp'),
  runtime: async () => (await import('../tfjs/backend.js')).tfjsRuntime(),
};
