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
  return explainerOf(model).explain(valueOf);
}

/**
 * SHAP values of several rows of a column set (one Float64Array per feature).
 *
 * @example
 *   const [phiOfRow3] = treeShapRows(model, columns, [3]);
 */
export function treeShapRows(model: GradientBoostedTrees, columns: readonly Float64Array[], rows: readonly number[]): Float64Array[] {
  const explainer = explainerOf(model);
  return rows.map((row) => explainer.explain((f) => (columns[f] as Float64Array)[row] as number));
}

/** One explainer per model (its path buffers sized once for the deepest tree), reused for every row. */
const explainers = new WeakMap<GradientBoostedTrees, PathExplainer>();

function explainerOf(model: GradientBoostedTrees): PathExplainer {
  let explainer = explainers.get(model);
  if (explainer === undefined) {
    explainer = new PathExplainer(model);
    explainers.set(model, explainer);
  }
  return explainer;
}

/** The unique path of Algorithm 2 in struct-of-arrays form; each recursion level works on its own slice. */
class PathExplainer {
  private readonly feature: Int32Array;
  private readonly zero: Float64Array;
  private readonly one: Float64Array;
  private readonly weight: Float64Array;
  private valueOf: (feature: number) => number = () => Number.NaN;
  private phi: Float64Array = new Float64Array(0);

  constructor(private readonly model: GradientBoostedTrees) {
    let deepest = 0;
    for (let t = 0; t < model.treeCount; t++) deepest = Math.max(deepest, this.maxDepth(model.treeStart[t] as number));
    const depth = deepest + 2;
    const size = (depth * (depth + 1)) / 2 + depth;
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }

  /** SHAP values of one row (valueOf: the row's value of a feature). */
  explain(valueOf: (feature: number) => number): Float64Array {
    this.valueOf = valueOf;
    this.phi = new Float64Array(this.model.features.length);
    for (let t = 0; t < this.model.treeCount; t++) this.recurse(this.model.treeStart[t] as number, 0, 0, 1, 1, -1);
    return this.phi;
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
    // the parent's path, copied (a loop: the paths are short, shorter than a copyWithin call costs)
    for (let i = 0; i <= uniqueDepth; i++) {
      this.feature[path + i] = this.feature[parent + i] as number;
      this.zero[path + i] = this.zero[parent + i] as number;
      this.one[path + i] = this.one[parent + i] as number;
      this.weight[path + i] = this.weight[parent + i] as number;
    }
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
    const one = oneFraction / (uniqueDepth + 1);
    const zero = zeroFraction / (uniqueDepth + 1);
    for (let i = uniqueDepth - 1; i >= 0; i--) {
      const wi = w[path + i] as number;
      w[path + i + 1] = (w[path + i + 1] as number) + one * wi * (i + 1);
      w[path + i] = zero * wi * (uniqueDepth - i);
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
    const d1 = uniqueDepth + 1;
    let total = 0;
    if (oneFraction !== 0) {
      let nextOnePortion = w[path + uniqueDepth] as number;
      const scale = d1 / oneFraction;
      const zeroScale = zeroFraction / d1;
      for (let i = uniqueDepth - 1; i >= 0; i--) {
        const tmp = (nextOnePortion * scale) / (i + 1);
        total += tmp;
        nextOnePortion = (w[path + i] as number) - tmp * zeroScale * (uniqueDepth - i);
      }
    } else if (zeroFraction !== 0) {
      const scale = d1 / zeroFraction;
      for (let i = uniqueDepth - 1; i >= 0; i--) total += ((w[path + i] as number) * scale) / (uniqueDepth - i);
    }
    return total;
  }
}
