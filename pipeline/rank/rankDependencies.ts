import type { Scorer } from '../../models/Scorer.js';
import type { Params } from '../params.js';
import type { EvidenceCatalogue } from './EvidenceCatalogue.js';

// The model loader (models/) and the feature catalogue (pipeline/features/)
// are built on other branches; they are imported by name at run time until
// they land in main, then statically.
const SCORER_MODULE = '../../models/loadScorer.js';
const CATALOGUE_MODULE = '../features/catalogue.js';

/**
 * The trained model in `modelDir`, through `loadScorer` of models/.
 *
 * @example
 *   const scorer = await loadRankScorer('out/model');
 */
export async function loadRankScorer(modelDir: string): Promise<Scorer> {
  const module = (await import(SCORER_MODULE)) as { loadScorer: (dir: string) => Promise<Scorer> };
  return module.loadScorer(modelDir);
}

/**
 * The feature catalogue's evidence sentences (pipeline/features/catalogue.ts)
 * for features computed over the given windows.
 *
 * @example
 *   const catalogue = await loadEvidenceCatalogue({ recent_months: 12, long_months: 36 });
 */
export async function loadEvidenceCatalogue(windows: Params['features']): Promise<EvidenceCatalogue> {
  const module = (await import(CATALOGUE_MODULE)) as { featureCatalogue: (windows: Params['features']) => EvidenceCatalogue };
  return module.featureCatalogue(windows);
}
