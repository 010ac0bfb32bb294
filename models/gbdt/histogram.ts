import { MISSING_BIN } from './BinMapper.js';

/**
 * Gradient/hessian histograms of one tree node, for the split search.
 *
 * Layout: one Float64Array per node, 256 bins per feature (value bins 0..254,
 * MISSING_BIN 255), three numbers per bin: sum of gradients, sum of hessians,
 * row count. Bin b of feature f starts at (f * 256 + b) * 3. Only the
 * features of the tree's column sample are filled.
 */
export const BINS_PER_FEATURE = MISSING_BIN + 1;
export const STATS_PER_BIN = 3;
export const FEATURE_STRIDE = BINS_PER_FEATURE * STATS_PER_BIN;

/** A histogram buffer for `featureCount` features. */
export function newHistogram(featureCount: number): Float64Array {
  return new Float64Array(featureCount * FEATURE_STRIDE);
}

/**
 * Fills `out` with the histograms of the rows indices[start..end) for the given
 * features. `orderedGradients`/`orderedHessians` are scratch arrays (at least
 * end - start long) that receive the node's gradients in row order first, so
 * the per-feature loops read them sequentially (as scikit-learn does).
 *
 * @example
 *   buildHistogram(binned, rows, features, indices, 0, rows, g, h, scratchG, scratchH, hist);
 */
export function buildHistogram(
  binned: Uint8Array,
  rows: number,
  features: Int32Array,
  indices: Uint32Array,
  start: number,
  end: number,
  gradients: Float64Array,
  hessians: Float64Array,
  orderedGradients: Float64Array,
  orderedHessians: Float64Array,
  out: Float64Array,
): void {
  const length = end - start;
  for (let k = 0; k < length; k++) {
    const i = indices[start + k] as number;
    orderedGradients[k] = gradients[i] as number;
    orderedHessians[k] = hessians[i] as number;
  }
  for (let j = 0; j < features.length; j++) {
    const f = features[j] as number;
    const hist = f * FEATURE_STRIDE;
    out.fill(0, hist, hist + FEATURE_STRIDE);
    const column = binned.subarray(f * rows, (f + 1) * rows);
    let k = 0;
    // two rows per step: fewer loop branches, same sums in the same order
    for (; k + 1 < length; k += 2) {
      const o1 = hist + (column[indices[start + k] as number] as number) * 3;
      out[o1] = (out[o1] as number) + (orderedGradients[k] as number);
      out[o1 + 1] = (out[o1 + 1] as number) + (orderedHessians[k] as number);
      out[o1 + 2] = (out[o1 + 2] as number) + 1;
      const o2 = hist + (column[indices[start + k + 1] as number] as number) * 3;
      out[o2] = (out[o2] as number) + (orderedGradients[k + 1] as number);
      out[o2 + 1] = (out[o2 + 1] as number) + (orderedHessians[k + 1] as number);
      out[o2 + 2] = (out[o2 + 2] as number) + 1;
    }
    if (k < length) {
      const o = hist + (column[indices[start + k] as number] as number) * 3;
      out[o] = (out[o] as number) + (orderedGradients[k] as number);
      out[o + 1] = (out[o + 1] as number) + (orderedHessians[k] as number);
      out[o + 2] = (out[o + 2] as number) + 1;
    }
  }
}

/**
 * Histogram subtraction: parent -= child, for the given features, in place.
 * The sibling's histogram costs O(features x bins) instead of O(rows x features).
 */
export function subtractHistogram(parent: Float64Array, child: Float64Array, features: Int32Array): void {
  for (let j = 0; j < features.length; j++) {
    const start = (features[j] as number) * FEATURE_STRIDE;
    const end = start + FEATURE_STRIDE;
    for (let o = start; o < end; o++) parent[o] = (parent[o] as number) - (child[o] as number);
  }
}
