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
      logits: (x, width) => blendLogits(trees.logits(x, width), linear.logits(recode.transform(x), recode.width), w),
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
