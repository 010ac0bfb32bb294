import { ScoringForest, widen } from './ScoringForest.js';
import type { GrownTree } from './TreeGrower.js';

/** The saved model's format name and version (bump the version on any change to the JSON shape). */
export const GBDT_FORMAT = 'hmo-gbdt';
export const GBDT_FORMAT_VERSION = 1;

/** Most rows scored per block: the block's features stay in cache while every tree runs over it. */
const BLOCK_ROWS = 256;
/** Bytes of a widened block (16 a feature a row) that stay in a core's cache; wide models score fewer rows a block (137 inputs: 56 rows, ~15% faster than 256). */
const BLOCK_BYTES = 128 * 1024;

/** Rows per block for `features` inputs: as many as fit BLOCK_BYTES, a multiple of 4 (the rows walked together), 16 to BLOCK_ROWS. */
function blockRows(features: number): number {
  return Math.max(16, Math.min(BLOCK_ROWS, Math.floor(BLOCK_BYTES / (16 * Math.max(1, features)) / 4) * 4));
}

/** One tree in the saved JSON; node indices are local to the tree (root 0). */
export interface GbdtTreeJson {
  feature: number[];
  /** Raw-value threshold: x <= threshold goes left. Strings only for non-finite values ("Infinity"). */
  threshold: (number | string)[];
  bin_threshold: number[];
  missing_left: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
  gain: number[];
}

/** The saved model (`toJSON()` / `GradientBoostedTrees.fromJSON`). */
export interface GbdtJson {
  format: typeof GBDT_FORMAT;
  version: number;
  objective: 'binary-logloss';
  features: string[];
  base_score: number;
  /** Per feature, the bin edges the trees were grown on (see BinMapper). */
  bin_thresholds: (number | string)[][];
  trees: GbdtTreeJson[];
  /** How the fit went (iterations, early stopping); informative, not read back for scoring. */
  training: Record<string, unknown>;
}

/**
 * A trained binary classifier of gradient-boosted trees, with every tree
 * flattened into shared typed arrays (absolute node indices) for fast scoring.
 * The margin (log-odds) of a row is base_score + the sum of its leaf values.
 * Missing values are NaN; each split sends them to its stored default side.
 *
 * @example
 *   const model = GradientBoostedTrees.fromJSON(JSON.parse(text));
 *   const margins = model.predictMargin([electors, complaints]); // one Float64Array per feature
 */
export class GradientBoostedTrees {
  /** First node of each tree; treeStart[t + 1] is one past its last. */
  readonly treeStart: Int32Array;
  /** Feature index of each internal node; -1 for a leaf. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly binThreshold: Uint8Array;
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Where a missing value goes at each internal node (left or right child). */
  readonly missingChild: Int32Array;
  /** Leaf output (shrinkage applied); internal nodes hold what they would output as leaves. */
  readonly value: Float64Array;
  /** Training sample-weight sum per node (TreeSHAP's cover). */
  readonly cover: Float64Array;
  readonly gain: Float64Array;
  private expected: number | undefined;
  private forest: ScoringForest | undefined;

  constructor(
    readonly features: readonly string[],
    readonly baseScore: number,
    readonly binThresholds: readonly Float64Array[],
    trees: readonly GbdtTreeJsonNumeric[],
    readonly training: Record<string, unknown> = {},
  ) {
    const total = trees.reduce((s, t) => s + t.feature.length, 0);
    this.treeStart = new Int32Array(trees.length + 1);
    this.feature = new Int32Array(total);
    this.threshold = new Float64Array(total);
    this.binThreshold = new Uint8Array(total);
    this.missingLeft = new Uint8Array(total);
    this.left = new Int32Array(total);
    this.right = new Int32Array(total);
    this.missingChild = new Int32Array(total);
    this.value = new Float64Array(total);
    this.cover = new Float64Array(total);
    this.gain = new Float64Array(total);
    let offset = 0;
    trees.forEach((tree, t) => {
      this.treeStart[t] = offset;
      const n = tree.feature.length;
      for (let k = 0; k < n; k++) {
        const node = offset + k;
        const f = tree.feature[k] as number;
        if (!Number.isInteger(f) || f < -1 || f >= features.length) throw new Error(`tree ${t} node ${k}: feature index ${String(f)} is not one of the ${features.length} features`);
        this.feature[node] = f;
        this.threshold[node] = tree.threshold[k] as number;
        this.binThreshold[node] = tree.binThreshold[k] as number;
        this.missingLeft[node] = tree.missingLeft[k] ? 1 : 0;
        this.value[node] = tree.value[k] as number;
        this.cover[node] = tree.cover[k] as number;
        this.gain[node] = tree.gain[k] as number;
        if (f >= 0) {
          const l = tree.left[k] as number;
          const r = tree.right[k] as number;
          if (!(l > k && l < n && r > k && r < n)) throw new Error(`tree ${t} node ${k}: children ${l} and ${r} must come after it, within the tree's ${n} nodes`);
          this.left[node] = offset + l;
          this.right[node] = offset + r;
          this.missingChild[node] = tree.missingLeft[k] ? offset + l : offset + r;
        } else {
          this.left[node] = -1;
          this.right[node] = -1;
          this.missingChild[node] = -1;
        }
      }
      offset += n;
    });
    this.treeStart[trees.length] = offset;
  }

  get treeCount(): number {
    return this.treeStart.length - 1;
  }

  /** Builds the model from grown trees; `thresholds` are the BinMapper's edges (for the raw thresholds). */
  static fromGrown(features: readonly string[], baseScore: number, thresholds: readonly Float64Array[], grown: readonly GrownTree[], training: Record<string, unknown>): GradientBoostedTrees {
    const trees = grown.map((tree) => ({
      feature: tree.feature,
      threshold: tree.feature.map((f, k) => (f < 0 ? 0 : rawThreshold(thresholds[f] as Float64Array, tree.binThreshold[k] as number))),
      binThreshold: tree.binThreshold,
      missingLeft: tree.missingLeft,
      left: tree.left,
      right: tree.right,
      value: tree.value,
      cover: tree.cover,
      gain: tree.gain,
    }));
    return new GradientBoostedTrees(features, baseScore, thresholds, trees, training);
  }

  /**
   * Margins (log-odds) of rows given as one Float64Array per feature, in `features` order (NaN = missing).
   * `trees` limits scoring to the first trees (for early-stopping curves).
   */
  predictMargin(columns: readonly Float64Array[], trees = this.treeCount): Float64Array {
    if (columns.length !== this.features.length) throw new Error(`the model reads ${this.features.length} features; got ${columns.length} columns`);
    const rows = columns[0]?.length ?? 0;
    columns.forEach((column, f) => {
      if (column.length !== rows) throw new Error(`feature column ${f} (${this.features[f]}) has ${column.length} values; column 0 has ${rows}`);
    });
    return this.scoreBlocks(rows, trees, (r0, r1, widened) => {
      let finite = true;
      const width = 2 * columns.length;
      for (let f = 0; f < columns.length; f++) {
        const column = columns[f] as Float64Array;
        for (let i = r0; i < r1; i++) finite = widen(column[i] as number, widened, (i - r0) * width + 2 * f) && finite;
      }
      return finite;
    }, (r0, r1, block) => {
      const p = columns.length;
      for (let f = 0; f < p; f++) {
        const column = columns[f] as Float64Array;
        for (let i = r0; i < r1; i++) block[(i - r0) * p + f] = column[i] as number;
      }
    });
  }

  /**
   * Margins of rows given row-major (row i, feature f at [i * features + f]), as
   * Float64Array or Float32Array (Float32 values are widened to doubles exactly,
   * so both score with the same comparisons).
   */
  predictMarginRows(matrix: Float64Array | Float32Array, trees = this.treeCount): Float64Array {
    const p = this.features.length;
    if (matrix.length % p !== 0) throw new Error(`a row-major matrix of ${p} features needs a multiple of ${p} values; got ${matrix.length}`);
    const rows = matrix.length / p;
    return this.scoreBlocks(rows, trees, (r0, r1, widened) => {
      let finite = true;
      const end = r1 * p;
      for (let k = r0 * p, at = 0; k < end; k++, at += 2) finite = widen(matrix[k] as number, widened, at) && finite;
      return finite;
    }, (r0, r1, block) => {
      const end = r1 * p;
      for (let k = r0 * p, at = 0; k < end; k++, at++) block[at] = matrix[k] as number;
    });
  }

  /** Probabilities of the positive class (sigmoid of the margin). */
  predictProbability(columns: readonly Float64Array[]): Float64Array {
    const margin = this.predictMargin(columns);
    for (let i = 0; i < margin.length; i++) margin[i] = 1 / (1 + Math.exp(-(margin[i] as number)));
    return margin;
  }

  /** The scoring layout (ScoringForest), built on first use. */
  get scoringForest(): ScoringForest {
    if (this.forest === undefined) this.forest = new ScoringForest(this);
    return this.forest;
  }

  /**
   * Scores rows in blocks (`blockRows`): `widenBlock` fills the block's widened
   * rows (see ScoringForest) and says whether every value was finite or
   * missing; a block holding ±Infinity is filled plainly by `plainBlock` and
   * walked node by node with NaN tests instead (the same margins).
   */
  private scoreBlocks(
    rows: number,
    trees: number,
    widenBlock: (r0: number, r1: number, widened: Float64Array) => boolean,
    plainBlock: (r0: number, r1: number, block: Float64Array) => void,
  ): Float64Array {
    if (!(Number.isInteger(trees) && trees >= 0 && trees <= this.treeCount)) throw new Error(`trees must be an integer from 0 to ${this.treeCount}; got ${trees}`);
    const p = this.features.length;
    const forest = this.scoringForest;
    const out = new Float64Array(rows).fill(this.baseScore);
    const block = blockRows(p);
    const widened = new Float64Array(block * 2 * p);
    let plain: Float64Array | undefined;
    for (let r0 = 0; r0 < rows; r0 += block) {
      const r1 = Math.min(rows, r0 + block);
      if (widenBlock(r0, r1, widened)) {
        forest.scoreWidened(widened, 2 * p, r1 - r0, out, r0, trees);
      } else {
        plain ??= new Float64Array(block * p);
        plainBlock(r0, r1, plain);
        this.scoreBlock(plain, p, r1 - r0, out, r0, trees);
      }
    }
    return out;
  }

  /** The reference walk: the saved trees node by node, NaN to each split's missing child. */
  private scoreBlock(block: Float64Array, p: number, count: number, out: Float64Array, outOffset: number, trees: number): void {
    const { feature, threshold, left, right, missingChild, value, treeStart } = this;
    for (let t = 0; t < trees; t++) {
      const root = treeStart[t] as number;
      for (let i = 0; i < count; i++) {
        const rowOffset = i * p;
        let node = root;
        let f = feature[node] as number;
        while (f >= 0) {
          const x = block[rowOffset + f] as number;
          const t0 = threshold[node] as number;
          node = x <= t0 ? (left[node] as number) : x > t0 ? (right[node] as number) : (missingChild[node] as number);
          f = feature[node] as number;
        }
        out[outOffset + i] = (out[outOffset + i] as number) + (value[node] as number);
      }
    }
  }

  /**
   * The model's expected margin over the training rows' cover: base_score plus,
   * per tree, the cover-weighted mean of its leaves. TreeSHAP values of a row
   * sum to its margin minus this.
   */
  expectedValue(): number {
    if (this.expected === undefined) {
      let sum = this.baseScore;
      for (let t = 0; t < this.treeCount; t++) sum += this.expectedNode(this.treeStart[t] as number);
      this.expected = sum;
    }
    return this.expected;
  }

  private expectedNode(node: number): number {
    if ((this.feature[node] as number) < 0) return this.value[node] as number;
    const l = this.left[node] as number;
    const r = this.right[node] as number;
    const c = this.cover[node] as number;
    return ((this.cover[l] as number) / c) * this.expectedNode(l) + ((this.cover[r] as number) / c) * this.expectedNode(r);
  }

  /** Per feature: total split gain and number of splits over all trees (feature importance). */
  featureImportance(): { feature: string; gain: number; splits: number }[] {
    const gain = new Float64Array(this.features.length);
    const splits = new Int32Array(this.features.length);
    for (let node = 0; node < this.feature.length; node++) {
      const f = this.feature[node] as number;
      if (f < 0) continue;
      gain[f] = (gain[f] as number) + (this.gain[node] as number);
      splits[f] = (splits[f] as number) + 1;
    }
    return this.features.map((feature, f) => ({ feature, gain: gain[f] as number, splits: splits[f] as number }));
  }

  /** The versioned JSON form; `fromJSON(toJSON())` scores identically. */
  toJSON(): GbdtJson {
    const trees: GbdtTreeJson[] = [];
    for (let t = 0; t < this.treeCount; t++) {
      const start = this.treeStart[t] as number;
      const end = this.treeStart[t + 1] as number;
      const tree: GbdtTreeJson = { feature: [], threshold: [], bin_threshold: [], missing_left: [], left: [], right: [], value: [], cover: [], gain: [] };
      for (let node = start; node < end; node++) {
        const leaf = (this.feature[node] as number) < 0;
        tree.feature.push(this.feature[node] as number);
        tree.threshold.push(encodeNumber(this.threshold[node] as number));
        tree.bin_threshold.push(this.binThreshold[node] as number);
        tree.missing_left.push(this.missingLeft[node] as number);
        tree.left.push(leaf ? -1 : (this.left[node] as number) - start);
        tree.right.push(leaf ? -1 : (this.right[node] as number) - start);
        tree.value.push(this.value[node] as number);
        tree.cover.push(this.cover[node] as number);
        tree.gain.push(this.gain[node] as number);
      }
      trees.push(tree);
    }
    return {
      format: GBDT_FORMAT,
      version: GBDT_FORMAT_VERSION,
      objective: 'binary-logloss',
      features: [...this.features],
      base_score: this.baseScore,
      bin_thresholds: this.binThresholds.map((edges) => Array.from(edges, encodeNumber)),
      trees,
      training: this.training,
    };
  }

  /** Reads a saved model, refusing another format or a newer version with a message saying which. */
  static fromJSON(json: unknown): GradientBoostedTrees {
    const j = json as Partial<GbdtJson> | null;
    if (j === null || typeof j !== 'object' || j.format !== GBDT_FORMAT) {
      throw new Error(`not a gradient-boosted trees model: expected "format": "${GBDT_FORMAT}", got ${JSON.stringify(j?.format)}`);
    }
    if (j.version !== GBDT_FORMAT_VERSION) {
      throw new Error(`gradient-boosted trees model format version ${String(j.version)} is not supported (this program reads version ${GBDT_FORMAT_VERSION}); retrain the model or upgrade`);
    }
    if (!Array.isArray(j.features) || !Array.isArray(j.trees) || typeof j.base_score !== 'number' || !Array.isArray(j.bin_thresholds)) {
      throw new Error('gradient-boosted trees model is incomplete: it needs features, base_score, bin_thresholds and trees');
    }
    const trees = j.trees.map((tree, t) => {
      const n = tree.feature?.length ?? 0;
      for (const key of ['threshold', 'bin_threshold', 'missing_left', 'left', 'right', 'value', 'cover', 'gain'] as const) {
        if (!Array.isArray(tree[key]) || tree[key].length !== n) throw new Error(`tree ${t}: "${key}" must list ${n} nodes`);
      }
      return {
        feature: tree.feature,
        threshold: tree.threshold.map(decodeNumber),
        binThreshold: tree.bin_threshold,
        missingLeft: tree.missing_left.map((v) => v === 1),
        left: tree.left,
        right: tree.right,
        value: tree.value,
        cover: tree.cover,
        gain: tree.gain,
      };
    });
    return new GradientBoostedTrees(
      j.features,
      j.base_score,
      j.bin_thresholds.map((edges) => Float64Array.from(edges, decodeNumber)),
      trees,
      j.training ?? {},
    );
  }
}

/** A tree's node arrays as the constructor takes them (node indices local to the tree). */
export interface GbdtTreeJsonNumeric {
  feature: ArrayLike<number>;
  threshold: ArrayLike<number>;
  binThreshold: ArrayLike<number>;
  missingLeft: ArrayLike<boolean>;
  left: ArrayLike<number>;
  right: ArrayLike<number>;
  value: ArrayLike<number>;
  cover: ArrayLike<number>;
  gain: ArrayLike<number>;
}

/** The raw threshold of "bin <= bin": the bin's upper edge, or +Infinity for the last value bin (values left, missing right). */
export function rawThreshold(edges: Float64Array, bin: number): number {
  return bin < edges.length ? (edges[bin] as number) : Infinity;
}

function encodeNumber(x: number): number | string {
  return Number.isFinite(x) ? x : String(x);
}

function decodeNumber(x: number | string): number {
  if (typeof x === 'number') return x;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  throw new Error(`expected a number (or "Infinity"/"-Infinity") in the model; got ${JSON.stringify(x)}`);
}
