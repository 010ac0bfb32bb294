import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../models/tfjs/backend.js';
import { exactReluPath, integratedGradients, reluNetwork, sampledPath } from '../../../models/tfjs/integratedGradients.js';
import { buildNetwork, predictLogits } from '../../../models/tfjs/network.js';
import { Random } from '../../../pipeline/util/Random.js';

const WIDTH = 7;

/** Rows of inputs spread on both sides of the reference, so that hidden units switch along the paths. */
function inputs(rows: number, seed: number): Float32Array {
  const random = new Random(seed);
  return Float32Array.from({ length: rows * WIDTH }, () => (random.uniform() - 0.5) * 6);
}

beforeAll(async () => {
  await initBackend({ forceWasm: true });
});

describe('integratedGradients', () => {
  test('a ReLU network is attributed exactly: rows add up to logit(x) − logit(ref) and match a fine sampled path', () => {
    const model = buildNetwork('mlp', WIDTH, { l2: 0, hidden_units: [12, 6], dropout: 0.2 }, 11);
    const x = inputs(40, 3);
    const reference = [0.3, -0.2, 0.1, 0, 0.5, -0.4, 0.2];
    const exact = integratedGradients(model, x, WIDTH, reference);
    const fine = sampledPath(model, x, WIDTH, reference, 2048);
    const logits = predictLogits(model, x, WIDTH);
    const atReference = predictLogits(model, Float32Array.from(reference), WIDTH)[0] as number;
    for (let r = 0; r < 40; r++) {
      let sum = 0;
      for (let j = 0; j < WIDTH; j++) {
        sum += exact[r * WIDTH + j] as number;
        expect(Math.abs((exact[r * WIDTH + j] as number) - (fine[r * WIDTH + j] as number))).toBeLessThan(2e-3);
      }
      expect(Math.abs(sum - ((logits[r] as number) - atReference))).toBeLessThan(1e-4);
    }
  });

  test('the logistic regression is attributed in closed form: kernel × (x − ref)', () => {
    const model = buildNetwork('logistic', WIDTH, { l2: 0 }, 1);
    const kernel = Float32Array.from({ length: WIDTH }, (_, j) => j - 3);
    (model.layers[0] as tf.layers.Layer).setWeights([tf.tensor2d(kernel, [WIDTH, 1]), tf.tensor1d([0.5])]);
    const x = inputs(3, 5);
    const reference = Array.from({ length: WIDTH }, (_, j) => j / 10);
    const c = integratedGradients(model, x, WIDTH, reference);
    for (let r = 0; r < 3; r++) {
      for (let j = 0; j < WIDTH; j++) expect(c[r * WIDTH + j]).toBeCloseTo(((x[r * WIDTH + j] as number) - (reference[j] as number)) * (kernel[j] as number), 5);
    }
  });

  test('a network that is not piecewise linear is not walked: it falls back to the sampled path', () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 4, activation: 'tanh', inputShape: [WIDTH] }));
    model.add(tf.layers.dense({ units: 1 }));
    expect(reluNetwork(model, WIDTH)).toBeNull();
    const x = inputs(2, 9);
    const reference = new Array<number>(WIDTH).fill(0);
    expect(Array.from(integratedGradients(model, x, WIDTH, reference, 16))).toEqual(Array.from(sampledPath(model, x, WIDTH, reference, 16)));
  });

  test('the same inputs give the same numbers (no state carried between rows or calls)', () => {
    const model = buildNetwork('mlp', WIDTH, { l2: 0, hidden_units: [8, 4, 3] }, 2);
    const network = reluNetwork(model, WIDTH);
    expect(network?.hidden.map((l) => l.units)).toEqual([8, 4, 3]);
    const x = inputs(10, 4);
    const reference = new Array<number>(WIDTH).fill(0.1);
    const all = exactReluPath(network as NonNullable<typeof network>, x, WIDTH, reference);
    const last = exactReluPath(network as NonNullable<typeof network>, x.subarray(9 * WIDTH), WIDTH, reference);
    expect(Array.from(all.subarray(9 * WIDTH))).toEqual(Array.from(last));
    // Three hidden layers: still exact.
    const logits = predictLogits(model, x, WIDTH);
    const atReference = predictLogits(model, Float32Array.from(reference), WIDTH)[0] as number;
    for (let r = 0; r < 10; r++) {
      const sum = Array.from(all.subarray(r * WIDTH, (r + 1) * WIDTH)).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - ((logits[r] as number) - atReference))).toBeLessThan(1e-4);
    }
  });
});
