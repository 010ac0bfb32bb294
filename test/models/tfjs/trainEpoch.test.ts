import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../models/tfjs/backend.js';
import { buildNetwork, weightedLogitCrossEntropy } from '../../../models/tfjs/network.js';
import { trainEpoch } from '../../../models/tfjs/trainEpoch.js';
import { Random } from '../../../pipeline/util/Random.js';

const WIDTH = 5;
const ROWS = 600; // 9 batches of 64 and a last one of 24

function data() {
  const rng = new Random(3);
  const x = Float32Array.from({ length: ROWS * WIDTH }, () => rng.normal());
  const y = Float32Array.from({ length: ROWS }, (_, i) => ((x[i * WIDTH] as number) > 0.3 ? 1 : 0));
  return { x, y };
}

function network(): tf.Sequential {
  const model = buildNetwork('mlp', WIDTH, { l2: 1e-3, hidden_units: [8, 4], dropout: 0.2 }, 17);
  model.compile({ optimizer: tf.train.adam(0.01), loss: weightedLogitCrossEntropy({ 0: 0.7, 1: 1.8 }) });
  return model;
}

function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

describe('trainEpoch', () => {
  beforeAll(async () => {
    await initBackend();
  });

  test('gives exactly the weights of model.fit without shuffling (two epochs, a partial last batch, seeded dropout)', async () => {
    const { x, y } = data();
    const viaFit = network();
    const viaEpochs = network();
    const xs = tf.tensor2d(x, [ROWS, WIDTH]);
    const ys = tf.tensor2d(y, [ROWS, 1]);
    for (let epoch = 0; epoch < 2; epoch++) {
      await viaFit.fit(xs, ys, { epochs: 1, batchSize: 64, shuffle: false, verbose: 0 });
      await trainEpoch(viaEpochs, x, y, WIDTH, 64);
    }
    const expected = weightsOf(viaFit);
    expect(weightsOf(viaEpochs)).toEqual(expected);
    // The steps did move the weights (the comparison is not between two untrained networks).
    expect(expected).not.toEqual(weightsOf(network()));
    tf.dispose([xs, ys]);
  });

  test('a different batch size gives different weights (the batches are really the steps)', async () => {
    const { x, y } = data();
    const a = network();
    const b = network();
    await trainEpoch(a, x, y, WIDTH, 64);
    await trainEpoch(b, x, y, WIDTH, 100);
    expect(weightsOf(b)).not.toEqual(weightsOf(a));
  });
});
