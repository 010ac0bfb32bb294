import { loadScorer } from '../../models/loadScorer.js';
import type { Scorer } from '../../models/Scorer.js';
import { featureCatalogue } from '../features/catalogue.js';
import type { Params } from '../params/Params.js';
import type { EvidenceCatalogue } from './EvidenceCatalogue.js';

/**
 * The trained model in `modelDir`, through `loadScorer` of models/.
 *
 * @example
 *   const scorer = await loadRankScorer('out/model');
 */
export function loadRankScorer(modelDir: string): Promise<Scorer> {
  return loadScorer(modelDir);
}

/**
 * The feature catalogue's evidence sentences (pipeline/features/catalogue.ts)
 * for features computed over the given windows.
 *
 * @example
 *   const catalogue = loadEvidenceCatalogue({ recent_months: 12, long_months: 36 });
 */
export function loadEvidenceCatalogue(windows: Params['features']): EvidenceCatalogue {
  return featureCatalogue(windows);
}
