import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../models/tfjs/backend.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { runTrainTask } from '../../../pipeline/train/runTrainTask.js';
import { syntheticTrainingFrame } from '../../../scripts/bench/syntheticTrainingFeatures.js';

const train: Params['train'] = {
  ...DEFAULT_PARAMS.train,
  mlp: { ...DEFAULT_PARAMS.train.mlp, hidden_units: [8], epochs: 3, batch_size: 64 },
};

describe('runTrainTask', () => {
  beforeAll(async () => {
    await initBackend();
  });

  test('fits preprocessing on the training rows only: the held-out rows, however extreme, do not move it', async () => {
    const frame = syntheticTrainingFrame({ boroughs: 2, rowsPerBorough: 100, seed: 2 });
    const electors = frame.numeric.get('electors_current') as Float64Array;
    const trainRows = Array.from({ length: 100 }, (_, i) => i);
    const testRows = Array.from({ length: 100 }, (_, i) => 100 + i);
    const task = { id: 't', kind: 'logistic' as const, seed: 3, trainRows, testRows, keep: true };
    const before = await runTrainTask(frame, task, train);
    for (const row of testRows) electors[row] = 1e9;
    const after = await runTrainTask(frame, task, train);
    expect(after.model?.preprocessing).toEqual(before.model?.preprocessing);
    expect(after.model?.files['logistic.json']).toEqual(before.model?.files['logistic.json']);
    expect(after.testLogits).toHaveLength(100);
  });

  test('leaves no tensors behind, whether or not it keeps the model', async () => {
    const frame = syntheticTrainingFrame({ boroughs: 1, rowsPerBorough: 200, seed: 3 });
    const rows = Array.from({ length: 200 }, (_, i) => i);
    const run = (kind: 'logistic' | 'mlp', keep: boolean) => runTrainTask(frame, { id: kind, kind, seed: 1, trainRows: rows, testRows: rows, keep }, train);
    await run('mlp', true);
    const before = tf.memory().numTensors;
    await run('mlp', true);
    await run('logistic', false);
    await run('mlp', false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
