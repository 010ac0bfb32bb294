import * as tf from '@tensorflow/tfjs';

/** Architecture settings of one network (from its learner's settings): no hidden layers is a logistic regression. */
export interface NetworkSettings {
  l2: number;
  hidden_units?: number[];
  dropout?: number;
}

/**
 * Dropout whose mask differs on every training step yet is reproducible: the
 * mask of step k is drawn from the seed "<seed>/<k>". (tfjs's own Dropout with
 * a fixed seed draws the same mask on every step; without a seed it uses
 * Math.random.) Inactive outside training, as usual.
 */
export class SeededDropout extends tf.layers.Layer {
  static className = 'SeededDropout';
  readonly rate: number;
  readonly seed: number;
  private steps = 0;

  constructor(config: { rate: number; seed: number; name?: string }) {
    super(config.name === undefined ? {} : { name: config.name });
    this.rate = config.rate;
    this.seed = config.seed;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (kwargs.training !== true || this.rate === 0) return x;
    this.steps += 1;
    return tf.dropout(x, this.rate, undefined, `${this.seed}/${this.steps}`);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}
tf.serialization.registerClass(SeededDropout);

/**
 * Builds an untrained network named `hmo_<name>` whose output is the logit of
 * P(HMO): without hidden units a logistic regression (one dense layer,
 * starting at zero), else a multilayer perceptron. Every initialiser and
 * dropout mask is drawn from `seed`, and layer names are fixed, so the same
 * seed gives the same weights and the same saved files.
 *
 * @example
 *   const model = buildNetwork('mlp', 58, { l2: 5e-4, hidden_units: [64, 32], dropout: 0.2 }, 42);
 *   const linear = buildNetwork('logistic', 58, { l2: 1e-3 }, 42);
 */
export function buildNetwork(name: string, inputWidth: number, settings: NetworkSettings, seed: number): tf.Sequential {
  const regulariser = () => (settings.l2 > 0 ? tf.regularizers.l2({ l2: settings.l2 }) : undefined);
  const model = tf.sequential({ name: `hmo_${name}` });
  if ((settings.hidden_units ?? []).length === 0) {
    // Zeros are a fine start for a convex problem and need no seed.
    model.add(tf.layers.dense({ name: 'logit', units: 1, inputShape: [inputWidth], kernelInitializer: 'zeros', kernelRegularizer: regulariser() }));
    return model;
  }
  const hidden = settings.hidden_units ?? [];
  hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        name: `hidden_${i + 1}`,
        units,
        activation: 'relu',
        ...(i === 0 ? { inputShape: [inputWidth] } : {}),
        kernelInitializer: tf.initializers.heNormal({ seed: (seed + 7919 * (i + 1)) >>> 0 }),
        kernelRegularizer: regulariser(),
      }),
    );
    if ((settings.dropout ?? 0) > 0) {
      model.add(new SeededDropout({ name: `dropout_${i + 1}`, rate: settings.dropout ?? 0, seed: (seed + 104729 * (i + 1)) >>> 0 }));
    }
  });
  model.add(
    tf.layers.dense({
      name: 'logit',
      units: 1,
      ...(hidden.length === 0 ? { inputShape: [inputWidth] } : {}),
      kernelInitializer: tf.initializers.glorotUniform({ seed: (seed + 15485863) >>> 0 }),
      kernelRegularizer: regulariser(),
    }),
  );
  return model;
}

/**
 * Per-row binary cross-entropy on logits (shape [batch]), each row weighted
 * by its class's weight. Weighting inside the loss is much cheaper than
 * tfjs's `classWeight`, which rebuilds a weight per row in JavaScript on
 * every `fit` call; the result is the same (Keras semantics: mean of w·loss).
 *
 * @example
 *   model.compile({ optimizer, loss: weightedLogitCrossEntropy({ 0: 0.6, 1: 2.9 }) });
 */
export function weightedLogitCrossEntropy(weights: { 0: number; 1: number }): (yTrue: tf.Tensor, logits: tf.Tensor) => tf.Tensor {
  return (yTrue, logits) =>
    tf.tidy(() => {
      const loss = tf.mean(tf.losses.sigmoidCrossEntropy(yTrue, logits, undefined, 0, tf.Reduction.NONE), -1);
      if (weights[0] === 1 && weights[1] === 1) return loss;
      // w = w0 + (w1 − w0)·y, per row.
      const rowWeights = tf.add(tf.scalar(weights[0]), tf.mul(tf.scalar(weights[1] - weights[0]), tf.reshape(yTrue, [-1])));
      return tf.mul(loss, rowWeights);
    });
}

/** Logits of a row-major input matrix, predicted in chunks to bound memory. */
export function predictLogits(model: tf.LayersModel, x: Float32Array, width: number, chunkRows = 16384): Float64Array {
  const rows = width === 0 ? 0 : x.length / width;
  const out = new Float64Array(rows);
  for (let start = 0; start < rows; start += chunkRows) {
    const count = Math.min(chunkRows, rows - start);
    const values = tf.tidy(() => {
      const input = tf.tensor2d(x.subarray(start * width, (start + count) * width), [count, width]);
      // predict's own default batch is 32 rows: far too small for a few-layer network.
      return (model.predict(input, { batchSize: count }) as tf.Tensor).dataSync();
    });
    out.set(values, start);
  }
  return out;
}
