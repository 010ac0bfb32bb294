import type { GradientBoostedTrees } from './GradientBoostedTrees.js';

/**
 * Exact SHAP values of one row under the path-dependent tree distribution:
 * Lundberg, Erion & Lee (2018), "Consistent individualized feature attribution
 * for tree ensembles", Algorithm 2 (TreeSHAP), as in the shap package's
 * tree_shap.h. A node's cover (the training sample-weight sum) sets the share
 * of rows that follow each branch when a feature is "unknown".
 *
 * The values, one per model feature in margin (log-odds) units, sum to the
 * row's margin minus `model.expectedValue()`.
 *
 * @example
 *   const phi = treeShap(model, (f) => columns[f][row]);
 *   // sum(phi) === model.predictMargin(columns)[row] - model.expectedValue() (to rounding)
 */
export function treeShap(model: GradientBoostedTrees, valueOf: (feature: number) => number): Float64Array {
  const phi = new Float64Array(model.features.length);
  const explainer = new PathExplainer(model, valueOf, phi);
  for (let t = 0; t < model.treeCount; t++) explainer.explainTree(model.treeStart[t] as number);
  return phi;
}

/**
 * SHAP values of several rows of a column set (one Float64Array per feature).
 *
 * @example
 *   const [phiOfRow3] = treeShapRows(model, columns, [3]);
 */
export function treeShapRows(model: GradientBoostedTrees, columns: readonly Float64Array[], rows: readonly number[]): Float64Array[] {
  return rows.map((row) => treeShap(model, (f) => (columns[f] as Float64Array)[row] as number));
}

/** The unique path of Algorithm 2 in struct-of-arrays form; each recursion level works on its own slice. */
class PathExplainer {
  private feature: Int32Array;
  private zero: Float64Array;
  private one: Float64Array;
  private weight: Float64Array;

  constructor(
    private readonly model: GradientBoostedTrees,
    private readonly valueOf: (feature: number) => number,
    private readonly phi: Float64Array,
  ) {
    const size = 64;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }

  explainTree(root: number): void {
    const depth = this.maxDepth(root) + 2;
    const needed = (depth * (depth + 1)) / 2 + depth;
    if (needed > this.feature.length) {
      this.feature = new Int32Array(needed);
      this.zero = new Float64Array(needed);
      this.one = new Float64Array(needed);
      this.weight = new Float64Array(needed);
    }
    this.recurse(root, 0, 0, 1, 1, -1);
  }

  private maxDepth(node: number): number {
    const m = this.model;
    if ((m.feature[node] as number) < 0) return 0;
    return 1 + Math.max(this.maxDepth(m.left[node] as number), this.maxDepth(m.right[node] as number));
  }

  /**
   * parent: offset of the parent's path; uniqueDepth: its length - 1 (the new
   * element's index); zeroFraction/oneFraction/featureIndex: the element to add.
   */
  private recurse(node: number, parent: number, uniqueDepth: number, zeroFraction: number, oneFraction: number, featureIndex: number): void {
    const m = this.model;
    const path = parent + uniqueDepth + 1;
    this.feature.copyWithin(path, parent, parent + uniqueDepth + 1);
    this.zero.copyWithin(path, parent, parent + uniqueDepth + 1);
    this.one.copyWithin(path, parent, parent + uniqueDepth + 1);
    this.weight.copyWithin(path, parent, parent + uniqueDepth + 1);
    this.extend(path, uniqueDepth, zeroFraction, oneFraction, featureIndex);

    const split = m.feature[node] as number;
    if (split < 0) {
      const leafValue = m.value[node] as number;
      for (let i = 1; i <= uniqueDepth; i++) {
        const w = this.unwoundSum(path, uniqueDepth, i);
        const k = path + i;
        const f = this.feature[k] as number;
        this.phi[f] = (this.phi[f] as number) + w * ((this.one[k] as number) - (this.zero[k] as number)) * leafValue;
      }
      return;
    }
    const x = this.valueOf(split);
    const t = m.threshold[node] as number;
    const hot = x <= t ? (m.left[node] as number) : x > t ? (m.right[node] as number) : (m.missingChild[node] as number);
    const cold = hot === m.left[node] ? (m.right[node] as number) : (m.left[node] as number);
    const cover = m.cover[node] as number;
    const hotZero = (m.cover[hot] as number) / cover;
    const coldZero = (m.cover[cold] as number) / cover;
    let incomingZero = 1;
    let incomingOne = 1;
    let depth = uniqueDepth;
    // a feature met earlier on the path: undo that split so this one counts it once
    let k = 0;
    for (; k <= depth; k++) if ((this.feature[path + k] as number) === split) break;
    if (k !== depth + 1) {
      incomingZero = this.zero[path + k] as number;
      incomingOne = this.one[path + k] as number;
      this.unwind(path, depth, k);
      depth -= 1;
    }
    this.recurse(hot, path, depth + 1, hotZero * incomingZero, incomingOne, split);
    this.recurse(cold, path, depth + 1, coldZero * incomingZero, 0, split);
  }

  private extend(path: number, uniqueDepth: number, zeroFraction: number, oneFraction: number, featureIndex: number): void {
    const w = this.weight;
    this.feature[path + uniqueDepth] = featureIndex;
    this.zero[path + uniqueDepth] = zeroFraction;
    this.one[path + uniqueDepth] = oneFraction;
    w[path + uniqueDepth] = uniqueDepth === 0 ? 1 : 0;
    for (let i = uniqueDepth - 1; i >= 0; i--) {
      w[path + i + 1] = (w[path + i + 1] as number) + (oneFraction * (w[path + i] as number) * (i + 1)) / (uniqueDepth + 1);
      w[path + i] = (zeroFraction * (w[path + i] as number) * (uniqueDepth - i)) / (uniqueDepth + 1);
    }
  }

  private unwind(path: number, uniqueDepth: number, pathIndex: number): void {
    const w = this.weight;
    const oneFraction = this.one[path + pathIndex] as number;
    const zeroFraction = this.zero[path + pathIndex] as number;
    let nextOnePortion = w[path + uniqueDepth] as number;
    for (let i = uniqueDepth - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = w[path + i] as number;
        w[path + i] = (nextOnePortion * (uniqueDepth + 1)) / ((i + 1) * oneFraction);
        nextOnePortion = tmp - ((w[path + i] as number) * zeroFraction * (uniqueDepth - i)) / (uniqueDepth + 1);
      } else {
        w[path + i] = ((w[path + i] as number) * (uniqueDepth + 1)) / (zeroFraction * (uniqueDepth - i));
      }
    }
    for (let i = pathIndex; i < uniqueDepth; i++) {
      this.feature[path + i] = this.feature[path + i + 1] as number;
      this.zero[path + i] = this.zero[path + i + 1] as number;
      this.one[path + i] = this.one[path + i + 1] as number;
    }
  }

  private unwoundSum(path: number, uniqueDepth: number, pathIndex: number): number {
    const w = this.weight;
    const oneFraction = this.one[path + pathIndex] as number;
    const zeroFraction = this.zero[path + pathIndex] as number;
    let nextOnePortion = w[path + uniqueDepth] as number;
    let total = 0;
    for (let i = uniqueDepth - 1; i >= 0; i--) {
      if (oneFraction !== 0) {
        const tmp = (nextOnePortion * (uniqueDepth + 1)) / ((i + 1) * oneFraction);
        total += tmp;
        nextOnePortion = (w[path + i] as number) - tmp * zeroFraction * ((uniqueDepth - i) / (uniqueDepth + 1));
      } else if (zeroFraction !== 0) {
        total += (w[path + i] as number) / zeroFraction / ((uniqueDepth - i) / (uniqueDepth + 1));
      }
    }
    return total;
  }
}
