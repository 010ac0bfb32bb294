import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../models/tfjs/backend.js';
import { earlyStoppingSplit, fitNetwork as fitWithOptions, type NetworkFitSettings } from '../../../models/tfjs/fitNetwork.js';
import { fitOptions } from '../../../pipeline/train/runTrainTask.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { Random } from '../../../pipeline/util/Random.js';

function data(n: number, width: number, seed: number) {
  const rng = new Random(seed);
  const x = new Float32Array(n * width);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    let z = -1;
    for (let j = 0; j < width; j++) {
      const v = rng.normal();
      x[i * width + j] = v;
      z += j === 0 ? 2 * v : j === 1 ? -v : 0;
    }
    y[i] = rng.uniform() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x, y };
}

/** The networks' settings: the MLP's from the params; 'logistic' is the network without hidden layers (the learner itself is no network any more: models/logistic). */
type Settings = Omit<Params['train'], 'logistic'> & { logistic: NetworkFitSettings };

/** fitNetwork with a network's settings and options taken from the train params. */
const fitNetwork = (kind: 'logistic' | 'mlp', x: Float32Array, y: ArrayLike<number>, width: number, train: Settings, seed: number) =>
  fitWithOptions(kind, x, y, width, train[kind], fitOptions({ ...train, logistic: DEFAULT_PARAMS.train.logistic }, seed));

const train: Settings = {
  ...DEFAULT_PARAMS.train,
  logistic: { l2: 0.001, learning_rate: 0.05, epochs: 12, batch_size: 64 },
  mlp: { ...DEFAULT_PARAMS.train.mlp, hidden_units: [8, 4], epochs: 8, batch_size: 64 },
};

async function weights(kind: 'logistic' | 'mlp', seed: number) {
  const { x, y } = data(600, 5, 7);
  const { model, report } = await fitNetwork(kind, x, y, 5, train, seed);
  const values = model.getWeights().map((w) => Array.from(w.dataSync()));
  model.dispose();
  model.optimizer.dispose();
  return { values, report };
}

describe('fitNetwork', () => {
  beforeAll(async () => {
    await initBackend();
  });

  test('the same data and seed give the same weights (MLP with dropout); another seed gives others', async () => {
    const a = await weights('mlp', 11);
    const b = await weights('mlp', 11);
    const c = await weights('mlp', 12);
    expect(b.values).toEqual(a.values);
    expect(b.report).toEqual(a.report);
    expect(c.values).not.toEqual(a.values);
  });

  test('the logistic regression learns the direction of the signal and keeps its best epoch', async () => {
    const { values, report } = await weights('logistic', 1);
    const kernel = values[0] as number[];
    expect(kernel[0]).toBeGreaterThan(0.5);
    expect(kernel[1]).toBeLessThan(-0.2);
    expect(report.best_epoch).toBeGreaterThan(0);
    expect(report.best_epoch).toBeLessThanOrEqual(report.epochs_run);
    expect(report.early_stopping_rows).toBe(90);
  });

  test('early stopping stops within patience of the best epoch', async () => {
    const { x, y } = data(400, 3, 9);
    const patient: Settings = { ...train, patience: 2, logistic: { ...train.logistic, epochs: 500, learning_rate: 0.5 } };
    const { model, report } = await fitNetwork('logistic', x, y, 3, patient, 1);
    model.dispose();
    model.optimizer.dispose();
    expect(report.epochs_run).toBeLessThan(500);
    expect(report.epochs_run - report.best_epoch).toBe(2);
  });

  test('balanced class weights are inverse to class frequency', async () => {
    const { x } = data(200, 2, 3);
    const y = Int8Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const { model, report } = await fitNetwork('logistic', x, y, 2, { ...train, logistic: { ...train.logistic, epochs: 1 } }, 1);
    model.dispose();
    model.optimizer.dispose();
    expect(report.class_weights['1'] / report.class_weights['0']).toBeCloseTo(9, 5);
  });

  test('leaks no tensors across fits', async () => {
    await weights('mlp', 3);
    const before = tf.memory().numTensors;
    await weights('mlp', 4);
    await weights('logistic', 4);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('the early-stopping split is stratified and seeded', () => {
    const labels = Int8Array.from({ length: 100 }, (_, i) => (i < 20 ? 1 : 0));
    const a = earlyStoppingSplit(labels, 0.25, new Random(1));
    const b = earlyStoppingSplit(labels, 0.25, new Random(1));
    expect(a).toEqual(b);
    expect(a.validation.filter((i) => labels[i] === 1)).toHaveLength(5);
    expect(a.validation).toHaveLength(25);
    expect(a.fit).toHaveLength(75);
  });

  test('grouped early-stopping split: a group (a property inspected several times) is never on both sides', () => {
    // 60 properties, each inspected 1 to 3 times; a property with any hmo outcome counts as positive.
    const groups: number[] = [];
    const labels: number[] = [];
    for (let g = 0; g < 60; g++) for (let k = 0; k <= g % 3; k++) (groups.push(g), labels.push(g % 5 === 0 && k === 0 ? 1 : 0));
    const split = earlyStoppingSplit(labels, 0.25, new Random(3), groups);
    const held = new Set(split.validation.map((i) => groups[i]));
    const fitted = new Set(split.fit.map((i) => groups[i]));
    expect([...held].filter((g) => fitted.has(g))).toEqual([]);
    expect(held.size).toBe(15); // 3 of the 12 positive properties + 12 of the 48 others
    expect([...held].filter((g) => (g as number) % 5 === 0)).toHaveLength(3);
    expect(split.fit.length + split.validation.length).toBe(labels.length);
    expect(earlyStoppingSplit(labels, 0.25, new Random(3), groups)).toEqual(split);
    // Rows that are each their own group: the ungrouped split, unchanged.
    const ungrouped = Int8Array.from({ length: 100 }, (_, i) => (i < 20 ? 1 : 0));
    expect(earlyStoppingSplit(ungrouped, 0.25, new Random(1), Array.from({ length: 100 }, (_, i) => i))).toEqual(earlyStoppingSplit(ungrouped, 0.25, new Random(1)));
  });
});
