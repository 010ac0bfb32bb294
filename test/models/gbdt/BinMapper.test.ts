import { BinMapper, featureThresholds, MISSING_BIN } from '../../../models/gbdt/BinMapper.js';
import { Random } from '../../../pipeline/util/Random.js';

describe('BinMapper', () => {
  test('few distinct values: one bin each, edges at midpoints; NaN in the missing bin', () => {
    const mapper = BinMapper.fit([Float64Array.from([3, 1, 2, 2, NaN, 1])], { maxBins: 255 }, new Random(1));
    expect(Array.from(mapper.thresholds[0] as Float64Array)).toEqual([1.5, 2.5]);
    expect(mapper.valueBins(0)).toBe(3);
    expect(Array.from(mapper.binColumn(0, Float64Array.from([1, 1.5, 1.6, 2, 3, 99, -99, NaN])))).toEqual([0, 0, 1, 1, 2, 2, 0, MISSING_BIN]);
  });

  test('at most maxBins distinct values (found without sorting) give the edges sorting every value gives; one more turns to quantiles', () => {
    const rng = new Random(2);
    // 255 distinct integers in random order, each repeated, with -0 and +0 among them
    const values = Float64Array.from({ length: 5000 }, (_, i) => (i === 7 ? -0 : Math.floor(rng.uniform() * 255) - 100));
    const sortedDistinct = [...new Set(Array.from(values).sort((a, b) => a - b))];
    expect(sortedDistinct).toHaveLength(255);
    const edges = featureThresholds(values, 255, new Random(1));
    expect(Array.from(edges)).toEqual(sortedDistinct.slice(1).map((b, k) => (sortedDistinct[k] as number) / 2 + b / 2));
    expect(Object.is(featureThresholds(Float64Array.from([0, -0, 1]), 255, new Random(1))[0], 0.5)).toBe(true);
    // 256 distinct values with maxBins 255: quantile edges, at most 254 of them
    const more = Float64Array.from({ length: 5000 }, (_, i) => i % 256);
    expect(featureThresholds(more, 255, new Random(1)).length).toBeLessThanOrEqual(254);
  });

  test('many values: at most maxBins quantile bins of about equal size', () => {
    const values = Float64Array.from({ length: 10000 }, (_, i) => i);
    const edges = featureThresholds(values, 10, new Random(1));
    expect(edges.length).toBe(9);
    const codes = new BinMapper([edges]).binColumn(0, values);
    const counts = new Array(10).fill(0);
    for (const c of codes) counts[c]++;
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThanOrEqual(1);
  });

  test('x <= edge b exactly when its bin is <= b (the rule trees use on raw values)', () => {
    const rng = new Random(2);
    const values = Float64Array.from({ length: 5000 }, () => Math.round(rng.normal() * 50) / 10);
    const mapper = BinMapper.fit([values], { maxBins: 40 }, rng);
    const edges = mapper.thresholds[0] as Float64Array;
    const codes = mapper.binColumn(0, values);
    let disagreements = 0;
    for (let i = 0; i < values.length; i++) for (let b = 0; b < edges.length; b++) if ((values[i] as number) <= (edges[b] as number) !== (codes[i] as number) <= b) disagreements++;
    expect(edges.length).toBeGreaterThan(30);
    expect(disagreements).toBe(0);
  });

  test('a constant or all-missing feature has one value bin; bad max_bins is refused', () => {
    const mapper = BinMapper.fit([Float64Array.from([4, 4, 4]), Float64Array.from([NaN, NaN])], { maxBins: 255 }, new Random(1));
    expect(mapper.valueBins(0)).toBe(1);
    expect(mapper.valueBins(1)).toBe(1);
    expect(() => BinMapper.fit([], { maxBins: 256 }, new Random(1))).toThrow('max_bins must be an integer from 2 to 255; got 256');
  });
});
