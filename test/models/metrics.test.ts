import { averagePrecision, precisionAtK, rocAuc } from '../../models/metrics.js';

describe('rocAuc', () => {
  test('counts tied scores as half', () => {
    // pairs (pos, neg): (0.9,0.5)=1 (0.9,0.1)=1 (0.5,0.5)=0.5 (0.5,0.1)=1 -> 3.5/4
    expect(rocAuc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0])).toBeCloseTo(0.875, 12);
  });
  test('is 1 for a perfect order, 0 for a reversed one, NaN for one class', () => {
    expect(rocAuc([3, 2, 1], [1, 1, 0])).toBe(1);
    expect(rocAuc([1, 2, 3], [1, 1, 0])).toBe(0);
    expect(rocAuc([1, 2], [1, 1])).toBeNaN();
  });
});

describe('averagePrecision', () => {
  test('averages precision at each positive', () => {
    expect(averagePrecision([0.9, 0.8, 0.3], [1, 0, 1])).toBeCloseTo((1 + 2 / 3) / 2, 12);
  });
  test('treats a tie as one threshold', () => {
    // both rows at one threshold: precision 1/2 at recall 1
    expect(averagePrecision([0.5, 0.5], [1, 0])).toBeCloseTo(0.5, 12);
  });
});

describe('precisionAtK', () => {
  test('uses all rows when there are fewer than k', () => {
    expect(precisionAtK([0.9, 0.8, 0.1], [1, 0, 1], 100)).toBeCloseTo(2 / 3, 12);
  });
  test('cuts at k', () => {
    expect(precisionAtK([0.9, 0.8, 0.1], [1, 0, 1], 2)).toBe(0.5);
  });
});
