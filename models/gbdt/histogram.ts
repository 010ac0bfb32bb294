import { MISSING_BIN } from './BinMapper.js';

/**
 * Gradient/hessian histograms of one tree node, for the split search.
 *
 * Layout: one Float64Array per node, 256 bins per feature (value bins 0..254,
 * MISSING_BIN 255), three numbers per bin: sum of gradients, sum of hessians,
 * row count. Bin b of feature f starts at (f * 256 + b) * 3. Only the
 * features of the tree's column sample are filled, and of each only the bins
 * its values can fall in (0 .. valueBins - 1) and the missing bin: the others
 * are never written or read, so a buffer reused from the pool may hold
 * anything there.
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
 * features. `ordered` is a scratch array (at least 2 x (end - start) long) that
 * receives the node's gradient and hessian pairs in row order first, so the
 * per-feature loops read them sequentially and side by side (as scikit-learn
 * and LightGBM do); a node holding every row (indices 0..rows-1, the root
 * without row sampling) reads the bins in place.
 *
 * @example
 *   buildHistogram(binned, rows, features, indices, 0, rows, g, h, scratch, hist, valueBins);
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
  ordered: Float64Array,
  out: Float64Array,
  valueBins: Int32Array,
): void {
  const length = end - start;
  // every row of the data, in order: read the bins directly
  const allRows = length === rows;
  for (let k = 0; k < length; k++) {
    const i = indices[start + k] as number;
    ordered[2 * k] = gradients[i] as number;
    ordered[2 * k + 1] = hessians[i] as number;
  }
  let j = 0;
  // eight features per pass over the rows while eight remain, then four, then one: each row's index and
  // gradients are read once for several histograms, whose sums (each bin's in row order) do not wait on each other
  for (; j + 7 < features.length; j += 8) {
    const f0 = features[j] as number;
    const f1 = features[j + 1] as number;
    const f2 = features[j + 2] as number;
    const f3 = features[j + 3] as number;
    const f4 = features[j + 4] as number;
    const f5 = features[j + 5] as number;
    const f6 = features[j + 6] as number;
    const f7 = features[j + 7] as number;
    const h0 = f0 * FEATURE_STRIDE;
    const h1 = f1 * FEATURE_STRIDE;
    const h2 = f2 * FEATURE_STRIDE;
    const h3 = f3 * FEATURE_STRIDE;
    const h4 = f4 * FEATURE_STRIDE;
    const h5 = f5 * FEATURE_STRIDE;
    const h6 = f6 * FEATURE_STRIDE;
    const h7 = f7 * FEATURE_STRIDE;
    for (let q = j; q < j + 8; q++) clearFeature(out, features[q] as number, valueBins);
    const c0 = f0 * rows;
    const c1 = f1 * rows;
    const c2 = f2 * rows;
    const c3 = f3 * rows;
    const c4 = f4 * rows;
    const c5 = f5 * rows;
    const c6 = f6 * rows;
    const c7 = f7 * rows;
    for (let k = 0; k < length; k++) {
      const i = allRows ? k : (indices[start + k] as number);
      const gk = ordered[2 * k] as number;
      const hk = ordered[2 * k + 1] as number;
      const o0 = h0 + (binned[c0 + i] as number) * 3;
      out[o0] = (out[o0] as number) + gk;
      out[o0 + 1] = (out[o0 + 1] as number) + hk;
      out[o0 + 2] = (out[o0 + 2] as number) + 1;
      const o1 = h1 + (binned[c1 + i] as number) * 3;
      out[o1] = (out[o1] as number) + gk;
      out[o1 + 1] = (out[o1 + 1] as number) + hk;
      out[o1 + 2] = (out[o1 + 2] as number) + 1;
      const o2 = h2 + (binned[c2 + i] as number) * 3;
      out[o2] = (out[o2] as number) + gk;
      out[o2 + 1] = (out[o2 + 1] as number) + hk;
      out[o2 + 2] = (out[o2 + 2] as number) + 1;
      const o3 = h3 + (binned[c3 + i] as number) * 3;
      out[o3] = (out[o3] as number) + gk;
      out[o3 + 1] = (out[o3 + 1] as number) + hk;
      out[o3 + 2] = (out[o3 + 2] as number) + 1;
      const o4 = h4 + (binned[c4 + i] as number) * 3;
      out[o4] = (out[o4] as number) + gk;
      out[o4 + 1] = (out[o4 + 1] as number) + hk;
      out[o4 + 2] = (out[o4 + 2] as number) + 1;
      const o5 = h5 + (binned[c5 + i] as number) * 3;
      out[o5] = (out[o5] as number) + gk;
      out[o5 + 1] = (out[o5 + 1] as number) + hk;
      out[o5 + 2] = (out[o5 + 2] as number) + 1;
      const o6 = h6 + (binned[c6 + i] as number) * 3;
      out[o6] = (out[o6] as number) + gk;
      out[o6 + 1] = (out[o6 + 1] as number) + hk;
      out[o6 + 2] = (out[o6 + 2] as number) + 1;
      const o7 = h7 + (binned[c7 + i] as number) * 3;
      out[o7] = (out[o7] as number) + gk;
      out[o7 + 1] = (out[o7 + 1] as number) + hk;
      out[o7 + 2] = (out[o7 + 2] as number) + 1;
    }
  }
  for (; j + 3 < features.length; j += 4) {
    const f0 = features[j] as number;
    const f1 = features[j + 1] as number;
    const f2 = features[j + 2] as number;
    const f3 = features[j + 3] as number;
    const h0 = f0 * FEATURE_STRIDE;
    const h1 = f1 * FEATURE_STRIDE;
    const h2 = f2 * FEATURE_STRIDE;
    const h3 = f3 * FEATURE_STRIDE;
    clearFeature(out, f0, valueBins);
    clearFeature(out, f1, valueBins);
    clearFeature(out, f2, valueBins);
    clearFeature(out, f3, valueBins);
    const c0 = f0 * rows;
    const c1 = f1 * rows;
    const c2 = f2 * rows;
    const c3 = f3 * rows;
    for (let k = 0; k < length; k++) {
      const i = allRows ? k : (indices[start + k] as number);
      const gk = ordered[2 * k] as number;
      const hk = ordered[2 * k + 1] as number;
      const o0 = h0 + (binned[c0 + i] as number) * 3;
      out[o0] = (out[o0] as number) + gk;
      out[o0 + 1] = (out[o0 + 1] as number) + hk;
      out[o0 + 2] = (out[o0 + 2] as number) + 1;
      const o1 = h1 + (binned[c1 + i] as number) * 3;
      out[o1] = (out[o1] as number) + gk;
      out[o1 + 1] = (out[o1 + 1] as number) + hk;
      out[o1 + 2] = (out[o1 + 2] as number) + 1;
      const o2 = h2 + (binned[c2 + i] as number) * 3;
      out[o2] = (out[o2] as number) + gk;
      out[o2 + 1] = (out[o2 + 1] as number) + hk;
      out[o2 + 2] = (out[o2 + 2] as number) + 1;
      const o3 = h3 + (binned[c3 + i] as number) * 3;
      out[o3] = (out[o3] as number) + gk;
      out[o3 + 1] = (out[o3 + 1] as number) + hk;
      out[o3 + 2] = (out[o3 + 2] as number) + 1;
    }
  }
  for (; j < features.length; j++) {
    const f = features[j] as number;
    const hist = f * FEATURE_STRIDE;
    clearFeature(out, f, valueBins);
    const column = f * rows;
    for (let k = 0; k < length; k++) {
      const i = allRows ? k : (indices[start + k] as number);
      const o = hist + (binned[column + i] as number) * 3;
      out[o] = (out[o] as number) + (ordered[2 * k] as number);
      out[o + 1] = (out[o + 1] as number) + (ordered[2 * k + 1] as number);
      out[o + 2] = (out[o + 2] as number) + 1;
    }
  }
}

/** Zeroes the bins of feature f that its rows can fall in: value bins 0 .. valueBins[f] - 1 and the missing bin. */
function clearFeature(out: Float64Array, f: number, valueBins: Int32Array): void {
  const start = f * FEATURE_STRIDE;
  out.fill(0, start, start + (valueBins[f] as number) * STATS_PER_BIN);
  const missing = start + MISSING_BIN * STATS_PER_BIN;
  out[missing] = 0;
  out[missing + 1] = 0;
  out[missing + 2] = 0;
}

/**
 * Histogram subtraction: parent -= child, for the given features (their value
 * bins and missing bin), in place. The sibling's histogram costs
 * O(features x bins) instead of O(rows x features).
 */
export function subtractHistogram(parent: Float64Array, child: Float64Array, features: Int32Array, valueBins: Int32Array): void {
  for (let j = 0; j < features.length; j++) {
    const f = features[j] as number;
    const start = f * FEATURE_STRIDE;
    const end = start + (valueBins[f] as number) * STATS_PER_BIN;
    for (let o = start; o < end; o++) parent[o] = (parent[o] as number) - (child[o] as number);
    const missing = start + MISSING_BIN * STATS_PER_BIN;
    parent[missing] = (parent[missing] as number) - (child[missing] as number);
    parent[missing + 1] = (parent[missing + 1] as number) - (child[missing + 1] as number);
    parent[missing + 2] = (parent[missing + 2] as number) - (child[missing + 2] as number);
  }
}
