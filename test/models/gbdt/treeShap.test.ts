import { DEFAULT_GBDT_SETTINGS } from '../../../models/gbdt/GbdtSettings.js';
import { GradientBoostedTrees, type GbdtTreeJsonNumeric } from '../../../models/gbdt/GradientBoostedTrees.js';
import { fitGradientBoostedTrees } from '../../../models/gbdt/fitGradientBoostedTrees.js';
import { treeShap, treeShapMatrix, treeShapRows } from '../../../models/gbdt/treeShap.js';
import { Random } from '../../../pipeline/util/Random.js';

/** A tree from nodes listed as [feature, threshold, missingLeft, left, right, value, cover] (feature -1: leaf). */
function tree(nodes: [number, number, boolean, number, number, number, number][]): GbdtTreeJsonNumeric {
  return {
    feature: nodes.map((n) => n[0]),
    threshold: nodes.map((n) => n[1]),
    binThreshold: nodes.map(() => 0),
    missingLeft: nodes.map((n) => n[2]),
    left: nodes.map((n) => n[3]),
    right: nodes.map((n) => n[4]),
    value: nodes.map((n) => n[5]),
    cover: nodes.map((n) => n[6]),
    gain: nodes.map(() => 0),
  };
}

/**
 * Brute-force Shapley values of the path-dependent value function
 * v(S) = E[f | x_S] (unknown features follow both branches by cover), over every subset.
 */
function bruteForceShap(model: GradientBoostedTrees, x: number[]): number[] {
  const p = model.features.length;
  const conditional = (node: number, known: Set<number>): number => {
    const f = model.feature[node] as number;
    if (f < 0) return model.value[node] as number;
    const l = model.left[node] as number;
    const r = model.right[node] as number;
    if (known.has(f)) {
      const v = x[f] as number;
      const t = model.threshold[node] as number;
      return conditional(v <= t ? l : v > t ? r : (model.missingChild[node] as number), known);
    }
    const c = model.cover[node] as number;
    return ((model.cover[l] as number) / c) * conditional(l, known) + ((model.cover[r] as number) / c) * conditional(r, known);
  };
  const value = (known: Set<number>) => {
    let s = model.baseScore;
    for (let t = 0; t < model.treeCount; t++) s += conditional(model.treeStart[t] as number, known);
    return s;
  };
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const phi = new Array(p).fill(0);
  for (let mask = 0; mask < 1 << p; mask++) {
    const known = new Set<number>();
    for (let f = 0; f < p; f++) if (mask & (1 << f)) known.add(f);
    const vS = value(known);
    for (let f = 0; f < p; f++) {
      if (known.has(f)) continue;
      const weight = (factorial(known.size) * factorial(p - known.size - 1)) / factorial(p);
      phi[f] += weight * (value(new Set([...known, f])) - vS);
    }
  }
  return phi;
}

describe('treeShap', () => {
  test('matches a hand computation on a two-feature tree', () => {
    // root: x0 <= 0.5 (cover 10) -> [x1 <= 0.5 (cover 4) -> A = 1 (2) | B = 3 (2)] | C = 5 (6)
    const model = new GradientBoostedTrees(['x0', 'x1'], 0, [new Float64Array(0), new Float64Array(0)], [
      tree([
        [0, 0.5, true, 1, 4, 0, 10],
        [1, 0.5, true, 2, 3, 0, 4],
        [-1, 0, false, -1, -1, 1, 2],
        [-1, 0, false, -1, -1, 3, 2],
        [-1, 0, false, -1, -1, 5, 6],
      ]),
    ]);
    // E = 0.2*1 + 0.2*3 + 0.6*5 = 3.8; f{x0} = 2; f{x1} = 0.4*1 + 0.6*5 = 3.4; f{x0,x1} = 1
    expect(model.expectedValue()).toBeCloseTo(3.8, 12);
    const phi = treeShap(model, () => 0);
    expect(phi[0]).toBeCloseTo(0.5 * (2 - 3.8 + (1 - 3.4)), 12); // -2.1
    expect(phi[1]).toBeCloseTo(0.5 * (3.4 - 3.8 + (1 - 2)), 12); // -0.7
  });

  test('handles a feature split twice on one path (the unwind step) and missing values', () => {
    // x0 <= 0 -> [x0 <= -1 -> 1 | x1 <= 0 (missing right) -> 2 | 7] | 4
    const model = new GradientBoostedTrees(['x0', 'x1', 'x2'], 0.25, [new Float64Array(0), new Float64Array(0), new Float64Array(0)], [
      tree([
        [0, 0, true, 1, 6, 0, 20],
        [0, -1, true, 2, 3, 0, 12],
        [-1, 0, false, -1, -1, 1, 5],
        [1, 0, false, 4, 5, 0, 7],
        [-1, 0, false, -1, -1, 2, 3],
        [-1, 0, false, -1, -1, 7, 4],
        [-1, 0, false, -1, -1, 4, 8],
      ]),
      tree([
        [2, 1, false, 1, 2, 0, 20],
        [-1, 0, false, -1, -1, -1, 15],
        [-1, 0, false, -1, -1, 2, 5],
      ]),
    ]);
    for (const x of [
      [-0.5, NaN, 3],
      [-2, 1, 0],
      [1, -1, NaN],
      [-0.5, -1, 1],
    ]) {
      const phi = treeShap(model, (f) => x[f] as number);
      const exact = bruteForceShap(model, x);
      for (let f = 0; f < 3; f++) expect(phi[f]).toBeCloseTo(exact[f] as number, 12);
      const margin = model.predictMargin(x.map((v) => Float64Array.of(v)))[0] as number;
      expect(phi.reduce((s, v) => s + v, 0)).toBeCloseTo(margin - model.expectedValue(), 12);
    }
  });

  test('on a fitted model, equals brute-force Shapley values and sums to the margin minus the expected value', () => {
    const rng = new Random(5);
    const n = 1500;
    const columns = Array.from({ length: 4 }, () => Float64Array.from({ length: n }, () => (rng.chance(0.15) ? NaN : rng.normal())));
    const labels = Uint8Array.from({ length: n }, (_, i) => {
      const a = columns[0]?.[i] as number;
      const b = columns[1]?.[i] as number;
      return rng.uniform() < 1 / (1 + Math.exp(-((Number.isNaN(a) ? 1 : a) * (b > 0 ? 2 : 0.5)))) ? 1 : 0;
    });
    const { model } = fitGradientBoostedTrees({ features: ['a', 'b', 'c', 'd'], columns, labels }, { ...DEFAULT_GBDT_SETTINGS, max_iter: 15, max_leaf_nodes: 8, min_samples_leaf: 10 }, 3);
    const margins = model.predictMargin(columns);
    const rows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const phis = treeShapRows(model, columns, rows);
    rows.forEach((row, k) => {
      const phi = phis[k] as Float64Array;
      expect(phi.reduce((s, v) => s + v, 0)).toBeCloseTo((margins[row] as number) - model.expectedValue(), 10);
      const exact = bruteForceShap(model, columns.map((c) => c[row] as number));
      for (let f = 0; f < 4; f++) expect(phi[f]).toBeCloseTo(exact[f] as number, 10);
    });
  });

  test('a leaf under 14 distinct features (past the K tables: computed afresh) equals brute force; the matrix form equals row by row', () => {
    // a chain: node k splits feature k at 0 (missing left on odd k); its left child is a leaf of value k + 1, its right child the next split
    const p = 14;
    const nodes: [number, number, boolean, number, number, number, number][] = [];
    for (let k = 0; k < p; k++) {
      const node = nodes.length;
      const cover = 2 ** (p - k + 1);
      nodes.push([k, 0, k % 2 === 1, node + 1, node + 2, 0, cover]);
      nodes.push([-1, 0, false, -1, -1, k + 1, cover / 2 - (k % 3)]);
    }
    nodes.push([-1, 0, false, -1, -1, -3, 4]);
    // covers must add up: a split's cover is its children's sum
    for (let k = p - 1; k >= 0; k--) {
      const at = 2 * k;
      (nodes[at] as number[])[6] = ((nodes[at + 1] as number[])[6] as number) + ((nodes[at + 2] as number[])[6] as number);
    }
    const names = Array.from({ length: p }, (_, f) => `x${f}`);
    const model = new GradientBoostedTrees(names, 0.1, names.map(() => new Float64Array(0)), [tree(nodes)]);
    const rng = new Random(9);
    const rows = Array.from({ length: 6 }, (_, r) => Array.from({ length: p }, () => (r === 0 ? 1 : rng.chance(0.2) ? NaN : rng.chance(0.8) ? 1 : -1)));
    const matrix = Float64Array.from(rows.flat());
    const byMatrix = treeShapMatrix(model, matrix);
    rows.forEach((x, r) => {
      const phi = treeShap(model, (f) => x[f] as number);
      const exact = bruteForceShap(model, x);
      for (let f = 0; f < p; f++) {
        expect(phi[f]).toBeCloseTo(exact[f] as number, 10);
        expect(byMatrix[r * p + f]).toBe(phi[f]);
      }
      const margin = model.predictMargin(x.map((v) => Float64Array.of(v)))[0] as number;
      expect(phi.reduce((s, v) => s + v, 0)).toBeCloseTo(margin - model.expectedValue(), 10);
    });
  });
});
