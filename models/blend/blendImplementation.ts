import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FittedModel, LearnerImplementation, LoadedModel } from '../Learner.js';
import { gbdtImplementation } from '../gbdt/gbdtImplementation.js';
import type { LogisticSettings } from '../logistic/logisticLearner.js';
import { networkImplementation } from '../tfjs/networkImplementation.js';
import type { BlendSettings } from './blendLearner.js';
import { LinearInput, type LinearInputJson } from './LinearInput.js';

/** The blend's own file: the weight and the linear part's input recoding (the trees and the network keep their own files). */
export const BLEND_JSON = 'blend.json';

interface BlendJson {
  format: 'hmo-blend/1';
  logistic_weight: number;
  linear_input: LinearInputJson;
}

const logisticImplementation = networkImplementation<LogisticSettings>('logistic');

/**
 * The learner implementation of the blend: fits the trees on the raw input
 * and a logistic regression on the same rows recoded (LinearInput), with the
 * same seed, class weights and early-stopping rule; saves trees.json,
 * model.json + weights.bin and blend.json side by side; scores
 * (1 − w) · trees + w · logistic and explains by the same weights.
 *
 * @example
 *   const fitted = await blendImplementation.fit(data, blendLearner.settings.defaults, { seed: 1, classWeight: 'balanced', earlyStopping: { validationFraction: 0.15, patience: 3 } });
 */
export const blendImplementation: LearnerImplementation<BlendSettings> = {
  files: [...gbdtImplementation.files, ...logisticImplementation.files, BLEND_JSON],
  async fit(data, settings, options): Promise<FittedModel> {
    const { logistic_weight: w, logistic_epochs, logistic_learning_rate, logistic_l2, logistic_batch_size, ...gbdtSettings } = settings;
    const trees = await gbdtImplementation.fit(data, gbdtSettings, options);
    const recode = LinearInput.fit(data.x, data.width, data.columns);
    let linear: FittedModel;
    try {
      linear = await logisticImplementation.fit(
        { x: recode.transform(data.x), width: recode.width, columns: [], labels: data.labels },
        { epochs: logistic_epochs, learning_rate: logistic_learning_rate, l2: logistic_l2, batch_size: logistic_batch_size },
        options,
      );
    } catch (error) {
      trees.dispose();
      throw error;
    }
    const json: BlendJson = { format: 'hmo-blend/1', logistic_weight: w, linear_input: recode.toJSON() };
    return {
      report: { ...trees.report, kind: 'blend' },
      logits: (x, width) => blendLogits(trees.logits(x, width), linear.logits(recode.transform(x), recode.width), w),
      files: async () => ({ ...(await trees.files()), ...(await linear.files()), [BLEND_JSON]: `${JSON.stringify(json)}\n` }),
      dispose: () => {
        trees.dispose();
        linear.dispose();
      },
    };
  },
  async load(dir): Promise<LoadedModel> {
    const json = JSON.parse(readFileSync(join(dir, BLEND_JSON), 'utf8')) as BlendJson;
    if (json.format !== 'hmo-blend/1') throw new Error(`${join(dir, BLEND_JSON)}: format ${String(json.format)} is not supported (expected hmo-blend/1)`);
    const w = json.logistic_weight;
    const recode = LinearInput.fromJSON(json.linear_input);
    const trees = await gbdtImplementation.load(dir);
    const linear = await logisticImplementation.load(dir);
    return {
      logits: (x, width) => blendLogits(trees.logits(x, width), linearLogits(linear, recode, x, width), w),
      attribute: (x, width, reference) => {
        const fromTrees = trees.attribute(x, width, reference);
        const fromLinear = recode.toRaw(linear.attribute(recode.transform(x), recode.width, recode.toJSON().reference));
        const out = new Float64Array(fromTrees.length);
        for (let i = 0; i < out.length; i++) out[i] = (1 - w) * (fromTrees[i] as number) + w * (fromLinear[i] as number);
        return out;
      },
    };
  },
};

/**
 * Rows recoded for the linear part at a time: its recoded matrix is about 1.7 times as wide as the raw one (one-hot
 * levels, missing indicators), about 90 MB for a 100,000-row borough at once. A multiple of `predictLogits`' chunk
 * (16,384 rows), so the network sees the very chunks it saw when the whole matrix was recoded at once: the same logits.
 */
const LINEAR_CHUNK_ROWS = 16384;

/** The linear part's logits of raw rows `x`, recoded a chunk of rows at a time. */
function linearLogits(linear: LoadedModel, recode: LinearInput, x: Float32Array, width: number): Float64Array {
  const rows = width === 0 ? 0 : x.length / width;
  if (rows <= LINEAR_CHUNK_ROWS) return linear.logits(recode.transform(x), recode.width);
  const out = new Float64Array(rows);
  for (let start = 0; start < rows; start += LINEAR_CHUNK_ROWS) {
    const end = Math.min(rows, start + LINEAR_CHUNK_ROWS);
    out.set(linear.logits(recode.transform(x.subarray(start * width, end * width)), recode.width), start);
  }
  return out;
}

function blendLogits(trees: Float64Array, linear: Float64Array, w: number): Float64Array {
  const out = new Float64Array(trees.length);
  for (let i = 0; i < out.length; i++) out[i] = (1 - w) * (trees[i] as number) + w * (linear[i] as number);
  return out;
}
