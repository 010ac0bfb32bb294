import type { Learner } from '../Learner.js';
import { gbdtLearner, type GbdtLearnerSettings } from '../gbdt/gbdtLearner.js';
import { logisticLearner } from '../logistic/logisticLearner.js';
import { blendComposition } from './blendComposition.js';

/**
 * `train.blend` of the params: the trees' settings (the keys of `train.gbdt`,
 * same meaning), the logistic regression's (`logistic_` + the keys of
 * `train.logistic`), and the logistic regression's share of the blended logit.
 */
export interface BlendSettings extends GbdtLearnerSettings {
  logistic_weight: number;
  logistic_max_iter: number;
  logistic_tol: number;
  logistic_l2: number;
}

/** The logistic regression's share of the logit, chosen on the non-held-out worlds (docs/training.md). */
export const DEFAULT_LOGISTIC_WEIGHT = 0.3;

/**
 * The blend's trees: at most 15 leaves, each tree on half the features
 * (drawn per tree by the seed). The trees alone (`train.gbdt`) keep
 * scikit-learn's 31 leaves and every feature. Beside a logistic regression
 * that carries the smooth, additive part, smaller trees on a column share rank
 * as well on a few thousand labels (leave-borough-out ROC AUC the same on
 * average over the non-held-out worlds, P@100 higher on each) for about 40%
 * less tree CPU (docs/training.md, Cheaper defaults, December 2026).
 */
export const DEFAULT_BLEND_TREES = { max_leaf_nodes: 15, col_subsample: 0.5 } as const;

const logistic = logisticLearner.settings;

/**
 * Gradient-boosted trees blended with a logistic regression: both fitted on
 * the same rows as learners of their own (`composition`: with the default
 * `train.models`, the blend shares the standalone logistic regression's fit
 * of each fold), the model's logit is (1 − w) · trees + w · logistic (w =
 * `logistic_weight`). The trees find interactions and thresholds; the linear
 * part keeps a smooth, additive ranking where the trees' steps are coarse
 * (few labels, a borough unlike the others), which on few thousand labels
 * ranks better than either alone (docs/training.md). Attributions are exact:
 * TreeSHAP of the trees plus the logistic regression's linear terms, weighted
 * the same way, so the reasons sum to the blended logit.
 *
 * @example
 *   const implementation = await blendLearner.implementation();
 */
export const blendLearner: Learner<BlendSettings> = {
  kind: 'blend',
  names: {
    list: 'gradient-boosted trees blended with a logistic regression',
    card: 'gradient-boosted decision trees (models/gbdt) blended with a logistic regression (Newton solver): a weighted sum of their logits',
  },
  settings: {
    defaults: {
      logistic_weight: DEFAULT_LOGISTIC_WEIGHT,
      ...gbdtLearner.settings.defaults,
      ...DEFAULT_BLEND_TREES,
      logistic_max_iter: logistic.defaults.max_iter,
      logistic_tol: logistic.defaults.tol,
      logistic_l2: logistic.defaults.l2,
    },
    rules: {
      logistic_weight: { kind: 'number', min: 0, max: 1 },
      ...gbdtLearner.settings.rules,
      logistic_max_iter: logistic.rules.max_iter,
      logistic_tol: logistic.rules.tol,
      logistic_l2: logistic.rules.l2,
    },
    docs: 'Trees blended with a logistic regression: the logistic regression\'s share of the logit (0-1), then the trees\' settings (as train.gbdt) and the logistic regression\'s (logistic_*, as train.logistic).',
    check: (s) => gbdtLearner.settings.check?.(s),
  },
  input: { numeric: 'raw', categorical: 'codes' },
  relativeCost: 4,
  composition: blendComposition,
  implementation: async () => (await import('./blendImplementation.js')).blendImplementation,
};
