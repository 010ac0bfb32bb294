import { createHash } from 'node:crypto';
import { DEFAULT_GBDT_SETTINGS, type GbdtSettings, gbdtSettingsProblems } from '../../../models/gbdt/GbdtSettings.js';
import { GradientBoostedTrees } from '../../../models/gbdt/GradientBoostedTrees.js';
import { fitGradientBoostedTrees, stratifiedSplit } from '../../../models/gbdt/fitGradientBoostedTrees.js';
import { rocAuc } from '../../../models/metrics.js';
import { Random } from '../../../pipeline/util/Random.js';

/** One tree, one split, no shrinkage: the tree is exactly the best split with Newton leaf values. */
const stump: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, max_iter: 1, max_leaf_nodes: 2, min_samples_leaf: 1, learning_rate: 1, early_stopping: false };

function noisyData(n: number, seed: number, p = 6): { features: string[]; columns: Float64Array[]; labels: Uint8Array } {
  const rng = new Random(seed);
  const columns = Array.from({ length: p }, () => new Float64Array(n));
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (const column of columns) column[i] = rng.chance(0.1) ? Number.NaN : rng.normal();
    const a = columns[0]?.[i] as number;
    const b = columns[1]?.[i] as number;
    const z = (Number.isNaN(a) ? 1 : a) + (b > 0.5 ? 1.5 : 0) - 0.8;
    labels[i] = rng.uniform() < 1 / (1 + Math.exp(-2 * z)) ? 1 : 0;
  }
  return { features: columns.map((_, f) => `f${f}`), columns, labels };
}

describe('fitGradientBoostedTrees', () => {
  test('a stump finds the hand-checked split and Newton leaf values', () => {
    // x: 1..8, labels 0 0 0 1 1 1 1 1; noise feature z that separates worse
    const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const z = Float64Array.from([5, 1, 6, 2, 7, 3, 8, 4]);
    const y = Uint8Array.from([0, 0, 0, 1, 1, 1, 1, 1]);
    const { model } = fitGradientBoostedTrees({ features: ['z', 'x'], columns: [z, x], labels: y }, stump, 1);
    // base: log(5/3); p = 5/8 for every row: g = 0.625 (y=0) or -0.375 (y=1), h = 0.234375
    expect(model.baseScore).toBeCloseTo(Math.log(5 / 3), 14);
    expect(model.treeCount).toBe(1);
    expect(model.feature[0]).toBe(1); // x
    expect(model.threshold[0]).toBe(3.5); // midpoint between 3 and 4
    const left = model.left[0] as number;
    const right = model.right[0] as number;
    expect(model.value[left]).toBeCloseTo(-(3 * 0.625) / (3 * 0.234375), 12); // -2.6667
    expect(model.value[right]).toBeCloseTo((5 * 0.375) / (5 * 0.234375), 12); // 1.6
    // gain: G_L^2/H_L + G_R^2/H_R - G^2/H with G = 0
    expect(model.gain[0]).toBeCloseTo(1.875 ** 2 / 0.703125 + 1.875 ** 2 / 1.171875, 10);
    expect(model.cover[0]).toBe(8);
    expect([model.cover[left], model.cover[right]]).toEqual([3, 5]);
  });

  test('the L2 penalty shrinks leaf values: -G/(H+lambda)', () => {
    const x = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const y = Uint8Array.from([0, 0, 0, 1, 1, 1, 1, 1]);
    const { model } = fitGradientBoostedTrees({ features: ['x'], columns: [x], labels: y }, { ...stump, l2_regularization: 1 }, 1);
    expect(model.value[model.left[0] as number]).toBeCloseTo(-1.875 / (0.703125 + 1), 12);
  });

  test('routes missing values to the side their labels belong to, and scores NaN that way', () => {
    // missing rows are positives like the high values: missing goes right
    const x = Float64Array.from([1, 2, 3, 4, 10, 11, 12, 13, NaN, NaN, NaN]);
    const y = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]);
    const right = fitGradientBoostedTrees({ features: ['x'], columns: [x], labels: y }, stump, 1).model;
    expect(right.threshold[0]).toBe(7);
    expect(right.missingLeft[0]).toBe(0);
    const scores = right.predictMargin([Float64Array.from([NaN, 12, 2])]);
    expect(scores[0]).toBe(scores[1]);
    expect(scores[0]).toBeGreaterThan(scores[2] as number);
    // missing rows are negatives like the low values: missing goes left
    const y2 = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0]);
    const left = fitGradientBoostedTrees({ features: ['x'], columns: [x], labels: y2 }, stump, 1).model;
    expect(left.threshold[0]).toBe(7);
    expect(left.missingLeft[0]).toBe(1);
    const s2 = left.predictMargin([Float64Array.from([NaN, 12, 2])]);
    expect(s2[0]).toBe(s2[2]);
  });

  test('a split on missingness alone: present values left, missing right', () => {
    const x = Float64Array.from([1, 2, 3, 4, NaN, NaN, NaN, NaN]);
    const y = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const { model } = fitGradientBoostedTrees({ features: ['x'], columns: [x], labels: y }, stump, 1);
    expect(model.threshold[0]).toBe(Infinity);
    expect(model.missingLeft[0]).toBe(0);
    const s = model.predictMargin([Float64Array.from([NaN, 1e9, -3])]);
    expect(s[1]).toBe(s[2]);
    expect(s[0]).toBeGreaterThan(s[1] as number);
    // the saved form keeps the infinite threshold
    const copy = GradientBoostedTrees.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(copy.predictMargin([Float64Array.from([NaN, 1e9, -3])]))).toEqual(Array.from(s));
  });

  test('a feature never missing in training sends NaN to the child with more training rows', () => {
    const x = Float64Array.from([1, 2, 10, 11, 12, 13, 14, 15]);
    const y = Uint8Array.from([0, 0, 1, 1, 1, 1, 1, 1]);
    const { model } = fitGradientBoostedTrees({ features: ['x'], columns: [x], labels: y }, stump, 1);
    expect(model.missingLeft[0]).toBe(0);
    const s = model.predictMargin([Float64Array.from([NaN, 12])]);
    expect(s[0]).toBe(s[1]);
  });

  test('is deterministic for a seed, with row and column subsampling; another seed differs', () => {
    const data = noisyData(3000, 3);
    const settings: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, max_iter: 30, row_subsample: 0.7, col_subsample: 0.5, early_stopping: true };
    const a = fitGradientBoostedTrees(data, settings, 11).model.toJSON();
    const b = fitGradientBoostedTrees(data, settings, 11).model.toJSON();
    const c = fitGradientBoostedTrees(data, settings, 12).model.toJSON();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  test('max_rows_per_tree: a cap at or above the training rows changes nothing; below them each tree grows on a seeded sample of that many rows', () => {
    const data = noisyData(3000, 13);
    const settings: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, max_iter: 25, early_stopping: true };
    const plain = fitGradientBoostedTrees(data, settings, 21);
    // 3,000 rows, 10% held back: 2,700 training rows
    expect(plain.trainRows).toBe(2700);
    const atCap = fitGradientBoostedTrees(data, { ...settings, max_rows_per_tree: 2700 }, 21);
    const aboveCap = fitGradientBoostedTrees(data, { ...settings, max_rows_per_tree: 1_000_000 }, 21);
    expect(JSON.stringify(atCap.model.toJSON())).toBe(JSON.stringify(plain.model.toJSON()));
    expect(JSON.stringify(aboveCap.model.toJSON())).toBe(JSON.stringify(plain.model.toJSON()));
    const capped = fitGradientBoostedTrees(data, { ...settings, max_rows_per_tree: 1000 }, 21);
    const again = fitGradientBoostedTrees(data, { ...settings, max_rows_per_tree: 1000 }, 21);
    const otherSeed = fitGradientBoostedTrees(data, { ...settings, max_rows_per_tree: 1000 }, 22);
    expect(JSON.stringify(again.model.toJSON())).toBe(JSON.stringify(capped.model.toJSON()));
    expect(JSON.stringify(otherSeed.model.toJSON())).not.toBe(JSON.stringify(capped.model.toJSON()));
    expect(JSON.stringify(capped.model.toJSON())).not.toBe(JSON.stringify(plain.model.toJSON()));
    // every tree's root covers exactly the sample (unit weights: cover = rows)
    const json = capped.model.toJSON();
    expect(json.trees.length).toBeGreaterThan(0);
    for (const tree of json.trees) expect(tree.cover[0]).toBe(1000);
    // and the sampled trees still separate the classes about as well
    expect(rocAuc(capped.model.predictMargin(data.columns), data.labels)).toBeGreaterThan(rocAuc(plain.model.predictMargin(data.columns), data.labels) - 0.03);
    expect(gbdtSettingsProblems({ ...DEFAULT_GBDT_SETTINGS, max_rows_per_tree: 0 })).toEqual(['max_rows_per_tree must be null or an integer >= 1; got 0']);
  });

  test('fitting on a row-major matrix gives the model the columns give; a matrix of the wrong size is refused', () => {
    const data = noisyData(3000, 17);
    const p = data.columns.length;
    const rowMajor = new Float32Array(3000 * p);
    for (let i = 0; i < 3000; i++) for (let f = 0; f < p; f++) rowMajor[i * p + f] = data.columns[f]?.[i] as number;
    const columns = Array.from({ length: p }, (_, f) => Float64Array.from({ length: 3000 }, (_, i) => rowMajor[i * p + f] as number));
    const settings: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, max_iter: 20, max_rows_per_tree: 1200, early_stopping: true };
    const fromColumns = fitGradientBoostedTrees({ features: data.features, columns, labels: data.labels }, settings, 4);
    const fromRows = fitGradientBoostedTrees({ features: data.features, rowMajor, labels: data.labels }, settings, 4);
    expect(JSON.stringify(fromRows.model.toJSON())).toBe(JSON.stringify(fromColumns.model.toJSON()));
    expect(() => fitGradientBoostedTrees({ features: data.features, rowMajor: rowMajor.subarray(1), labels: data.labels }, settings, 4)).toThrow(
      `a row-major matrix of 3000 rows x ${p} features needs ${3000 * p} values; got ${3000 * p - 1}`,
    );
  });

  test('a sampled, class-weighted fit on a row-major matrix of 21 features is the model the code before the speed-ups made, bit for bit', () => {
    // Pins the saved model of a fit through every path the speed-ups changed (December 2026, docs/gbdt.md): the binning's
    // gather eight features at a time (8 + 8 + 5), trees grown on a compact copy of their sampled rows, histograms eight
    // features per pass then four then one. The digest is the one commit 1e4a2be's code gives; a change that moves any
    // sum's terms or their order changes it.
    const p = 21;
    const data = noisyData(3000, 31, p);
    const rowMajor = new Float32Array(3000 * p);
    for (let i = 0; i < 3000; i++) for (let f = 0; f < p; f++) rowMajor[i * p + f] = data.columns[f]?.[i] as number;
    const settings: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, max_iter: 20, max_rows_per_tree: 1000, col_subsample: 0.9, class_weight: 'balanced', early_stopping: true };
    const fit = fitGradientBoostedTrees({ features: data.features, rowMajor, labels: data.labels }, settings, 5);
    expect(fit.trees).toBe(16);
    expect(createHash('sha256').update(JSON.stringify(fit.model.toJSON())).digest('hex')).toBe('64542210e70106c82e9115d5b576ee376c0d2eb1126191962de4ea27db5811b8');
  });

  test('with sampled trees, the held-back loss recorded each round is the loss of the model scored from raw values', () => {
    // the held-back rows (and the unsampled training rows) get each tree's values by routing them down it: check against scoring
    const data = noisyData(3000, 19);
    const settings: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, max_iter: 15, max_rows_per_tree: 1000, early_stopping: true, n_iter_no_change: 100 };
    const fit = fitGradientBoostedTrees(data, settings, 8);
    expect(fit.trees).toBe(15);
    const { validation } = stratifiedSplit(data.labels, settings.validation_fraction, new Random(8).fork('validation'));
    expect(validation.length).toBe(fit.validationRows);
    const margins = fit.model.predictMargin(data.columns.map((column) => Float64Array.from(validation, (i) => column[i] as number)));
    let loss = 0;
    validation.forEach((i, k) => {
      const z = margins[k] as number;
      loss += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - (data.labels[i] as number) * z;
    });
    expect(fit.validationLoss[15]).toBeCloseTo(loss / validation.length, 10);
  });

  test('save/load round trip scores identically, NaN rows included; other formats are refused', () => {
    const data = noisyData(2000, 4);
    const { model } = fitGradientBoostedTrees(data, { ...DEFAULT_GBDT_SETTINGS, max_iter: 20 }, 5);
    const copy = GradientBoostedTrees.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(copy.predictMargin(data.columns))).toEqual(Array.from(model.predictMargin(data.columns)));
    expect(copy.expectedValue()).toBe(model.expectedValue());
    expect(() => GradientBoostedTrees.fromJSON({ ...model.toJSON(), version: 99 })).toThrow(/version 99 is not supported/);
    expect(() => GradientBoostedTrees.fromJSON({ format: 'xgboost' })).toThrow(/not a gradient-boosted trees model/);
  });

  test('row-major and column inputs score the same; the trees separate the classes', () => {
    const data = noisyData(2000, 6);
    const { model } = fitGradientBoostedTrees(data, { ...DEFAULT_GBDT_SETTINGS, max_iter: 20 }, 5);
    const p = data.columns.length;
    const matrix = new Float64Array(2000 * p);
    for (let i = 0; i < 2000; i++) for (let f = 0; f < p; f++) matrix[i * p + f] = data.columns[f]?.[i] as number;
    const byColumn = model.predictMargin(data.columns);
    expect(Array.from(model.predictMarginRows(matrix))).toEqual(Array.from(byColumn));
    // float32 input scores like the same values as doubles
    const narrow = Float32Array.from(matrix);
    expect(Array.from(model.predictMarginRows(narrow))).toEqual(Array.from(model.predictMarginRows(Float64Array.from(narrow))));
    expect(rocAuc(byColumn, data.labels)).toBeGreaterThan(0.75);
  });

  test('balanced class weights raise the minority class scores (base score 0: weighted prior 1/2)', () => {
    const data = noisyData(3000, 7);
    // keep a fifth of the positives
    const keep: number[] = [];
    for (let i = 0; i < 3000; i++) if (data.labels[i] === 0 || i % 5 === 0) keep.push(i);
    const sub = { features: data.features, columns: data.columns.map((c) => Float64Array.from(keep, (i) => c[i] as number)), labels: Uint8Array.from(keep, (i) => data.labels[i] as number) };
    const settings: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, max_iter: 20, early_stopping: false };
    const plain = fitGradientBoostedTrees(sub, settings, 1).model;
    const balanced = fitGradientBoostedTrees(sub, { ...settings, class_weight: 'balanced' }, 1).model;
    expect(plain.baseScore).toBeLessThan(-1);
    expect(balanced.baseScore).toBeCloseTo(0, 12);
    const mean = (m: GradientBoostedTrees) => m.predictProbability(sub.columns).reduce((s, v) => s + v, 0) / sub.labels.length;
    expect(mean(balanced)).toBeGreaterThan(mean(plain) + 0.1);
    // sample weights do the same as class weights when they are the same numbers
    const positives = sub.labels.reduce((s, v) => s + v, 0);
    const n = sub.labels.length;
    const weights = Float64Array.from(sub.labels, (y) => (y === 1 ? n / (2 * positives) : n / (2 * (n - positives))));
    const weighted = fitGradientBoostedTrees({ ...sub, weights }, settings, 1).model;
    expect(Array.from(weighted.predictMargin(sub.columns))).toEqual(Array.from(balanced.predictMargin(sub.columns)));
  });

  test('early stopping stops on labels that carry no signal, keeping the best iteration', () => {
    const rng = new Random(9);
    const n = 4000;
    const columns = [Float64Array.from({ length: n }, () => rng.normal()), Float64Array.from({ length: n }, () => rng.normal())];
    const labels = Uint8Array.from({ length: n }, () => (rng.chance(0.3) ? 1 : 0));
    const fit = fitGradientBoostedTrees({ features: ['a', 'b'], columns, labels }, { ...DEFAULT_GBDT_SETTINGS, max_iter: 200, early_stopping: true, n_iter_no_change: 5 }, 1);
    expect(fit.stoppedEarly).toBe(true);
    expect(fit.stopReason).toBe('early_stopping');
    expect(fit.iterations).toBeLessThan(200);
    expect(fit.iterations - fit.trees).toBe(5);
    expect(fit.model.treeCount).toBe(fit.trees);
    expect(fit.validationRows).toBe(Math.round(0.1 * labels.filter((y) => y === 1).length) + Math.round(0.1 * labels.filter((y) => y === 0).length));
    const best = Math.min(...fit.validationLoss);
    expect(fit.validationLoss[fit.trees]).toBe(best);
  });

  test('stops when no split helps; refuses bad settings and data with a message naming them', () => {
    const x = Float64Array.from([1, 1, 1, 1]);
    const fit = fitGradientBoostedTrees({ features: ['x'], columns: [x], labels: Uint8Array.from([0, 1, 0, 1]) }, { ...stump, max_iter: 5 }, 1);
    expect(fit.stopReason).toBe('no_split');
    expect(fit.model.treeCount).toBe(0);
    expect(gbdtSettingsProblems({ ...DEFAULT_GBDT_SETTINGS, learning_rate: 0, max_bins: 300 })).toEqual([
      'learning_rate must be > 0 and <= 1; got 0',
      'max_bins must be an integer from 2 to 255; got 300',
    ]);
    expect(() => fitGradientBoostedTrees({ features: ['x'], columns: [x], labels: Uint8Array.from([0, 2, 0, 1]) }, stump, 1)).toThrow('label of row 1 must be 0 or 1; got 2');
    expect(() => fitGradientBoostedTrees({ features: ['x'], columns: [x], labels: Uint8Array.from([1, 1, 1, 1]) }, stump, 1)).toThrow(/need both classes/);
  });
});

describe('stratifiedSplit with groups', () => {
  test('a group (one property inspected several times) is never on both sides; singleton groups split as no groups', () => {
    const groups: number[] = [];
    const labels: number[] = [];
    for (let g = 0; g < 60; g++) for (let k = 0; k <= g % 3; k++) (groups.push(g), labels.push(g % 5 === 0 && k === 0 ? 1 : 0));
    const split = stratifiedSplit(labels, 0.25, new Random(3), groups);
    const held = new Set(Array.from(split.validation, (i) => groups[i]));
    const kept = new Set(Array.from(split.train, (i) => groups[i]));
    expect([...held].filter((g) => kept.has(g))).toEqual([]);
    expect(held.size).toBe(15); // 3 of the 12 positive properties, 12 of the 48 others
    expect(split.train.length + split.validation.length).toBe(labels.length);
    const rows = Int8Array.from({ length: 100 }, (_, i) => (i < 20 ? 1 : 0));
    expect(stratifiedSplit(rows, 0.1, new Random(1), Array.from({ length: 100 }, (_, i) => i))).toEqual(stratifiedSplit(rows, 0.1, new Random(1)));
  });
});
