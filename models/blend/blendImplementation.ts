import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LearnerImplementation, LoadedModel } from '../Learner.js';
import { gbdtImplementation } from '../gbdt/gbdtImplementation.js';
import { LOGISTIC_JSON, LogisticModel, TFJS_MODEL_JSON, TFJS_WEIGHTS_BIN } from '../logistic/LogisticModel.js';
import { BLEND_JSON, blendLogits, type BlendJson } from './blendComposition.js';
import type { BlendSettings } from './blendLearner.js';
import { LinearInput } from './LinearInput.js';

export { BLEND_JSON } from './blendComposition.js';

/**
 * The learner implementation of the blend: loads trees.json, the logistic
 * regression's logistic.json (or, from a folder written before December
 * 2026, its TensorFlow.js model.json + weights.bin) and blend.json side by
 * side; scores (1 − w) · trees + w · logistic, the logistic regression
 * folded onto the raw input (blend.json's LinearInput: `LinearInput.fold`,
 * no recoded matrix), and explains by the same weights. It has no `fit`: the
 * pipeline fits the blend from its parts (models/blend/blendComposition.ts).
 *
 * @example
 *   const model = await blendImplementation.load('out/sample/model/blend');
 */
export const blendImplementation: LearnerImplementation<BlendSettings> = {
  files: [...gbdtImplementation.files, LOGISTIC_JSON, BLEND_JSON],
  legacyFiles: [[...gbdtImplementation.files, TFJS_MODEL_JSON, TFJS_WEIGHTS_BIN, BLEND_JSON]],
  async load(dir): Promise<LoadedModel> {
    const json = JSON.parse(readFileSync(join(dir, BLEND_JSON), 'utf8')) as BlendJson;
    if (json.format !== 'hmo-blend/1') throw new Error(`${join(dir, BLEND_JSON)}: format ${String(json.format)} is not supported (expected hmo-blend/1)`);
    const w = json.logistic_weight;
    const trees = await gbdtImplementation.load(dir);
    const logistic = LogisticModel.load(dir);
    const linear = LinearInput.fromJSON(json.linear_input).fold(logistic.weights, logistic.intercept);
    return {
      logits: (x, width) => blendLogits(trees.logits(x, width), linear.logits(x, width), w),
      attribute: (x, width, reference) => {
        const fromTrees = trees.attribute(x, width, reference);
        const fromLinear = linear.attribute(x, width);
        const out = new Float64Array(fromTrees.length);
        for (let i = 0; i < out.length; i++) out[i] = (1 - w) * (fromTrees[i] as number) + w * (fromLinear[i] as number);
        return out;
      },
    };
  },
};
