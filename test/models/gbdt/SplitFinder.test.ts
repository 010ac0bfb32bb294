import { MISSING_BIN } from '../../../models/gbdt/BinMapper.js';
import { FEATURE_STRIDE, newHistogram } from '../../../models/gbdt/histogram.js';
import { findBestSplit, type SplitRules } from '../../../models/gbdt/SplitFinder.js';

const rules: SplitRules = { l2: 0, minSamplesLeaf: 1, minChildWeight: 0, minGain: 0 };

/** A histogram of one or more features from per-bin [gradient, hessian, count] triples (bin 255 = missing). */
function histogram(features: Record<number, [number, number, number]>[]): { hist: Float64Array; sums: { gradient: number; hessian: number; count: number } } {
  const hist = newHistogram(features.length);
  let gradient = 0;
  let hessian = 0;
  let count = 0;
  features.forEach((bins, f) => {
    for (const [bin, [g, h, c]] of Object.entries(bins)) {
      const o = f * FEATURE_STRIDE + Number(bin) * 3;
      hist[o] = g;
      hist[o + 1] = h;
      hist[o + 2] = c;
      if (f === 0) {
        gradient += g;
        hessian += h;
        count += c;
      }
    }
  });
  return { hist, sums: { gradient, hessian, count } };
}

describe('findBestSplit', () => {
  test('finds the hand-computed best threshold and gain', () => {
    // bins 0..3: gradients -2, -1, +1, +2 (hessian 1, one row each)
    // cut after bin 0: 4/1 + 4/3 - 0 = 5.333; after bin 1: 9/2 + 9/2 = 9; after bin 2: 16/3 + 4/1 = 9.333? no:
    // after bin 2: left G = -2, H = 3 -> 4/3; right G = 2, H = 1 -> 4; total 5.333. Best: after bin 1, gain 9.
    const { hist, sums } = histogram([{ 0: [-2, 1, 1], 1: [-1, 1, 1], 2: [1, 1, 1], 3: [2, 1, 1] }]);
    const split = findBestSplit(hist, Int32Array.from([0]), () => 4, sums, rules);
    expect(split?.feature).toBe(0);
    expect(split?.bin).toBe(1);
    expect(split?.gain).toBeCloseTo(9, 12);
    expect(split?.left).toEqual({ gradient: -3, hessian: 2, count: 2 });
    expect(split?.right).toEqual({ gradient: 3, hessian: 2, count: 2 });
  });

  test('the L2 penalty enters the gain: G^2/(H+lambda) terms', () => {
    const { hist, sums } = histogram([{ 0: [-2, 1, 1], 1: [-1, 1, 1], 2: [1, 1, 1], 3: [2, 1, 1] }]);
    const split = findBestSplit(hist, Int32Array.from([0]), () => 4, sums, { ...rules, l2: 1 });
    // 9/3 + 9/3 - 0/(4+1) = 6
    expect(split?.gain).toBeCloseTo(6, 12);
  });

  test('picks the better feature and respects the feature subset', () => {
    const weak = { 0: [-1, 1, 1], 1: [-2, 1, 1], 2: [2, 1, 1], 3: [1, 1, 1] } as Record<number, [number, number, number]>;
    const strong = { 0: [-2, 1, 1], 1: [-1, 1, 1], 2: [1, 1, 1], 3: [2, 1, 1] } as Record<number, [number, number, number]>;
    const { hist, sums } = histogram([weak, strong]);
    expect(findBestSplit(hist, Int32Array.from([0, 1]), () => 4, sums, rules)?.feature).toBe(0); // both reach 9: the first feature wins the tie
    const onlySecond = findBestSplit(hist, Int32Array.from([1]), () => 4, sums, rules);
    expect(onlySecond?.feature).toBe(1);
  });

  test('sends missing rows to the side that gains more, both ways tried', () => {
    // values: bin 0 (G -2), bin 1 (G +2); missing rows G +3: they belong with bin 1 (right)
    const right = histogram([{ 0: [-2, 1, 1], 1: [2, 1, 1], [MISSING_BIN]: [3, 1, 1] }]);
    const r = findBestSplit(right.hist, Int32Array.from([0]), () => 2, right.sums, rules);
    expect(r).toMatchObject({ bin: 0, missingLeft: false });
    expect(r?.gain).toBeCloseTo(4 / 1 + 25 / 2 - 9 / 3, 12);
    // missing rows G -3: they belong with bin 0 (left)
    const left = histogram([{ 0: [-2, 1, 1], 1: [2, 1, 1], [MISSING_BIN]: [-3, 1, 1] }]);
    const l = findBestSplit(left.hist, Int32Array.from([0]), () => 2, left.sums, rules);
    expect(l).toMatchObject({ bin: 0, missingLeft: true });
    expect(l?.gain).toBeCloseTo(25 / 2 + 4 / 1 - 9 / 3, 12);
  });

  test('can split missing from present values (all values left, missing right)', () => {
    const { hist, sums } = histogram([{ 0: [-1, 1, 1], 1: [-1, 1, 1], [MISSING_BIN]: [4, 1, 2] }]);
    const split = findBestSplit(hist, Int32Array.from([0]), () => 2, sums, rules);
    expect(split).toMatchObject({ bin: 1, missingLeft: false });
    expect(split?.right.count).toBe(2);
  });

  test('with no missing rows in the node, missing values go to the child with more rows', () => {
    const { hist, sums } = histogram([{ 0: [-3, 1, 1], 1: [1, 1, 1], 2: [1, 1, 1], 3: [1, 1, 1] }]);
    const split = findBestSplit(hist, Int32Array.from([0]), () => 4, sums, rules);
    expect(split).toMatchObject({ bin: 0, missingLeft: false }); // 1 row left, 3 right
  });

  test('minimum rows and hessian per child rule candidate splits out', () => {
    const { hist, sums } = histogram([{ 0: [-2, 1, 1], 1: [-1, 1, 1], 2: [1, 1, 1], 3: [2, 1, 1] }]);
    expect(findBestSplit(hist, Int32Array.from([0]), () => 4, sums, { ...rules, minSamplesLeaf: 3 })).toBeUndefined();
    expect(findBestSplit(hist, Int32Array.from([0]), () => 4, sums, { ...rules, minChildWeight: 2.5 })).toBeUndefined();
    expect(findBestSplit(hist, Int32Array.from([0]), () => 4, sums, { ...rules, minGain: 9 })).toBeUndefined();
  });
});
