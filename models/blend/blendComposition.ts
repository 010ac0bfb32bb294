import type { FitOutcome, LearnerComposition } from '../Learner.js';
import type { GbdtLearnerSettings } from '../gbdt/gbdtLearner.js';
import type { LogisticSettings } from '../logistic/logisticLearner.js';
import type { BlendSettings } from './blendLearner.js';
import { LinearInput } from './LinearInput.js';

/** The blend's own file: the weight and the linear part's input recoding (the trees and the logistic regression keep their own files). */
export const BLEND_JSON = 'blend.json';

/** blend.json. */
export interface BlendJson {
  format: 'hmo-blend/1';
  logistic_weight: number;
  linear_input: ReturnType<LinearInput['toJSON']>;
}

/** The trees' settings of the blend (`train.blend` without the weight and the logistic_* keys). */
export function blendTreeSettings(settings: BlendSettings): GbdtLearnerSettings {
  const { logistic_weight: _w, logistic_max_iter: _i, logistic_tol: _t, logistic_l2: _l, ...trees } = settings;
  return trees;
}

/** The logistic regression's settings of the blend (`train.blend.logistic_*`, named as `train.logistic`). */
export function blendLogisticSettings(settings: BlendSettings): LogisticSettings {
  return { max_iter: settings.logistic_max_iter, tol: settings.logistic_tol, l2: settings.logistic_l2 };
}

/** (1 − w) · trees + w · linear, element by element. */
export function blendLogits(trees: Float64Array, linear: Float64Array, w: number): Float64Array {
  if (trees.length !== linear.length) throw new Error(`the blend's parts scored ${trees.length} and ${linear.length} rows`);
  const out = new Float64Array(trees.length);
  for (let i = 0; i < out.length; i++) out[i] = (1 - w) * (trees[i] as number) + w * (linear[i] as number);
  return out;
}

/**
 * The blend as a composition: gradient-boosted trees (`gbdt`, on raw values
 * and codes) and a logistic regression (`logistic`, on the standard input),
 * each fitted as a learner of its own on the same rows; so the default
 * `train.models: [logistic, blend]` fits the logistic regression once per
 * fold and both models use it. The blended logit is (1 − w) · trees + w ·
 * logistic; the model folder holds trees.json, the logistic regression's
 * logistic.json, the trees' (raw) preprocessing, and blend.json
 * with the weight and the recoding of the raw input into the logistic
 * regression's (LinearInput.fromPreprocessors).
 *
 * @example
 *   const blend = blendComposition.combine([treesFit, logisticFit], settings);
 */
export const blendComposition: LearnerComposition<BlendSettings> = {
  parts: (settings) => [
    { kind: 'gbdt', settings: blendTreeSettings(settings) },
    { kind: 'logistic', settings: blendLogisticSettings(settings) },
  ],
  combine([trees, linear], settings): FitOutcome {
    if (trees === undefined || linear === undefined) throw new Error('the blend needs two fits: the trees and the logistic regression');
    const w = settings.logistic_weight;
    const outcome: FitOutcome = { testLogits: blendLogits(trees.testLogits, linear.testLogits, w), report: { ...trees.report, kind: 'blend' } };
    if (trees.model !== undefined && linear.model !== undefined) {
      const json: BlendJson = { format: 'hmo-blend/1', logistic_weight: w, linear_input: LinearInput.fromPreprocessors(linear.model.preprocessing, trees.model.preprocessing).toJSON() };
      outcome.model = { files: { ...trees.model.files, ...linear.model.files, [BLEND_JSON]: `${JSON.stringify(json)}\n` }, preprocessing: trees.model.preprocessing };
    }
    return outcome;
  },
};
