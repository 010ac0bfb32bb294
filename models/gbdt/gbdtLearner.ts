import type { Learner } from '../Learner.js';
import type { Growth } from './TreeGrower.js';

/** `train.gbdt` of the params (models/gbdt/GbdtSettings.ts explains each; the fit's seed, class weights and validation share come from `train`). */
export interface GbdtLearnerSettings {
  learning_rate: number;
  max_iter: number;
  max_leaf_nodes: number | null;
  max_depth: number | null;
  growth: Growth;
  min_samples_leaf: number;
  min_child_weight: number;
  l2_regularization: number;
  max_bins: number;
  row_subsample: number;
  max_rows_per_tree: number | null;
  col_subsample: number;
  n_iter_no_change: number;
  /** After early stopping chose the round count, fit again on every row (the held-back share included) for that many rounds, when the fit has at most this many rows (0: never). */
  refit_max_rows: number;
}

/**
 * Most rows a tree is grown on by default: fits on more training rows grow
 * each tree on a fresh random sample of this many (docs/gbdt.md, London-scale
 * training). Far above a borough's few thousand inspections, so only
 * London-scale fits are sampled.
 */
export const DEFAULT_MAX_ROWS_PER_TREE = 25_000;

/**
 * Gradient-boosted trees (models/gbdt: histogram GBDT in TypeScript, log
 * loss), on raw numeric values with NaN for missing and categorical levels as
 * codes; explained by TreeSHAP. Boosting rounds are much smaller steps than
 * epochs, so the trees keep their own patience (`n_iter_no_change`).
 *
 * @example
 *   const implementation = await gbdtLearner.implementation();
 */
export const gbdtLearner: Learner<GbdtLearnerSettings> = {
  kind: 'gbdt',
  names: { list: 'gradient-boosted trees', card: 'gradient-boosted decision trees (histogram GBDT in TypeScript, models/gbdt)' },
  settings: {
    defaults: {
      learning_rate: 0.1,
      max_iter: 300,
      max_leaf_nodes: 31,
      max_depth: null,
      growth: 'leaf-wise',
      min_samples_leaf: 20,
      min_child_weight: 0.001,
      l2_regularization: 0,
      max_bins: 255,
      row_subsample: 1,
      max_rows_per_tree: DEFAULT_MAX_ROWS_PER_TREE,
      col_subsample: 1,
      n_iter_no_change: 10,
      // Refit below 50,000 rows: +0.002-0.009 pooled leave-borough-out ROC AUC on the non-held-out worlds (docs/training.md), for one more
      // fit; above it the held-back share is thousands of rows the trees can spare, and the refit would cost most where training is slowest.
      refit_max_rows: 50_000,
    },
    rules: {
      learning_rate: { kind: 'number', min: 1e-6, max: 1 },
      max_iter: { kind: 'number', integer: true, min: 1, max: 100000 },
      max_leaf_nodes: { kind: 'number', integer: true, min: 2, nullable: true },
      max_depth: { kind: 'number', integer: true, min: 1, nullable: true },
      growth: { kind: 'enum', values: ['leaf-wise', 'depth-wise'] },
      min_samples_leaf: { kind: 'number', integer: true, min: 1 },
      min_child_weight: { kind: 'number', min: 0 },
      l2_regularization: { kind: 'number', min: 0 },
      max_bins: { kind: 'number', integer: true, min: 2, max: 255 },
      row_subsample: { kind: 'number', min: 0.01, max: 1 },
      max_rows_per_tree: { kind: 'number', integer: true, min: 1, nullable: true },
      col_subsample: { kind: 'number', min: 0.01, max: 1 },
      n_iter_no_change: { kind: 'number', integer: true, min: 1 },
      refit_max_rows: { kind: 'number', integer: true, min: 0 },
    },
    docs:
      'Gradient-boosted trees: learning rate (shrinkage), boosting rounds (at most), leaves per tree, depth limit, growth order, least rows and hessian per leaf, L2 penalty on leaf values, value bins per feature, row share per tree and most rows per tree (null: no cap), column share per tree, rounds without improvement before stopping, most rows at which the trees are refitted on every row (the held-back share included) for the rounds early stopping chose (0: never).',
    check: (s) => (s.max_leaf_nodes === null && s.max_depth === null ? 'train.gbdt needs max_leaf_nodes or max_depth: both are null, so trees would have no limit' : undefined),
  },
  input: { numeric: 'raw', categorical: 'codes' },
  // An option and a baseline (train.models): the default trains it blended with a logistic regression (models/blend), which ranked better on every world measured (docs/training.md).
  trainByDefault: false,
  relativeCost: 3,
  implementation: async () => (await import('./gbdtImplementation.js')).gbdtImplementation,
};
