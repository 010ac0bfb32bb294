import type { FeatureFrame } from '../pipeline/frame/FeatureFrame.js';
import { hashJson } from '../pipeline/util/hash.js';

/**
 * The version of the feature catalogue a frame was built with, as the model
 * artifact records it (`metadata.catalogue_hash`): the `catalogueHash()` that
 * `hmo features` wrote into the files read (pipeline/features/catalogue.ts),
 * or, for a frame built in memory or from files that record none, a hash of
 * its feature names and kinds. Undefined when the files disagree.
 *
 * @example
 *   frameCatalogueHash(await readFeatureFrame(files)); // the catalogue hash recorded in the files
 */
export function frameCatalogueHash(frame: FeatureFrame): string | undefined {
  const recorded = frame.catalogueHashes;
  if (recorded !== undefined) return recorded.length === 1 ? recorded[0] : undefined;
  const features = [
    ...[...frame.numeric.keys()].map((name) => [name, 'numeric']),
    ...[...frame.categorical.keys()].map((name) => [name, 'categorical']),
  ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  return `columns:${hashJson({ features })}`;
}
