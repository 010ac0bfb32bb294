import type { GradientBoostedTrees } from './GradientBoostedTrees.js';

/**
 * Exact SHAP values of one row under the path-dependent tree distribution:
 * Lundberg, Erion & Lee (2018), "Consistent individualized feature attribution
 * for tree ensembles" (TreeSHAP), computed leaf by leaf as in Yang (2021),
 * "Fast TreeSHAP" (v2). A node's cover (the training sample-weight sum) sets
 * the share of rows that follow each branch when a feature is "unknown".
 *
 * The values, one per model feature in margin (log-odds) units, sum to the
 * row's margin minus `model.expectedValue()`.
 *
 * @example
 *   const phi = treeShap(model, (f) => columns[f][row]);
 *   // sum(phi) === model.predictMargin(columns)[row] - model.expectedValue() (to rounding)
 */
export function treeShap(model: GradientBoostedTrees, valueOf: (feature: number) => number): Float64Array {
  const explainer = explainerOf(model);
  const x = new Float64Array(model.features.length);
  for (let f = 0; f < x.length; f++) x[f] = valueOf(f);
  const phi = new Float64Array(x.length);
  explainer.explain(x, 1, phi);
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

/**
 * SHAP values of every row of a row-major matrix (row i, feature f at
 * [i * features + f]; NaN = missing), row-major in the same shape.
 *
 * @example
 *   const phi = treeShapMatrix(model, x); // phi[i * p + f]: feature f's share of row i's margin
 */
export function treeShapMatrix(model: GradientBoostedTrees, x: Float32Array | Float64Array): Float64Array {
  const p = model.features.length;
  if (x.length % p !== 0) throw new Error(`a row-major matrix of ${p} features needs a multiple of ${p} values; got ${x.length}`);
  const explainer = explainerOf(model);
  const out = new Float64Array(x.length);
  explainer.explain(x instanceof Float64Array ? x : Float64Array.from(x), x.length / p, out);
  return out;
}

/** One explainer per model (its per-leaf paths and tables), reused for every row. */
const explainers = new WeakMap<GradientBoostedTrees, LeafExplainer>();

function explainerOf(model: GradientBoostedTrees): LeafExplainer {
  let explainer = explainers.get(model);
  if (explainer === undefined) {
    explainer = new LeafExplainer(model);
    explainers.set(model, explainer);
  }
  return explainer;
}

/** Leaves whose path holds at most this many distinct features keep a table of K (2^d numbers, filled as rows need them). */
const MAX_TABLE_FEATURES = 12;
/** Most bytes of K tables per model (beyond it, leaves are computed afresh, as deep ones are). */
const TABLE_BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * TreeSHAP leaf by leaf. For a leaf with value v whose path splits on the
 * distinct features D (d of them), let z_j be the product of the cover shares
 * of the path's splits on feature j (the chance that a row with j unknown
 * follows the path there), and O ⊆ D the features whose splits the row follows
 * all the way. With w(k) = k!(d-k-1)!/d! and
 *
 *   K(U) = Σ_{S ⊆ U} w(|S|) Π_{j ∈ U\S} z_j,   Z = Π_{j ∈ D\O} z_j,
 *
 * the leaf adds v (1 - z_i) K(O \ {i}) Z to φ_i for i in O, and -v K(O) Z for
 * i in D \ O: the terms of Algorithm 2 of Lundberg et al., grouped by the set
 * of features the row agrees with. A row costs O(depth + d) per leaf instead
 * of O(d²) path updates, and K(U) depends on the leaf alone, so it is computed
 * once per leaf and set U met (a table for leaves of up to MAX_TABLE_FEATURES
 * features, within TABLE_BUDGET_BYTES per model); for the other leaves every K(O \ {i}) is derived from K(O)'s
 * polynomials in O(d).
 */
class LeafExplainer {
  /** Leaves of tree t: leafStart[t] .. leafStart[t + 1]. */
  private readonly leafStart: Int32Array;
  private readonly leafValue: Float64Array;
  /** Distinct features on the leaf's path: bits bitStart[l] .. bitStart[l + 1]. */
  private readonly bitStart: Int32Array;
  private readonly bitFeature: Int32Array;
  private readonly bitZero: Float64Array;
  /** The leaf's path splits: entryStart[l] .. entryStart[l + 1]: the node, the side taken (1 left, 0 right), the feature's bit. */
  private readonly entryStart: Int32Array;
  private readonly entryNode: Int32Array;
  private readonly entrySide: Uint8Array;
  private readonly entryBit: Int32Array;
  /** K tables of leaves with few features (NaN: not computed yet); noTable[leaf] = 1 once the budget ran out for it. */
  private readonly tables: (Float64Array | undefined)[];
  private readonly noTable: Uint8Array;
  private tableBytes = 0;
  /** w(k, d) at [d * (maxD + 1) + k]. */
  private readonly weights: Float64Array;
  private readonly maxD: number;
  /** Per row: 1 where the row goes left at a node. */
  private readonly goesLeft: Uint8Array;
  /** Scratch of the elementary symmetric polynomials (of O, and of O without one feature). */
  private readonly poly: Float64Array;
  private readonly without: Float64Array;

  constructor(private readonly model: GradientBoostedTrees) {
    const leafStart = [0];
    const leafValue: number[] = [];
    const bitStart = [0];
    const bitFeature: number[] = [];
    const bitZero: number[] = [];
    const entryStart = [0];
    const entryNode: number[] = [];
    const entrySide: number[] = [];
    const entryBit: number[] = [];
    let maxD = 0;
    // the path from the root to the current node: nodes and sides
    const pathNodes: number[] = [];
    const pathSides: number[] = [];
    const visit = (node: number): void => {
      if ((model.feature[node] as number) < 0) {
        if (pathNodes.length === 0) return; // a tree of one leaf: in the expected value, no feature's share
        const features: number[] = [];
        const zeros: number[] = [];
        for (let k = 0; k < pathNodes.length; k++) {
          const parent = pathNodes[k] as number;
          const f = model.feature[parent] as number;
          const child = k + 1 < pathNodes.length ? (pathNodes[k + 1] as number) : node;
          const share = (model.cover[child] as number) / (model.cover[parent] as number);
          let bit = features.indexOf(f);
          if (bit < 0) {
            bit = features.length;
            features.push(f);
            zeros.push(1);
          }
          zeros[bit] = (zeros[bit] as number) * share;
          entryNode.push(parent);
          entrySide.push(pathSides[k] as number);
          entryBit.push(bit);
        }
        leafValue.push(model.value[node] as number);
        bitFeature.push(...features);
        bitZero.push(...zeros);
        bitStart.push(bitFeature.length);
        entryStart.push(entryNode.length);
        maxD = Math.max(maxD, features.length);
        return;
      }
      pathNodes.push(node);
      pathSides.push(1);
      visit(model.left[node] as number);
      pathSides[pathSides.length - 1] = 0;
      visit(model.right[node] as number);
      pathNodes.pop();
      pathSides.pop();
    };
    for (let t = 0; t < model.treeCount; t++) {
      visit(model.treeStart[t] as number);
      leafStart.push(leafValue.length);
    }
    if (maxD > 30) throw new Error(`TreeSHAP: a leaf's path splits on ${maxD} distinct features; at most 30 are supported`);
    this.leafStart = Int32Array.from(leafStart);
    this.leafValue = Float64Array.from(leafValue);
    this.bitStart = Int32Array.from(bitStart);
    this.bitFeature = Int32Array.from(bitFeature);
    this.bitZero = Float64Array.from(bitZero);
    this.entryStart = Int32Array.from(entryStart);
    this.entryNode = Int32Array.from(entryNode);
    this.entrySide = Uint8Array.from(entrySide);
    this.entryBit = Int32Array.from(entryBit);
    this.tables = new Array<Float64Array | undefined>(leafValue.length).fill(undefined);
    this.noTable = new Uint8Array(leafValue.length);
    this.maxD = maxD;
    this.weights = new Float64Array((maxD + 1) * (maxD + 1));
    for (let d = 1; d <= maxD; d++) {
      // w(k, d) = k! (d - k - 1)! / d!, by the recurrence w(k + 1) = w(k) (k + 1) / (d - k - 1), w(0) = 1/d
      let w = 1 / d;
      for (let k = 0; k < d; k++) {
        this.weights[d * (maxD + 1) + k] = w;
        w = (w * (k + 1)) / (d - k - 1);
      }
    }
    this.goesLeft = new Uint8Array(model.feature.length);
    this.poly = new Float64Array(maxD + 2);
    this.without = new Float64Array(maxD + 2);
  }

  /**
   * Adds the SHAP values of the `rows` rows of x (row-major, p = the model's
   * features) into phi (the same shape), tree by tree over all the rows, so
   * that a tree's paths and K tables stay in cache while every row uses them.
   */
  explain(x: Float64Array, rows: number, phi: Float64Array): void {
    const m = this.model;
    const p = m.features.length;
    const { goesLeft, leafStart, leafValue, bitStart, bitFeature, bitZero, entryStart, entryNode, entrySide, entryBit } = this;
    for (let t = 0; t < m.treeCount; t++) {
      const first = leafStart[t] as number;
      const last = leafStart[t + 1] as number;
      if (first === last) continue;
      const start = m.treeStart[t] as number;
      const end = m.treeStart[t + 1] as number;
      for (let r = 0; r < rows; r++) {
      const offset = r * p;
      const phiOffset = offset;
      for (let node = start; node < end; node++) {
        const f = m.feature[node] as number;
        if (f < 0) continue;
        const v = x[offset + f] as number;
        const threshold = m.threshold[node] as number;
        goesLeft[node] = v <= threshold ? 1 : v > threshold ? 0 : (m.missingLeft[node] as number);
      }
      for (let leaf = first; leaf < last; leaf++) {
        const b0 = bitStart[leaf] as number;
        const d = (bitStart[leaf + 1] as number) - b0;
        // O: the features whose every split on the path the row follows
        let agree = (1 << d) - 1;
        for (let e = entryStart[leaf] as number; e < (entryStart[leaf + 1] as number); e++) {
          if (goesLeft[entryNode[e] as number] !== entrySide[e]) agree &= ~(1 << (entryBit[e] as number));
        }
        let z = 1;
        for (let b = 0; b < d; b++) if ((agree & (1 << b)) === 0) z *= bitZero[b0 + b] as number;
        const vz = (leafValue[leaf] as number) * z;
        if (vz === 0) continue;
        if (d <= MAX_TABLE_FEATURES && this.hasTable(leaf, d)) {
          const kAgree = this.k(leaf, b0, d, agree);
          for (let b = 0; b < d; b++) {
            const at = phiOffset + (bitFeature[b0 + b] as number);
            if ((agree & (1 << b)) !== 0) phi[at] = (phi[at] as number) + vz * (1 - (bitZero[b0 + b] as number)) * this.k(leaf, b0, d, agree & ~(1 << b));
            else phi[at] = (phi[at] as number) - vz * kAgree;
          }
        } else {
          this.addDeepLeaf(b0, d, agree, vz, phi, phiOffset);
        }
      }
      }
    }
  }

  /**
   * A leaf with many features: K(O) from the polynomials of O, and each
   * K(O \ {i}) by dividing z_i's factor out of them (O(d) each), O(d²) in all.
   */
  private addDeepLeaf(b0: number, d: number, agree: number, vz: number, phi: Float64Array, phiOffset: number): void {
    const { bitFeature, bitZero, poly: e, without } = this;
    const size = this.polynomials(b0, d, agree);
    const row = d * (this.maxD + 1);
    let kAgree = 0;
    for (let k = 0; k <= size; k++) kAgree += (this.weights[row + k] as number) * (e[size - k] as number);
    for (let b = 0; b < d; b++) {
      const at = phiOffset + (bitFeature[b0 + b] as number);
      if ((agree & (1 << b)) === 0) {
        phi[at] = (phi[at] as number) - vz * kAgree;
        continue;
      }
      const zb = bitZero[b0 + b] as number;
      // (1 + zb t) divided out: without[j] = e[j] - zb without[j - 1]
      without[0] = 1;
      for (let j = 1; j < size; j++) without[j] = (e[j] as number) - zb * (without[j - 1] as number);
      let kWithout = 0;
      for (let k = 0; k < size; k++) kWithout += (this.weights[row + k] as number) * (without[size - 1 - k] as number);
      phi[at] = (phi[at] as number) + vz * (1 - zb) * kWithout;
    }
  }

  /** Fills `poly` with the elementary symmetric polynomials e_0..e_|U| of the z of U; returns |U|. */
  private polynomials(b0: number, d: number, set: number): number {
    const e = this.poly;
    e[0] = 1;
    let size = 0;
    for (let b = 0; b < d; b++) {
      if ((set & (1 << b)) === 0) continue;
      const zb = this.bitZero[b0 + b] as number;
      size++;
      e[size] = 0;
      for (let j = size; j >= 1; j--) e[j] = (e[j] as number) + zb * (e[j - 1] as number);
    }
    return size;
  }

  /** Whether the leaf has a K table: made on first use while the budget lasts. */
  private hasTable(leaf: number, d: number): boolean {
    if (this.tables[leaf] !== undefined) return true;
    if (this.noTable[leaf] === 1) return false;
    const bytes = 8 << d;
    if (this.tableBytes + bytes > TABLE_BUDGET_BYTES) {
      this.noTable[leaf] = 1;
      return false;
    }
    this.tableBytes += bytes;
    this.tables[leaf] = new Float64Array(1 << d).fill(Number.NaN);
    return true;
  }

  /** K(U) of a leaf with a table (U: a bit set of its features). */
  private k(leaf: number, b0: number, d: number, set: number): number {
    const table = this.tables[leaf] as Float64Array;
    let value = table[set] as number;
    if (value !== value) {
      value = this.computeK(b0, d, set);
      table[set] = value;
    }
    return value;
  }

  /** K(U) = Σ_k w(k, d) e_{|U|-k}(z_U). */
  private computeK(b0: number, d: number, set: number): number {
    const size = this.polynomials(b0, d, set);
    const row = d * (this.maxD + 1);
    let sum = 0;
    for (let k = 0; k <= size; k++) sum += (this.weights[row + k] as number) * (this.poly[size - k] as number);
    return sum;
  }
}
