import { Calibrator, sigmoid } from '../../models/Calibrator.js';
import { Random } from '../../pipeline/util/Random.js';

/** Logits s ~ N(0, 1.5) and labels drawn with P(hmo) = sigmoid(2s − 1): an over-confident-in-shape, shifted model. */
function sample(n: number, seed: number) {
  const rng = new Random(seed);
  const logits: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = rng.normal(0, 1.5);
    logits.push(s);
    labels.push(rng.uniform() < sigmoid(2 * s - 1) ? 1 : 0);
  }
  return { logits, labels };
}

describe('Calibrator', () => {
  test('Platt scaling recovers the true mapping on a synthetic example', () => {
    const { logits, labels } = sample(20000, 1);
    const cal = Calibrator.fit('platt', logits, labels);
    const spec = cal.toJSON();
    if (spec.method !== 'platt') throw new Error('expected platt');
    expect(Math.abs(spec.a - 2)).toBeLessThan(0.15);
    expect(Math.abs(spec.b + 1)).toBeLessThan(0.15);
    const p = cal.apply([-1, 0, 1]);
    expect(p[1]).toBeGreaterThan(p[0] as number);
    expect(p[2]).toBeGreaterThan(p[1] as number);
  });

  test('isotonic calibration is monotone and roughly right in each band', () => {
    const { logits, labels } = sample(20000, 2);
    const cal = Calibrator.fit('isotonic', logits, labels);
    const grid = Array.from({ length: 81 }, (_, i) => -4 + i * 0.1);
    const p = cal.apply(grid);
    for (let i = 1; i < p.length; i++) expect(p[i]).toBeGreaterThanOrEqual(p[i - 1] as number);
    for (const s of [-1, 0, 0.5, 1.5]) expect(Math.abs((cal.apply([s])[0] as number) - sigmoid(2 * s - 1))).toBeLessThan(0.08);
  });

  test('calibrated probabilities match observed rates: among scores near 0.3, about 30% are HMOs', () => {
    const train = sample(20000, 3);
    const test = sample(20000, 4);
    for (const method of ['platt', 'isotonic'] as const) {
      const p = Calibrator.fit(method, train.logits, train.labels).apply(test.logits);
      const near = test.labels.filter((_, i) => Math.abs((p[i] as number) - 0.3) < 0.05);
      const rate = near.reduce((a, b) => a + b, 0) / near.length;
      expect(near.length).toBeGreaterThan(300);
      expect(Math.abs(rate - 0.3)).toBeLessThan(0.06);
    }
  });

  test('one class only gives the uncalibrated sigmoid and says why; the JSON round trip keeps the mapping', () => {
    const cal = Calibrator.fit('platt', [0.1, 2], [1, 1]);
    expect(cal.toJSON()).toMatchObject({ method: 'none', reason: 'held-out scores of one class only' });
    expect(cal.apply([0])[0]).toBe(0.5);
    const fitted = Calibrator.fit('isotonic', [-2, -1, 0, 1, 2, 3], [0, 0, 1, 0, 1, 1]);
    const again = Calibrator.fromJSON(JSON.parse(JSON.stringify(fitted.toJSON())));
    expect(Array.from(again.apply([-3, 0.5, 4]))).toEqual(Array.from(fitted.apply([-3, 0.5, 4])));
  });
});
