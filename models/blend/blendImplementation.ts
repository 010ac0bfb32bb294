import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LearnerImplementation, LoadedModel } from '../Learner.js';
import { gbdtImplementation } from '../gbdt/gbdtImplementation.js';
import type { LogisticSettings } from '../logistic/logisticLearner.js';
import { networkImplementation } from '../tfjs/networkImplementation.js';
import { BLEND_JSON, blendLogits, type BlendJson } from './blendComposition.js';
import type { BlendSettings } from './blendLearner.js';
import { LinearInput } from './LinearInput.js';

export { BLEND_JSON } from './blendComposition.js';

const logisticImplementation = networkImplementation<LogisticSettings>('logistic');

/**
 * The learner implementation of the blend: loads trees.json, the logistic
 * regression's model.json + weights.bin and blend.json side by side; scores
 * (1 − w) · trees + w · logistic (the logistic regression reading the raw
 * input recoded by blend.json's LinearInput) and explains by the same
 * weights. It has no `fit`: the pipeline fits the blend from its parts
 * (models/blend/blendComposition.ts).
 *
 * @example
 *   const model = await blendImplementation.load('out/sample/model/blend');
 */
export const blendImplementation: LearnerImplementation<BlendSettings> = {
  files: [...gbdtImplementation.files, ...logisticImplementation.files, BLEND_JSON],
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
