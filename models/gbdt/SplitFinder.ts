import { MISSING_BIN } from './BinMapper.js';
import { FEATURE_STRIDE } from './histogram.js';

/** Sums of a node's rows: gradients, hessians (both sample-weighted) and row count. */
export interface NodeSums {
  gradient: number;
  hessian: number;
  count: number;
}

/** The best split of a node: rows with bin <= bin go left; missing rows go left when missingLeft. */
export interface Split {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
  left: NodeSums;
  right: NodeSums;
}

/** What constrains a split (see GbdtSettings). */
export interface SplitRules {
  /** L2 penalty on leaf values (lambda). */
  l2: number;
  /** Least rows in each child. */
  minSamplesLeaf: number;
  /** Least hessian sum in each child. */
  minChildWeight: number;
  /** Least gain for a split to be made (gain > minGain). */
  minGain: number;
}

/**
 * Exhaustive best-split search over a node's histograms (second-order gain,
 * as XGBoost/LightGBM/scikit-learn):
 *   gain = G_L^2/(H_L+lambda) + G_R^2/(H_R+lambda) - G^2/(H+lambda).
 * For each feature, thresholds are scanned with the missing rows on the right,
 * then (when the node has missing rows for that feature) on the left; the
 * first best wins ties (lowest feature, lowest bin, missing-right first), so
 * the search is deterministic. With no missing rows in the node, missing values
 * met later go to the child with more training rows (ties: left).
 *
 * @example
 *   const split = findBestSplit(hist, features, (f) => mapper.valueBins(f), sums, rules);
 */
export function findBestSplit(
  hist: Float64Array,
  features: Int32Array,
  valueBins: (feature: number) => number,
  sums: NodeSums,
  rules: SplitRules,
): Split | undefined {
  const { l2, minSamplesLeaf, minChildWeight } = rules;
  const G = sums.gradient;
  const H = sums.hessian;
  const C = sums.count;
  const parentScore = (G * G) / (H + l2);
  let bestGain = rules.minGain;
  // the best split so far, as numbers (one Split object is made at the end, not one per improvement)
  let bestFeature = -1;
  let bestBin = 0;
  let bestMissingLeft = false;
  let bestGl = 0;
  let bestHl = 0;
  let bestCl = 0;
  for (let j = 0; j < features.length; j++) {
    const f = features[j] as number;
    const base = f * FEATURE_STRIDE;
    const bins = valueBins(f);
    const missing = base + MISSING_BIN * 3;
    const mg = hist[missing] as number;
    const mh = hist[missing + 1] as number;
    const mc = hist[missing + 2] as number;
    for (let direction = 0; direction < 2; direction++) {
      const missingLeft = direction === 1;
      if (missingLeft && mc === 0) break;
      let gl = missingLeft ? mg : 0;
      let hl = missingLeft ? mh : 0;
      let cl = missingLeft ? mc : 0;
      // missing right: the last value bin may close the left side (values | missing);
      // missing left: every value bin on the left would leave the right empty.
      const lastBin = missingLeft || mc === 0 ? bins - 2 : bins - 1;
      for (let b = 0; b <= lastBin; b++) {
        const o = base + b * 3;
        const bg = hist[o] as number;
        const bh = hist[o + 1] as number;
        const bc = hist[o + 2] as number;
        // an empty bin after the first leaves the sums as the bin before left them: the same gain, which cannot beat
        // the earlier bin's (ties go to the lowest bin), and the same stopping test, so the same split is found
        if (bc === 0 && bg === 0 && bh === 0 && b > 0) continue;
        gl += bg;
        hl += bh;
        cl += bc;
        const cr = C - cl;
        const hr = H - hl;
        if (cr < minSamplesLeaf || hr < minChildWeight) break; // the right side only shrinks from here
        if (cl < minSamplesLeaf || hl < minChildWeight) continue;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parentScore;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestBin = b;
          bestMissingLeft = mc === 0 ? cl >= cr : missingLeft;
          bestGl = gl;
          bestHl = hl;
          bestCl = cl;
        }
      }
    }
  }
  if (bestFeature < 0) return undefined;
  return {
    feature: bestFeature,
    bin: bestBin,
    missingLeft: bestMissingLeft,
    gain: bestGain,
    left: { gradient: bestGl, hessian: bestHl, count: bestCl },
    right: { gradient: G - bestGl, hessian: H - bestHl, count: C - bestCl },
  };
}
