/**
 * The trees of a model laid out for scoring: every tree's nodes renumbered
 * breadth-first so that the two children of a node sit side by side (right =
 * left + 1), and every split reduced to one comparison `x <= threshold` on a
 * widened row in which each feature has two slots: `lo` (missing = -Infinity)
 * and `hi` (missing = +Infinity). A split that sends missing values left reads
 * the `lo` slot, one that sends them right reads the `hi` slot, so the inner
 * loop is one load, one comparison and one add per node, with no NaN test:
 *
 *   node = child[node] + +(row[slot[node]] > threshold[node])
 *
 * A leaf points to itself (threshold +Infinity), so a tree can be walked a
 * fixed number of steps (its depth) without a test for having arrived: four
 * rows are walked together, their steps independent of each other, which keeps
 * the processor busy while each waits on its loads (about 1.5x the node-by-node
 * walk). A tree much deeper than its rows' mean path (a long chain of a
 * leaf-wise tree) is walked row by row until the leaf instead.
 *
 * Rows holding ±Infinity (which the widened slots cannot tell from missing)
 * are scored by the caller's exact reference walk instead. Either way the
 * margins are bit-identical to walking the saved trees: the same leaves, added
 * in tree order.
 *
 * @example
 *   const forest = new ScoringForest(model);
 *   forest.scoreRows(matrix, features, out, baseScore); // out[i] = margin of row i
 */
export class ScoringForest {
  /** First node of each tree in the arrays below. */
  readonly treeStart: Int32Array;
  /** Slot read by an internal node (2f for lo, 2f + 1 for hi); 0 for a leaf. */
  readonly slot: Int32Array;
  /** Split threshold; +Infinity for a leaf (every row stays). */
  readonly threshold: Float64Array;
  /** Index of the left child (the right one follows it); a leaf's own index. */
  readonly child: Int32Array;
  /** Leaf outputs (0 at internal nodes). */
  readonly value: Float64Array;
  /** Edges from each tree's root to its deepest leaf. */
  readonly depth: Int32Array;
  /** 1 when a tree is walked a fixed `depth` steps, 0 when row by row to the leaf. */
  readonly fixedDepth: Uint8Array;

  /**
   * @param nodes the model's node arrays (absolute indices, trees in order).
   */
  constructor(nodes: {
    treeStart: Int32Array;
    feature: Int32Array;
    threshold: Float64Array;
    left: Int32Array;
    right: Int32Array;
    missingLeft: Uint8Array;
    value: Float64Array;
    cover: Float64Array;
  }) {
    const total = nodes.feature.length;
    const trees = nodes.treeStart.length - 1;
    this.treeStart = new Int32Array(trees + 1);
    this.slot = new Int32Array(total);
    this.threshold = new Float64Array(total);
    this.child = new Int32Array(total);
    this.value = new Float64Array(total);
    this.depth = new Int32Array(trees);
    this.fixedDepth = new Uint8Array(trees);
    const order = new Int32Array(total);
    const nodeDepth = new Int32Array(total);
    for (let t = 0; t < trees; t++) {
      const start = nodes.treeStart[t] as number;
      this.treeStart[t] = start;
      // breadth-first: position k of the tree holds old node order[k]; children are appended in pairs
      let head = start;
      let tail = start;
      order[tail++] = start;
      while (head < tail) {
        const k = head++;
        const old = order[k] as number;
        const f = nodes.feature[old] as number;
        if (f < 0) {
          this.slot[k] = 0;
          this.threshold[k] = Infinity;
          this.child[k] = k;
          this.value[k] = nodes.value[old] as number;
          continue;
        }
        const missingLeft = nodes.missingLeft[old] === 1;
        const threshold = nodes.threshold[old] as number;
        this.slot[k] = 2 * f + (missingLeft ? 0 : 1);
        // present values against +Infinity with missing on the right: every finite value goes left, missing (+Infinity in hi) right
        this.threshold[k] = !missingLeft && threshold === Infinity ? Number.MAX_VALUE : threshold;
        this.child[k] = tail;
        nodeDepth[tail] = (nodeDepth[k] as number) + 1;
        order[tail++] = nodes.left[old] as number;
        nodeDepth[tail] = (nodeDepth[k] as number) + 1;
        order[tail++] = nodes.right[old] as number;
      }
      // depth, and the training rows' mean path length (leaf depths weighted by cover)
      let deepest = 0;
      let pathSum = 0;
      let coverSum = 0;
      for (let k = start; k < tail; k++) {
        if ((this.child[k] as number) !== k) continue;
        const d = nodeDepth[k] as number;
        const c = nodes.cover[order[k] as number] as number;
        deepest = Math.max(deepest, d);
        pathSum += d * c;
        coverSum += c;
      }
      const meanPath = coverSum > 0 ? pathSum / coverSum : deepest;
      this.depth[t] = deepest;
      this.fixedDepth[t] = deepest <= 2 * meanPath + 2 ? 1 : 0;
    }
    this.treeStart[trees] = total;
  }

  /**
   * Adds the trees' leaf values to `out[outOffset + i]` for the `count` widened
   * rows of `block` (row i at [i * width ...], width = 2 × features), tree by
   * tree so that each tree's nodes stay in cache over the block.
   */
  scoreWidened(block: Float64Array, width: number, count: number, out: Float64Array, outOffset: number, trees: number): void {
    const { slot, threshold, child, value, treeStart } = this;
    for (let t = 0; t < trees; t++) {
      const root = treeStart[t] as number;
      let i = 0;
      if (this.fixedDepth[t] === 1) {
        const steps = this.depth[t] as number;
        for (; i + 3 < count; i += 4) {
          const a = i * width;
          const b = a + width;
          const c = b + width;
          const d = c + width;
          let n0 = root;
          let n1 = root;
          let n2 = root;
          let n3 = root;
          for (let s = 0; s < steps; s++) {
            n0 = (child[n0] as number) + +((block[a + (slot[n0] as number)] as number) > (threshold[n0] as number));
            n1 = (child[n1] as number) + +((block[b + (slot[n1] as number)] as number) > (threshold[n1] as number));
            n2 = (child[n2] as number) + +((block[c + (slot[n2] as number)] as number) > (threshold[n2] as number));
            n3 = (child[n3] as number) + +((block[d + (slot[n3] as number)] as number) > (threshold[n3] as number));
          }
          const o = outOffset + i;
          out[o] = (out[o] as number) + (value[n0] as number);
          out[o + 1] = (out[o + 1] as number) + (value[n1] as number);
          out[o + 2] = (out[o + 2] as number) + (value[n2] as number);
          out[o + 3] = (out[o + 3] as number) + (value[n3] as number);
        }
      }
      for (; i < count; i++) {
        const row = i * width;
        let node = root;
        let next = child[node] as number;
        while (next !== node) {
          node = next + +((block[row + (slot[node] as number)] as number) > (threshold[node] as number));
          next = child[node] as number;
        }
        out[outOffset + i] = (out[outOffset + i] as number) + (value[node] as number);
      }
    }
  }
}

/**
 * Writes value `v` of feature f into the widened row at `at` (slots 2f, 2f + 1).
 * Returns false for ±Infinity, which the widened form cannot hold apart from missing.
 */
export function widen(v: number, block: Float64Array, at: number): boolean {
  if (v !== v) {
    block[at] = -Infinity;
    block[at + 1] = Infinity;
    return true;
  }
  block[at] = v;
  block[at + 1] = v;
  return v !== Infinity && v !== -Infinity;
}
