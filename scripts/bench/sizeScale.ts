import { selectBoroughs } from '../../pipeline/generate/boroughSelection.js';
import { LONDON_GEOGRAPHY, MEAN_DWELLINGS_K } from '../../pipeline/generate/londonGeography.js';

/** Properties a borough of average housing stock has at generator scale 1 (pipeline/generate/BoroughProfile.ts). */
const PROPERTIES_PER_SCALE = 3000;

/**
 * The generator scale at which the first `boroughs` boroughs `hmo generate
 * --boroughs N` picks hold about `properties` properties in all (each
 * borough's count is 3,000 × scale × its housing stock over the average
 * borough's, ±3%), to three decimals.
 *
 * @example
 *   scaleForProperties(4, 100_000); // ≈ 8.4: Camden, Hackney, Newham and the next borough by code
 */
export function scaleForProperties(boroughs: number, properties: number): number {
  const relative = selectBoroughs(boroughs).reduce((sum, code) => sum + (LONDON_GEOGRAPHY[code]?.dwellingsK ?? MEAN_DWELLINGS_K) / MEAN_DWELLINGS_K, 0);
  return Math.round((properties / (PROPERTIES_PER_SCALE * relative)) * 1000) / 1000;
}
