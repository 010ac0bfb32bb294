import type { Scorer } from '../../models/Scorer.js';

/** Loads a model artifact folder for scoring (`loadScorer(dir)` of models/). */
export type ScorerLoader = (modelDir: string) => Promise<Scorer>;

/**
 * The models area's `loadScorer`, imported when first needed so that
 * evaluation of validation predictions works without it (and tests can
 * inject a fake).
 */
export const defaultScorerLoader: ScorerLoader = async (modelDir) => {
  // A computed specifier: models/loadScorer.ts lands with the models branch.
  const specifier = '../../models/loadScorer.js';
  const module = (await import(specifier)) as { loadScorer?: ScorerLoader };
  if (typeof module.loadScorer !== 'function') throw new Error('models/loadScorer.js exports no loadScorer');
  return module.loadScorer(modelDir);
};
