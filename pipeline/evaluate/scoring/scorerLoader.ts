import type { Scorer } from '../../../models/Scorer.js';

/** Loads a model artifact folder for scoring (`loadScorer(dir)` of models/). */
export type ScorerLoader = (modelDir: string) => Promise<Scorer>;

/**
 * The models area's `loadScorer`, imported on first use: it brings in
 * TensorFlow.js, which the command line should not load for every command,
 * and evaluation of the validation predictions does not need it (tests inject
 * a fake).
 */
export const defaultScorerLoader: ScorerLoader = async (modelDir) => {
  const { loadScorer } = await import('../../../models/loadScorer.js');
  return loadScorer(modelDir);
};
