import type { FeatureFrame } from '../pipeline/features/FeatureFrame.js';
import { hashJson } from '../pipeline/util/hash.js';

/**
 * The version of the feature catalogue a frame was built with, as the model
 * artifact records it (`metadata.catalogue_hash`) and `checkFrame` compares
 * it. Until the feature catalogue's own `catalogueHash()` lands, this is a
 * hash of the frame's feature names and kinds (sorted); switch here only.
 *
 * @example
 *   frameCatalogueHash(frame); // 'e3b0c4…'
 */
export function frameCatalogueHash(frame: FeatureFrame): string {
  const features = [
    ...[...frame.numeric.keys()].map((name) => [name, 'numeric']),
    ...[...frame.categorical.keys()].map((name) => [name, 'categorical']),
  ].sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  return hashJson({ features });
}
