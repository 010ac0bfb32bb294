import { rocAuc } from '../../../models/metrics.js';
import { bootstrapIntervals, percentileInterval, quantile, weightedPrecisionAtK, weightedRocAuc } from '../../../pipeline/evaluate/metrics/bootstrapIntervals.js';
import { brierScore } from '../../../pipeline/evaluate/metrics/brierScore.js';
import { complaintRateBands } from '../../../pipeline/evaluate/slices/complaintRateBands.js';
import { cumulativeGain, precisionRecallCurve, rocCurve, thinCurve } from '../../../pipeline/evaluate/metrics/curves.js';
import { depthMetrics } from '../../../pipeline/evaluate/metrics/depthMetrics.js';
import { jsonNumber } from '../../../pipeline/evaluate/metrics/jsonNumber.js';
import { metricSet } from '../../../pipeline/evaluate/metrics/metricSet.js';
import { randomRanks } from '../../../pipeline/evaluate/metrics/orderings.js';
import { listOrder as rankOrder } from '../../../pipeline/frame/listOrder.js';
import { reliabilityCurve, wilsonInterval } from '../../../pipeline/evaluate/metrics/reliabilityCurve.js';
import { Random } from '../../../pipeline/util/Random.js';

describe('brierScore', () => {
  test('is the mean squared error of the probabilities', () => {
    expect(brierScore([0.9, 0.2], [1, 0])).toBeCloseTo((0.01 + 0.04) / 2, 12);
    expect(brierScore([1, 0], [1, 0])).toBe(0);
    expect(brierScore([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0])).toBeCloseTo(0.25 * 0.75, 12);
    expect(brierScore([], [])).toBeNaN();
  });
});

describe('reliabilityCurve', () => {
  test('bins by predicted probability and computes ECE by hand', () => {
    const { bins, ece } = reliabilityCurve([0.1, 0.1, 0.9, 0.9], [0, 0, 1, 0], 2);
    expect(bins).toHaveLength(2);
    expect(bins[0]).toMatchObject({ lower: 0, upper: 0.5, rows: 2 });
    expect(bins[0]?.mean_predicted).toBeCloseTo(0.1, 12);
    expect(bins[0]?.observed_rate).toBe(0);
    expect(bins[1]?.mean_predicted).toBeCloseTo(0.9, 12);
    expect(bins[1]?.observed_rate).toBe(0.5);
    // 0.5 * |0 - 0.1| + 0.5 * |0.5 - 0.9|
    expect(ece).toBeCloseTo(0.25, 12);
    // each bin's share carries its 95% interval, wide for two properties
    expect(bins[1]?.observed_low).toBeLessThan(0.1);
    expect(bins[1]?.observed_high).toBeGreaterThan(0.9);
  });
  test('the Wilson interval: inside [0, 1], narrowing with more rows', () => {
    const [lo, hi] = wilsonInterval(1, 4);
    expect(lo).toBeCloseTo(0.0456, 3);
    expect(hi).toBeCloseTo(0.6994, 3);
    expect(wilsonInterval(0, 5)[0]).toBe(0);
    const [wideLo, wideHi] = wilsonInterval(3, 10);
    const [narrowLo, narrowHi] = wilsonInterval(300, 1000);
    expect(narrowHi - narrowLo).toBeLessThan((wideHi - wideLo) / 5);
    expect(wilsonInterval(0, 0)[0]).toBeNaN();
  });
  test('puts a probability of exactly 1 in the last bin and leaves empty bins NaN', () => {
    const { bins, ece } = reliabilityCurve([1, 1], [1, 1], 4);
    expect(bins[3]?.rows).toBe(2);
    expect(bins[0]?.rows).toBe(0);
    expect(bins[0]?.mean_predicted).toBeNaN();
    expect(ece).toBe(0);
  });
  test('a perfectly calibrated set has ECE 0', () => {
    const p = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75];
    const y = [1, 0, 0, 0, 1, 1, 1, 0];
    expect(reliabilityCurve(p, y, 10).ece).toBeCloseTo(0, 12);
  });
});

describe('rankOrder', () => {
  test('orders by score descending, then by tie rank, NaN last', () => {
    expect(Array.from(rankOrder([0.2, 0.9, 0.2]))).toEqual([1, 0, 2]);
    expect(Array.from(rankOrder([0.2, 0.9, 0.2], [2, 1, 0]))).toEqual([1, 2, 0]);
    expect(Array.from(rankOrder([Number.NaN, 0.1, 0.5]))).toEqual([2, 1, 0]);
  });
});

describe('depthMetrics', () => {
  test('precision, recall and lift at k', () => {
    const labels = [1, 0, 1, 0, 0, 0, 1, 0];
    const order = rankOrder([8, 7, 6, 5, 4, 3, 2, 1]);
    const [at2, at4] = depthMetrics(labels, order, [2, 4]);
    expect(at2).toMatchObject({ k: 2, depth: 2, hits: 1, precision: 0.5 });
    expect(at2?.recall).toBeCloseTo(1 / 3, 12);
    // prevalence 3/8: lift = 0.5 / 0.375
    expect(at2?.lift).toBeCloseTo(4 / 3, 12);
    expect(at4).toMatchObject({ hits: 2, precision: 0.5 });
  });
  test('with fewer rows than k, the whole list is the depth', () => {
    const [at100] = depthMetrics([1, 0, 1], rankOrder([0.9, 0.8, 0.1]), [100]);
    expect(at100).toMatchObject({ k: 100, depth: 3, hits: 2, recall: 1, lift: 1 });
    expect(at100?.precision).toBeCloseTo(2 / 3, 12);
  });
  test('ties at the cut follow the tie rank', () => {
    const labels = [0, 1];
    expect(depthMetrics(labels, rankOrder([0.5, 0.5], [0, 1]), [1])[0]?.hits).toBe(0);
    expect(depthMetrics(labels, rankOrder([0.5, 0.5], [1, 0]), [1])[0]?.hits).toBe(1);
  });
  test('no rows or no positives give NaN, not a number that looks real', () => {
    expect(depthMetrics([], rankOrder([]), [10])[0]?.precision).toBeNaN();
    expect(depthMetrics([0, 0], rankOrder([1, 2]), [1])[0]?.lift).toBeNaN();
  });
});

describe('metricSet', () => {
  test('AUC with ties, average precision, Brier only for probabilities, null for what cannot be computed', () => {
    const scores = [0.9, 0.5, 0.5, 0.1];
    const labels = [1, 1, 0, 0];
    const set = metricSet(scores, labels, rankOrder(scores), [2], true, null);
    expect(set.roc_auc).toBe(0.875);
    expect(set.rows).toBe(4);
    expect(set.positives).toBe(2);
    expect(set.brier).toBeCloseTo((0.01 + 0.25 + 0.25 + 0.01) / 4, 6);
    expect(set.at_k['2']).toEqual({ depth: 2, hits: 2, precision: 1, recall: 1, lift: 2, informative: true });
    // k more than half the rows (or all of them): cannot tell orderings apart
    expect(metricSet(scores, labels, rankOrder(scores), [3, 100], false, null).at_k['3']?.informative).toBe(false);
    expect(metricSet(scores, labels, rankOrder(scores), [3, 100], false, null).at_k['100']?.informative).toBe(false);
    expect(metricSet(scores, labels, rankOrder(scores), [2], false, null).brier).toBeNull();
    expect(metricSet([0.1, 0.2], [0, 0], rankOrder([0.1, 0.2]), [1], true, null).roc_auc).toBeNull();
  });
});

describe('bootstrap', () => {
  test('with unit weights, weighted AUC and precision@k equal the plain figures', () => {
    const scores = [0.9, 0.5, 0.5, 0.1, 0.3];
    const labels = [1, 1, 0, 0, 1];
    const order = rankOrder(scores);
    const ones = [1, 1, 1, 1, 1];
    expect(weightedRocAuc(scores, labels, order, ones)).toBeCloseTo(rocAuc(scores, labels), 12);
    expect(weightedPrecisionAtK(labels, order, ones, 2)).toBe(1);
    // a row drawn three times fills three slots
    expect(weightedPrecisionAtK(labels, order, [0, 0, 3, 0, 1], 3)).toBe(0);
  });
  test('is reproducible for a seed and differs for another seed', () => {
    const random = new Random(1);
    const labels = Array.from({ length: 300 }, () => (random.chance(0.3) ? 1 : 0));
    const scores = labels.map((l) => l + random.normal(0, 1));
    const target = { scores, order: rankOrder(scores) };
    const a = bootstrapIntervals(labels, [target], 100, 100, new Random(42));
    const b = bootstrapIntervals(labels, [target], 100, 100, new Random(42));
    const c = bootstrapIntervals(labels, [target], 100, 100, new Random(43));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const auc = rocAuc(scores, labels);
    const [lo, hi] = a[0]?.roc_auc ?? [Number.NaN, Number.NaN];
    expect(lo).toBeLessThan(auc);
    expect(hi).toBeGreaterThan(auc);
    expect(hi - lo).toBeLessThan(0.2);
  });
  test('one class only gives no AUC interval', () => {
    expect(bootstrapIntervals([0, 0, 0], [{ scores: [1, 2, 3], order: rankOrder([1, 2, 3]) }], 2, 20, new Random(1))[0]?.roc_auc).toBeNull();
  });
  test('percentile interval interpolates like numpy', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(percentileInterval(values)).toEqual([2.5, 97.5]);
    expect(percentileInterval([])).toBeNull();
  });
});

describe('randomRanks', () => {
  test('is a seeded permutation', () => {
    const a = Array.from(randomRanks(20, new Random(5)));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(Array.from(randomRanks(20, new Random(5)))).toEqual(a);
  });
});

describe('complaintRateBands', () => {
  test('cuts at the tertiles', () => {
    const bands = complaintRateBands(Float64Array.from([0, 1, 2, 3, 4, 5]));
    expect(bands.thresholds).toEqual([1.666667, 3.333333]);
    expect([0, 2, 4, Number.NaN].map((v) => bands.bandOf(v))).toEqual(['low', 'middle', 'high', 'unknown']);
    expect(bands.labelOf('high')).toContain('3.33 or more');
  });
  test('merges bands when tertiles coincide with the minimum', () => {
    const bands = complaintRateBands(Float64Array.from([0, 0, 0, 0, 1, 5]));
    expect(bands.thresholds).toEqual([0.333333]);
    expect([0, 1].map((v) => bands.bandOf(v))).toEqual(['low', 'high']);
    expect(complaintRateBands(Float64Array.from([2, 2, 2])).bandOf(2)).toBe('all');
  });
});

describe('curves', () => {
  test('ROC, precision-recall and cumulative gain on a small example', () => {
    expect(rocCurve([0.9, 0.1], [1, 0])).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 1 },
      { x: 1, y: 1 },
    ]);
    expect(precisionRecallCurve([0.9, 0.1], [1, 0])).toEqual([
      { x: 1, y: 1 },
      { x: 1, y: 0.5 },
    ]);
    expect(cumulativeGain([1, 0], rankOrder([0.1, 0.9]))).toEqual([
      { x: 0, y: 0 },
      { x: 0.5, y: 0 },
      { x: 1, y: 1 },
    ]);
    expect(rocCurve([0.5, 0.5], [1, 1])).toEqual([]);
  });
  test('thinning keeps the ends', () => {
    const points = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: i }));
    const thin = thinCurve(points, 10);
    expect(thin).toHaveLength(10);
    expect(thin[0]).toEqual({ x: 0, y: 0 });
    expect(thin[9]).toEqual({ x: 999, y: 999 });
  });
});

describe('jsonNumber', () => {
  test('rounds to 6 decimals and turns NaN into null', () => {
    expect(jsonNumber(2 / 3)).toBe(0.666667);
    expect(jsonNumber(Number.NaN)).toBeNull();
    expect(jsonNumber(-0)).toBe(0);
  });
});

describe('the random baseline of the field trial', () => {
  test('is the hypergeometric expectation and spread, not one draw', async () => {
    const { randomExpectation } = await import('../../../pipeline/evaluate/scoring/fieldTrial.js');
    const r = randomExpectation(100, 80, 1000);
    expect(r.mean).toBeCloseTo(8, 9);
    expect(r.variance).toBeCloseTo((100 * 0.08 * 0.92 * 900) / 999, 9);
    // the whole list: no spread
    expect(randomExpectation(50, 10, 50)).toEqual({ mean: 10, variance: 0 });
    expect(randomExpectation(10, 0, 0)).toEqual({ mean: 0, variance: 0 });
  });
});
