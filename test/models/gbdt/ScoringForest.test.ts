import { DEFAULT_GBDT_SETTINGS } from '../../../models/gbdt/GbdtSettings.js';
import { GradientBoostedTrees } from '../../../models/gbdt/GradientBoostedTrees.js';
import { fitGradientBoostedTrees } from '../../../models/gbdt/fitGradientBoostedTrees.js';
import { ScoringForest } from '../../../models/gbdt/ScoringForest.js';
import { Random } from '../../../pipeline/util/Random.js';

/** The margin of one row by walking the saved trees node by node (NaN to the missing side): the definition scoring must match bit for bit. */
function referenceMargin(model: GradientBoostedTrees, x: (f: number) => number): number {
  let margin = model.baseScore;
  for (let t = 0; t < model.treeCount; t++) {
    let node = model.treeStart[t] as number;
    while ((model.feature[node] as number) >= 0) {
      const v = x(model.feature[node] as number);
      const threshold = model.threshold[node] as number;
      node = Number.isNaN(v) ? (model.missingChild[node] as number) : v <= threshold ? (model.left[node] as number) : (model.right[node] as number);
    }
    margin += model.value[node] as number;
  }
  return margin;
}

describe('ScoringForest (the scoring layout)', () => {
  test('scores bit-identically to walking the saved trees, NaN and ±Infinity included, in blocks of any length', () => {
    const rng = new Random(11);
    const n = 3000;
    const columns = Array.from({ length: 5 }, () => new Float64Array(n));
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (const column of columns) column[i] = rng.chance(0.15) ? Number.NaN : Math.round(rng.normal() * 20) / 4;
      const a = columns[0]?.[i] as number;
      labels[i] = rng.uniform() < (Number.isNaN(a) ? 0.7 : 1 / (1 + Math.exp(-a))) ? 1 : 0;
    }
    const { model } = fitGradientBoostedTrees({ features: ['a', 'b', 'c', 'd', 'e'], columns, labels }, { ...DEFAULT_GBDT_SETTINGS, max_iter: 30, early_stopping: false, min_samples_leaf: 5 }, 3);
    // rows the trees never saw, odd in length (not a multiple of the 4-row step or the 256-row block); ±Infinity only in the last block (scored by the reference walk), so the others take the widened path
    const rows = 1037;
    const test = Array.from({ length: 5 }, () => new Float64Array(rows));
    for (let i = 0; i < rows; i++) {
      for (const column of test) column[i] = rng.chance(0.2) ? Number.NaN : i >= 800 && rng.chance(0.01) ? (rng.chance(0.5) ? Infinity : -Infinity) : rng.normal() * 6;
    }
    const byColumn = model.predictMargin(test);
    const matrix = new Float32Array(rows * 5);
    for (let i = 0; i < rows; i++) for (let f = 0; f < 5; f++) matrix[i * 5 + f] = test[f]?.[i] as number;
    const byRow = model.predictMarginRows(matrix);
    for (let i = 0; i < rows; i++) {
      expect(byColumn[i]).toBe(referenceMargin(model, (f) => test[f]?.[i] as number));
      expect(byRow[i]).toBe(referenceMargin(model, (f) => matrix[i * 5 + f] as number));
    }
    expect(Array.from(model.predictMargin(test, 7))).toEqual(Array.from(GradientBoostedTrees.fromJSON({ ...model.toJSON(), trees: model.toJSON().trees.slice(0, 7) }).predictMargin(test)));
  });

  test('a chain tree (much deeper than its mean path) is walked to its leaf; a split on +Infinity keeps present values left', () => {
    // feature 0: x <= 0 -> leaf 1; else x <= 1 -> leaf 2; else x <= 2 -> ... (a chain of 6 splits); feature 1: present | missing (threshold +Infinity, missing right)
    const depth = 6;
    const feature: number[] = [];
    const threshold: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const value: number[] = [];
    const cover: number[] = [];
    for (let d = 0; d < depth; d++) {
      const node = feature.length;
      feature.push(0, -1);
      threshold.push(d, 0);
      left.push(node + 1, -1);
      right.push(node + 2, -1);
      value.push(0, d + 1);
      cover.push(1000 >> d, 1000 >> (d + 1));
    }
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(100);
    cover.push(1);
    const tree = { feature, threshold, binThreshold: feature.map(() => 0), missingLeft: feature.map(() => false), left, right, value, cover, gain: feature.map(() => 0) };
    const present = { feature: [1, -1, -1], threshold: [Infinity, 0, 0], binThreshold: [3, 0, 0], missingLeft: [false, false, false], left: [1, -1, -1], right: [2, -1, -1], value: [0, 0.5, -0.5], cover: [10, 9, 1], gain: [1, 0, 0] };
    const model = new GradientBoostedTrees(['x', 'y'], 0, [new Float64Array(0), new Float64Array(0)], [tree, present]);
    const forest = new ScoringForest(model);
    expect(forest.depth[0]).toBe(depth);
    expect(forest.fixedDepth[0]).toBe(0); // mean path ~2 by cover: row by row
    const x = Float64Array.from([-1, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, Number.NaN, 1e300]);
    const y = Float64Array.from([1, Number.NaN, 3, 1e308, Number.NaN, 0, -5, 2, Number.NaN]);
    expect(Array.from(model.predictMargin([x, y]))).toEqual([1.5, 1.5, 3.5, 4.5, 4.5, 6.5, 100.5, 100.5, 99.5]);
  });
});
