import type { Growth } from './TreeGrower.js';

/**
 * Settings of a gradient-boosted trees fit (binary log loss). Names and
 * defaults follow scikit-learn's HistGradientBoostingClassifier where it has
 * the setting, so figures compare like with like.
 */
export interface GbdtSettings {
  /** Shrinkage: each tree's leaf values are multiplied by it. */
  learning_rate: number;
  /** Most boosting iterations (trees). */
  max_iter: number;
  /** Most leaves per tree (null: limited by max_depth only). */
  max_leaf_nodes: number | null;
  /** Most edges from a tree's root to a leaf (null: no limit). */
  max_depth: number | null;
  /** 'leaf-wise' splits the best-gain leaf next; 'depth-wise' grows level by level. */
  growth: Growth;
  /** Least training rows in a leaf. */
  min_samples_leaf: number;
  /** Least hessian sum (sample-weighted) in a leaf: the minimum child weight. */
  min_child_weight: number;
  /** L2 penalty on leaf values (lambda). */
  l2_regularization: number;
  /** Least gain for a split. */
  min_gain_to_split: number;
  /** Value bins per feature, 2..255 (missing values get a bin of their own besides). */
  max_bins: number;
  /** Share of training rows each tree is grown on (drawn without replacement); 1 = all. */
  row_subsample: number;
  /**
   * Most training rows a tree is grown on (null: no cap). Above it, each tree
   * is grown on a fresh sample of this many rows drawn without replacement
   * (stochastic gradient boosting, Friedman 2002); every row's margin still
   * moves by the tree. Fits on fewer rows are untouched.
   */
  max_rows_per_tree: number | null;
  /** Share of features each tree may split on; 1 = all. */
  col_subsample: number;
  /** 'balanced': each class's rows weigh n / (2 n_class), multiplied into any sample weights; 'none': as given. */
  class_weight: 'balanced' | 'none';
  /** Hold back validation rows and stop when their loss stops falling; 'auto' = on above 10,000 rows (as scikit-learn). */
  early_stopping: boolean | 'auto';
  /** Share of training rows held back for early stopping (stratified by class, drawn by the seed). */
  validation_fraction: number;
  /** Stop after this many iterations without the validation loss falling by more than tol. */
  n_iter_no_change: number;
  /** Least fall in validation loss that counts as one. */
  tol: number;
}

/** Defaults (scikit-learn's, except early stopping keeps the best iteration's trees). */
export const DEFAULT_GBDT_SETTINGS: GbdtSettings = {
  learning_rate: 0.1,
  max_iter: 100,
  max_leaf_nodes: 31,
  max_depth: null,
  growth: 'leaf-wise',
  min_samples_leaf: 20,
  min_child_weight: 1e-3,
  l2_regularization: 0,
  min_gain_to_split: 0,
  max_bins: 255,
  row_subsample: 1,
  max_rows_per_tree: null,
  col_subsample: 1,
  class_weight: 'none',
  early_stopping: 'auto',
  validation_fraction: 0.1,
  n_iter_no_change: 10,
  tol: 1e-7,
};

/**
 * Problems with a settings object, one sentence each naming the setting and value (empty when valid).
 *
 * @example
 *   gbdtSettingsProblems({ ...DEFAULT_GBDT_SETTINGS, learning_rate: 0 }); // ['learning_rate must be > 0 and <= 1; got 0']
 */
export function gbdtSettingsProblems(s: GbdtSettings): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, name: string, rule: string, value: unknown) => {
    if (!ok) problems.push(`${name} must be ${rule}; got ${JSON.stringify(value)}`);
  };
  const isInt = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min;
  const inRange = (v: unknown, lo: number, hi: number, openLo: boolean) => typeof v === 'number' && (openLo ? v > lo : v >= lo) && v <= hi;
  check(inRange(s.learning_rate, 0, 1, true), 'learning_rate', '> 0 and <= 1', s.learning_rate);
  check(isInt(s.max_iter, 1), 'max_iter', 'an integer >= 1', s.max_iter);
  check(s.max_leaf_nodes === null || isInt(s.max_leaf_nodes, 2), 'max_leaf_nodes', 'null or an integer >= 2', s.max_leaf_nodes);
  check(s.max_depth === null || isInt(s.max_depth, 1), 'max_depth', 'null or an integer >= 1', s.max_depth);
  check(s.max_leaf_nodes !== null || s.max_depth !== null, 'max_leaf_nodes', 'set when max_depth is null (a tree needs a limit)', s.max_leaf_nodes);
  check(s.growth === 'leaf-wise' || s.growth === 'depth-wise', 'growth', '"leaf-wise" or "depth-wise"', s.growth);
  check(isInt(s.min_samples_leaf, 1), 'min_samples_leaf', 'an integer >= 1', s.min_samples_leaf);
  check(typeof s.min_child_weight === 'number' && s.min_child_weight >= 0, 'min_child_weight', '>= 0', s.min_child_weight);
  check(typeof s.l2_regularization === 'number' && s.l2_regularization >= 0, 'l2_regularization', '>= 0', s.l2_regularization);
  check(typeof s.min_gain_to_split === 'number' && s.min_gain_to_split >= 0, 'min_gain_to_split', '>= 0', s.min_gain_to_split);
  check(isInt(s.max_bins, 2) && s.max_bins <= 255, 'max_bins', 'an integer from 2 to 255', s.max_bins);
  check(inRange(s.row_subsample, 0, 1, true), 'row_subsample', '> 0 and <= 1', s.row_subsample);
  check(s.max_rows_per_tree === null || isInt(s.max_rows_per_tree, 1), 'max_rows_per_tree', 'null or an integer >= 1', s.max_rows_per_tree);
  check(inRange(s.col_subsample, 0, 1, true), 'col_subsample', '> 0 and <= 1', s.col_subsample);
  check(s.class_weight === 'balanced' || s.class_weight === 'none', 'class_weight', '"balanced" or "none"', s.class_weight);
  check(s.early_stopping === true || s.early_stopping === false || s.early_stopping === 'auto', 'early_stopping', 'true, false or "auto"', s.early_stopping);
  check(inRange(s.validation_fraction, 0, 0.5, true), 'validation_fraction', '> 0 and <= 0.5', s.validation_fraction);
  check(isInt(s.n_iter_no_change, 1), 'n_iter_no_change', 'an integer >= 1', s.n_iter_no_change);
  check(typeof s.tol === 'number' && s.tol >= 0, 'tol', '>= 0', s.tol);
  return problems;
}
