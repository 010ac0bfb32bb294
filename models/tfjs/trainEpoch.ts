import * as tf from '@tensorflow/tfjs';

/**
 * One epoch over rows already in their shuffled order, batch by batch: the
 * same steps, in the same order, on the same values as `model.fit(xs, ys,
 * { epochs: 1, batchSize, shuffle: false })`, so the same weights; but each
 * batch goes to the backend as its own small tensor, where fit would gather
 * it out of the whole epoch's tensor (tf.gather on the wasm backend cost
 * about a fifth of an MLP fit's CPU time).
 *
 * @example
 *   await trainEpoch(model, xShuffled, yShuffled, width, params.train.mlp.batch_size);
 */
export async function trainEpoch(model: tf.LayersModel, x: Float32Array, y: Float32Array, width: number, batchSize: number): Promise<void> {
  const rows = y.length;
  for (let start = 0; start < rows; start += batchSize) {
    const end = Math.min(rows, start + batchSize);
    const xs = tf.tensor2d(x.subarray(start * width, end * width), [end - start, width]);
    const ys = tf.tensor2d(y.subarray(start, end), [end - start, 1]);
    try {
      await model.trainOnBatch(xs, ys);
    } finally {
      tf.dispose([xs, ys]);
    }
  }
}
