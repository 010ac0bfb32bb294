import type { GbdtSettings } from './GbdtSettings.js';
import { fitGradientBoostedTrees, type GbdtFit, type GbdtTrainingData } from './fitGradientBoostedTrees.js';

/** How a fit with a refit went: the final fit, and the early-stopped one that chose its round count. */
export interface RefitResult {
  /** The fit whose model is kept: the refit on every row when there was one, else the early-stopped fit. */
  fit: GbdtFit;
  /** The early-stopped fit on the training share (its validation loss chose the round count). */
  search: GbdtFit;
  /** Whether the kept model was refitted on every row. */
  refitted: boolean;
}

/**
 * Fits gradient-boosted trees with early stopping, then, when `refit` is on,
 * fits again on every row (the held-back share included) for the number of
 * rounds early stopping chose, with the same settings and seed, early stopping
 * off. On a few thousand labels the held-back share (15% by default) is rows
 * the trees never learn from; the refit learns from them and keeps the
 * round count the held-back loss chose (docs/training.md: +0.005 ROC AUC on
 * the generator's worlds' leave-borough-out rows). No refit when early stopping
 * is off, held nothing back, or kept no tree.
 *
 * Phases: (1) the early-stopped fit; (2) the refit on every row.
 *
 * @example
 *   const { fit } = fitWithRefit(data, { ...DEFAULT_GBDT_SETTINGS, early_stopping: true }, 42, true);
 *   fit.model.predictMargin(row);
 */
export function fitWithRefit(data: GbdtTrainingData, settings: GbdtSettings, seed: number, refit: boolean): RefitResult {
  // (1) early-stopped fit on the training share
  const search = fitGradientBoostedTrees(data, settings, seed);
  if (!refit || search.validationRows === 0 || search.trees === 0) return { fit: search, search, refitted: false };
  // (2) every row, the chosen number of rounds
  const fit = fitGradientBoostedTrees(data, { ...settings, early_stopping: false, max_iter: search.trees }, seed);
  return { fit, search, refitted: true };
}
