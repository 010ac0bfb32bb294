import { buildHistogram, newHistogram, subtractHistogram } from './histogram.js';
import { findBestSplit, type NodeSums, type Split, type SplitRules } from './SplitFinder.js';

/** How the tree grows: best gain first (LightGBM, scikit-learn) or level by level (XGBoost's default). */
export type Growth = 'leaf-wise' | 'depth-wise';

/** Settings of one tree (from GbdtSettings). */
export interface TreeRules extends SplitRules {
  /** Most leaves; undefined = no limit (then maxDepth must be set). */
  maxLeafNodes: number | undefined;
  /** Most edges from the root to a leaf; undefined = no limit. */
  maxDepth: number | undefined;
  growth: Growth;
  /** Multiplies every leaf value (shrinkage). */
  learningRate: number;
}

/** The training data a tree is grown on (shared by every tree of a fit). */
export interface BinnedData {
  /** Column-major bin codes: row i, feature f at [f * rows + i]. */
  binned: Uint8Array;
  rows: number;
  featureCount: number;
  /** Value bins per feature (the missing bin excluded). */
  valueBins: Int32Array;
}

/**
 * One grown tree, as flat arrays indexed by node (root 0). Internal nodes:
 * feature >= 0, rows with bin <= binThreshold go to `left`, missing rows
 * follow `missingLeft`. Leaves: feature -1 and `value` is the (shrunk) output.
 * `cover` is the training rows' sample-weight sum, `hessian` their hessian
 * sum, `gain` the split's gain (0 for leaves). Rows of leaf node n are
 * `indices[start[n]..end[n])` after growing (the tree's rows, partitioned).
 */
export interface GrownTree {
  feature: number[];
  binThreshold: number[];
  missingLeft: boolean[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
  hessian: number[];
  count: number[];
  gain: number[];
  depth: number[];
  start: number[];
  end: number[];
  indices: Uint32Array;
}

interface Candidate {
  node: number;
  split: Split;
  hist: Float64Array;
}

/**
 * Grows one regression tree on gradients and hessians with histograms
 * (build the smaller child, subtract it from the parent for the sibling).
 * Reuses its scratch buffers across trees; not safe to share between threads.
 *
 * @example
 *   const grower = new TreeGrower(data, rules);
 *   const tree = grower.grow(gradients, hessians, weights, rowsOfThisTree, featuresOfThisTree);
 */
export class TreeGrower {
  private readonly pool: Float64Array[] = [];
  /** The node's gradient and hessian pairs, in its row order (histogram scratch). */
  private readonly ordered: Float64Array;
  private readonly scratch: Uint32Array;
  /** The gradient/hessian/count sums of each node of the tree being grown, for its split search. */
  private sums: NodeSums[] = [];

  constructor(
    private readonly data: BinnedData,
    private readonly rules: TreeRules,
  ) {
    if (rules.maxLeafNodes === undefined && rules.maxDepth === undefined) {
      throw new Error('a tree needs max_leaf_nodes or max_depth (both are unset)');
    }
    this.ordered = new Float64Array(2 * data.rows);
    this.scratch = new Uint32Array(data.rows);
  }

  /**
   * Grows a tree on the rows `rows` (ascending, copied) using the features `features` (ascending).
   * `weights` (or undefined for all 1) gives each row's sample weight, summed into `cover`.
   */
  grow(gradients: Float64Array, hessians: Float64Array, weights: Float64Array | undefined, rows: Uint32Array, features: Int32Array): GrownTree {
    const { rules, data } = this;
    const indices = Uint32Array.from(rows);
    this.sums = [];
    const tree: GrownTree = {
      feature: [],
      binThreshold: [],
      missingLeft: [],
      left: [],
      right: [],
      value: [],
      cover: [],
      hessian: [],
      count: [],
      gain: [],
      depth: [],
      start: [],
      end: [],
      indices,
    };
    let gRoot = 0;
    let hRoot = 0;
    let wRoot = 0;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k] as number;
      gRoot += gradients[i] as number;
      hRoot += hessians[i] as number;
      wRoot += weights === undefined ? 1 : (weights[i] as number);
    }
    const root = this.addNode(tree, { gradient: gRoot, hessian: hRoot, count: indices.length }, wRoot, 0, 0, indices.length);
    const candidates: Candidate[] = [];
    if (this.splittable(tree, root)) {
      const hist = this.take();
      buildHistogram(data.binned, data.rows, features, indices, 0, indices.length, gradients, hessians, this.ordered, hist, data.valueBins);
      this.consider(root, hist, features, candidates);
    }
    let leaves = 1;
    while (candidates.length > 0 && (rules.maxLeafNodes === undefined || leaves < rules.maxLeafNodes)) {
      const pick = this.next(tree, candidates);
      const { node, split, hist } = candidates.splice(pick, 1)[0] as Candidate;
      const middle = this.partition(tree, node, split);
      const depth = (tree.depth[node] as number) + 1;
      const leftWeight = this.weightSum(weights, indices, tree.start[node] as number, middle);
      const left = this.addNode(tree, split.left, leftWeight, depth, tree.start[node] as number, middle);
      const right = this.addNode(tree, split.right, (tree.cover[node] as number) - leftWeight, depth, middle, tree.end[node] as number);
      tree.feature[node] = split.feature;
      tree.binThreshold[node] = split.bin;
      tree.missingLeft[node] = split.missingLeft;
      tree.left[node] = left;
      tree.right[node] = right;
      tree.gain[node] = split.gain;
      leaves++;
      // the split that made the last leaf allowed: its children are never split, so neither histogram is built
      const full = rules.maxLeafNodes !== undefined && leaves >= rules.maxLeafNodes;
      const leftSplittable = !full && this.splittable(tree, left);
      const rightSplittable = !full && this.splittable(tree, right);
      if (!leftSplittable && !rightSplittable) {
        this.release(hist);
        continue;
      }
      const leftSmaller = (tree.count[left] as number) <= (tree.count[right] as number);
      const small = leftSmaller ? left : right;
      const large = leftSmaller ? right : left;
      const smallHist = this.take();
      buildHistogram(
        data.binned,
        data.rows,
        features,
        indices,
        tree.start[small] as number,
        tree.end[small] as number,
        gradients,
        hessians,
        this.ordered,
        smallHist,
        data.valueBins,
      );
      const largeSplittable = leftSmaller ? rightSplittable : leftSplittable;
      if (largeSplittable) {
        subtractHistogram(hist, smallHist, features, data.valueBins);
        this.consider(large, hist, features, candidates);
      } else {
        this.release(hist);
      }
      if (leftSmaller ? leftSplittable : rightSplittable) this.consider(small, smallHist, features, candidates);
      else this.release(smallHist);
    }
    for (const candidate of candidates) this.release(candidate.hist);
    return tree;
  }

  private addNode(tree: GrownTree, sums: NodeSums, weight: number, depth: number, start: number, end: number): number {
    const node = tree.feature.length;
    tree.feature.push(-1);
    tree.binThreshold.push(0);
    tree.missingLeft.push(false);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push((-this.rules.learningRate * sums.gradient) / (sums.hessian + this.rules.l2));
    tree.cover.push(weight);
    tree.hessian.push(sums.hessian);
    tree.count.push(sums.count);
    tree.gain.push(0);
    tree.depth.push(depth);
    tree.start.push(start);
    tree.end.push(end);
    this.sums[node] = sums;
    return node;
  }

  private splittable(tree: GrownTree, node: number): boolean {
    const { rules } = this;
    if (rules.maxDepth !== undefined && (tree.depth[node] as number) >= rules.maxDepth) return false;
    if ((tree.count[node] as number) < 2 * rules.minSamplesLeaf || (tree.count[node] as number) < 2) return false;
    return (tree.hessian[node] as number) >= 2 * rules.minChildWeight;
  }

  private consider(node: number, hist: Float64Array, features: Int32Array, candidates: Candidate[]): void {
    const valueBins = this.data.valueBins;
    const split = findBestSplit(hist, features, (f) => valueBins[f] as number, this.sums[node] as NodeSums, this.rules);
    if (split === undefined) {
      this.release(hist);
      return;
    }
    candidates.push({ node, split, hist });
  }

  /** Index in `candidates` of the next node to split: best gain (leaf-wise) or shallowest (depth-wise); ties by node number. */
  private next(tree: GrownTree, candidates: Candidate[]): number {
    let best = 0;
    for (let c = 1; c < candidates.length; c++) {
      const a = candidates[c] as Candidate;
      const b = candidates[best] as Candidate;
      const better =
        this.rules.growth === 'leaf-wise'
          ? a.split.gain > b.split.gain || (a.split.gain === b.split.gain && a.node < b.node)
          : (tree.depth[a.node] as number) < (tree.depth[b.node] as number) || ((tree.depth[a.node] as number) === (tree.depth[b.node] as number) && a.node < b.node);
      if (better) best = c;
    }
    return best;
  }

  /** Stable partition of the node's rows: left rows first, both in ascending row order. Returns the first right position. */
  private partition(tree: GrownTree, node: number, split: Split): number {
    const { binned, rows } = this.data;
    const indices = tree.indices;
    const start = tree.start[node] as number;
    const end = tree.end[node] as number;
    const column = split.feature * rows;
    const threshold = split.bin;
    const missingLeft = split.missingLeft;
    let l = start;
    let r = 0;
    for (let k = start; k < end; k++) {
      const i = indices[k] as number;
      const bin = binned[column + i] as number;
      const goLeft = bin === 255 ? missingLeft : bin <= threshold;
      if (goLeft) indices[l++] = i;
      else this.scratch[r++] = i;
    }
    indices.set(this.scratch.subarray(0, r), l);
    return l;
  }

  private weightSum(weights: Float64Array | undefined, indices: Uint32Array, start: number, end: number): number {
    if (weights === undefined) return end - start;
    let s = 0;
    for (let k = start; k < end; k++) s += weights[indices[k] as number] as number;
    return s;
  }

  private take(): Float64Array {
    return this.pool.pop() ?? newHistogram(this.data.featureCount);
  }

  private release(hist: Float64Array): void {
    this.pool.push(hist);
  }
}
