import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ARTIFACT_FILES } from '../../../models/artifact.js';
import { LinearInput } from '../../../models/blend/LinearInput.js';
import { loadScorer } from '../../../models/loadScorer.js';
import { LOGISTIC_JSON, LogisticModel } from '../../../models/logistic/LogisticModel.js';
import { Preprocessor } from '../../../models/Preprocessor.js';
import { initBackend } from '../../../models/tfjs/backend.js';
import { networkFiles, writeNetworkFiles } from '../../../models/tfjs/modelFiles.js';
import { buildNetwork, predictLogits } from '../../../models/tfjs/network.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { Random } from '../../../pipeline/util/Random.js';
import { syntheticTrainingFrame } from '../../../scripts/bench/syntheticTrainingFeatures.js';
import { writeTrainedModel } from '../writeTrainedModel.js';

const train: Params['train'] = { ...DEFAULT_PARAMS.train, blend: { ...DEFAULT_PARAMS.train.blend, max_iter: 20 } };

/** A TensorFlow.js logistic regression (the format written before December 2026) with seeded weights. */
async function tfjsLogistic(width: number, seed: number): Promise<tf.Sequential> {
  const network = buildNetwork('logistic', width, { l2: 1e-3 }, seed);
  const rng = new Random(seed);
  network.setWeights([tf.tensor2d(Float32Array.from({ length: width }, () => rng.normal() * 0.3), [width, 1]), tf.tensor1d([rng.normal()])]);
  return network;
}

/** Replaces a folder's logistic.json by the files of the TensorFlow.js version. */
async function makeLegacy(folder: string, network: tf.Sequential): Promise<void> {
  rmSync(join(folder, LOGISTIC_JSON));
  writeNetworkFiles(folder, await networkFiles(network));
}

describe('model folders of the TensorFlow.js logistic regression (format 1) still load and score', () => {
  const frame = syntheticTrainingFrame({ boroughs: 2, rowsPerBorough: 200, seed: 8 });
  const all = Array.from({ length: frame.length }, (_, i) => i);
  let dir: string;
  beforeAll(async () => {
    await initBackend();
    dir = mkdtempSync(join(tmpdir(), 'hmo-legacy-logistic-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a logistic folder: the same logits as TensorFlow.js, attributions weight × (x − reference)', async () => {
    const folder = join(dir, 'logistic');
    await writeTrainedModel(folder, frame, 'logistic', all, all, train);
    const pre = Preprocessor.fromJSON(JSON.parse(readFileSync(join(folder, ARTIFACT_FILES.preprocessing), 'utf8')));
    const network = await tfjsLogistic(pre.width, 5);
    await makeLegacy(folder, network);
    const scorer = await loadScorer(folder);
    const x = pre.transform(frame);
    const expected = predictLogits(network, x, pre.width);
    const got = scorer.rawScore(frame);
    for (let i = 0; i < frame.length; i++) expect(got[i]).toBeCloseTo(expected[i] as number, 4);
    const kernel = Array.from((network.getWeights()[0] as tf.Tensor).dataSync());
    const reference = pre.toJSON().reference;
    const [reasons] = scorer.attribute(frame, [3]);
    const x3 = pre.transform(frame, [3]);
    const byFeature = new Map<string, number>();
    pre.columns.forEach((c, j) => byFeature.set(c.feature, (byFeature.get(c.feature) ?? 0) + (kernel[j] as number) * ((x3[j] as number) - (reference[j] as number))));
    for (const a of reasons ?? []) expect(a.contribution).toBeCloseTo(byFeature.get(a.feature) as number, 5);
    network.dispose();
  });

  test('a blend folder: its linear part read from model.json + weights.bin, folded onto the raw input', async () => {
    const folder = join(dir, 'blend');
    await writeTrainedModel(folder, frame, 'blend', all, all, train);
    const before = (await loadScorer(folder)).rawScore(frame);
    const modern = LogisticModel.load(folder);
    // The same weights, as the TensorFlow.js version would have saved them (float32).
    const network = buildNetwork('logistic', modern.width, { l2: 1e-3 }, 1);
    network.setWeights([tf.tensor2d(Float32Array.from(modern.weights), [modern.width, 1]), tf.tensor1d([modern.intercept])]);
    await makeLegacy(folder, network);
    const after = (await loadScorer(folder)).rawScore(frame);
    for (let i = 0; i < frame.length; i++) expect(after[i]).toBeCloseTo(before[i] as number, 4);
    // And the linear part equals TensorFlow.js on the recoded matrix.
    const blendJson = JSON.parse(readFileSync(join(folder, 'blend.json'), 'utf8'));
    const recode = LinearInput.fromJSON(blendJson.linear_input);
    const raw = Preprocessor.fromJSON(JSON.parse(readFileSync(join(folder, ARTIFACT_FILES.preprocessing), 'utf8')));
    const xRaw = raw.transform(frame);
    const viaTfjs = predictLogits(network, recode.transform(xRaw), recode.width);
    const folded = recode.fold(LogisticModel.load(folder).weights, LogisticModel.load(folder).intercept).logits(xRaw, raw.width);
    for (let i = 0; i < frame.length; i++) expect(folded[i]).toBeCloseTo(viaTfjs[i] as number, 4);
    network.dispose();
  });

  test('a folder with neither logistic.json nor model.json + weights.bin is refused, naming logistic.json', async () => {
    const folder = join(dir, 'empty-logistic');
    mkdirSync(folder);
    for (const file of [ARTIFACT_FILES.metadata, ARTIFACT_FILES.preprocessing, ARTIFACT_FILES.calibration]) copyFileSync(join(dir, 'logistic', file), join(folder, file));
    await expect(loadScorer(folder)).rejects.toThrow(LOGISTIC_JSON);
    writeFileSync(join(folder, 'model.json'), '{}');
    await expect(loadScorer(folder)).rejects.toThrow(LOGISTIC_JSON);
  });
});
