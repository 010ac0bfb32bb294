import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fitLogisticRegression, EXACT_HESSIAN_ROWS, solveSymmetric } from '../../../models/logistic/fitLogisticRegression.js';
import { LOGISTIC_TOL } from '../../../models/logistic/logisticLearner.js';
import { rocAuc } from '../../../models/metrics.js';
import { Random } from '../../../pipeline/util/Random.js';
import { DEBIAN_PYTHON, pythonHas } from '../../helpers/debianPython.js';

const PYTHON = DEBIAN_PYTHON;
const sklearnAvailable = pythonHas('sklearn', 'numpy');
if (!sklearnAvailable) process.stderr.write('fitLogisticRegression.test: scikit-learn comparison SKIPPED, /usr/bin/python3 lacks scikit-learn (scripts/ci/installTestDeps.sh)\n');

function data(n: number, width: number, seed: number) {
  const rng = new Random(seed);
  const x = new Float32Array(n * width);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    let z = -1.5;
    for (let j = 0; j < width; j++) {
      // A dense numeric column, a rare 0/1 column, and the rest noise.
      const v = j === 1 ? (rng.uniform() < 0.05 ? 1 : 0) : rng.normal();
      x[i * width + j] = v;
      z += j === 0 ? 1.5 * v : j === 1 ? 2 * v : j === 2 ? -0.7 * v : 0;
    }
    y[i] = rng.uniform() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x, y };
}

/** The gradient of (1/n) Σ w ℓ + l2 ‖β‖², written out independently of the solver. */
function gradientAt(x: Float32Array, y: Int8Array, width: number, weights: Float64Array, intercept: number, l2: number, cw: { 0: number; 1: number }): number[] {
  const n = y.length;
  const g = new Array<number>(width + 1).fill(0);
  for (let i = 0; i < n; i++) {
    let z = intercept;
    for (let j = 0; j < width; j++) z += (x[i * width + j] as number) * (weights[j] as number);
    const r = (y[i] === 1 ? cw[1] : cw[0]) * (1 / (1 + Math.exp(-z)) - (y[i] as number));
    for (let j = 0; j < width; j++) g[j] = (g[j] as number) + (r * (x[i * width + j] as number)) / n;
    g[width] = (g[width] as number) + r / n;
  }
  for (let j = 0; j < width; j++) g[j] = (g[j] as number) + 2 * l2 * (weights[j] as number);
  return g;
}

describe('fitLogisticRegression', () => {
  test('the weights are the ones the code before the speed-ups found, bit for bit (5,007 rows: sampled Hessian, blocks of eight, four and one row)', () => {
    // Pins a fit through every loop the speed-ups changed (December 2026, docs/gbdt.md): margins four rows at a time,
    // column sums eight rows a pass, the sampled Hessian four columns at a time (13 + 1 columns: blocks and a remainder).
    // The digest is the one commit 1e4a2be's code gives; a change that moves any sum's terms or their order changes it.
    const n = 5007;
    const d = 13;
    const rng = new Random(41);
    const x = new Float32Array(n * d);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      let z = -0.5;
      for (let j = 0; j < d; j++) {
        const v = j >= 9 ? (rng.chance(0.2) ? 1 : 0) : rng.normal();
        x[i * d + j] = v;
        z += (j % 3 === 0 ? 0.6 : -0.2) * v;
      }
      labels[i] = rng.uniform() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    expect(n).toBeGreaterThan(EXACT_HESSIAN_ROWS);
    const fit = fitLogisticRegression(x, d, labels, { l2: 1e-3, classWeights: { 0: 0.7, 1: 1.8 }, tol: 1e-9, maxIter: 100 });
    expect(fit.converged).toBe(true);
    expect(fit.iterations).toBe(7);
    const digest = createHash('sha256').update(Buffer.from(fit.weights.buffer)).update(String(fit.intercept)).digest('hex');
    expect(digest).toBe('bd27a512e4762fec7626740caad1fa71b8dfd975d2ddfe6cdc681221c16f2518');
  });

  test('hand-checked: one binary column, no penalty, gives each group its own log-odds', () => {
    // x = −1: outcomes 0, 1 (log-odds 0); x = +1: outcomes 1, 1, 1, 0 (log-odds ln 3). So b − β = 0 and b + β = ln 3.
    const x = Float32Array.from([-1, -1, 1, 1, 1, 1]);
    const y = Int8Array.from([0, 1, 1, 1, 1, 0]);
    const fit = fitLogisticRegression(x, 1, y, { l2: 0, classWeights: { 0: 1, 1: 1 }, tol: 1e-12, maxIter: 50 });
    expect(fit.converged).toBe(true);
    expect(fit.weights[0]).toBeCloseTo(Math.log(3) / 2, 9);
    expect(fit.intercept).toBeCloseTo(Math.log(3) / 2, 9);
    // Newton on a problem this small converges in a handful of steps.
    expect(fit.iterations).toBeLessThan(10);
  });

  test('hand-checked: the penalty shrinks the weight and leaves the intercept free', () => {
    // Symmetric data: x = ±1 with rates 3/4 and 1/4; the intercept is exactly 0 at any penalty, β solves
    // (1/n) Σ (p − y) x + 2 l2 β = 0, i.e. σ(β) − 3/4 + 2 l2 β = 0.
    const x = Float32Array.from([1, 1, 1, 1, -1, -1, -1, -1]);
    const y = Int8Array.from([1, 1, 1, 0, 0, 0, 0, 1]);
    const l2 = 0.05;
    const fit = fitLogisticRegression(x, 1, y, { l2, classWeights: { 0: 1, 1: 1 }, tol: 1e-13, maxIter: 50 });
    const beta = fit.weights[0] as number;
    expect(fit.intercept).toBeCloseTo(0, 10);
    expect(1 / (1 + Math.exp(-beta)) - 0.75 + 2 * l2 * beta).toBeCloseTo(0, 10);
    expect(beta).toBeLessThan(Math.log(3));
    expect(beta).toBeGreaterThan(0.5);
  });

  test('integer class weights are the same fit as repeating the rows (no penalty)', () => {
    const { x, y } = data(300, 3, 5);
    const weighted = fitLogisticRegression(x, 3, y, { l2: 0, classWeights: { 0: 1, 1: 2 }, tol: 1e-11, maxIter: 100 });
    const rows = [...y.keys()].flatMap((i) => (y[i] === 1 ? [i, i] : [i]));
    const xr = new Float32Array(rows.length * 3);
    rows.forEach((i, k) => xr.set(x.subarray(i * 3, i * 3 + 3), k * 3));
    const repeated = fitLogisticRegression(xr, 3, Int8Array.from(rows, (i) => y[i] as number), { l2: 0, classWeights: { 0: 1, 1: 1 }, tol: 1e-11, maxIter: 100 });
    for (let j = 0; j < 3; j++) expect(weighted.weights[j]).toBeCloseTo(repeated.weights[j] as number, 7);
    expect(weighted.intercept).toBeCloseTo(repeated.intercept, 7);
  });

  test('converges to a zero gradient with the Hessian sampled (more rows than EXACT_HESSIAN_ROWS), and is deterministic', () => {
    const n = EXACT_HESSIAN_ROWS * 2 + 37;
    const { x, y } = data(n, 6, 11);
    const objective = { l2: 1e-3, classWeights: { 0: 0.6, 1: 2.5 }, tol: 1e-9, maxIter: 100 };
    const fit = fitLogisticRegression(x, 6, y, objective);
    expect(fit.converged).toBe(true);
    const g = gradientAt(x, y, 6, fit.weights, fit.intercept, objective.l2, objective.classWeights);
    for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-8);
    const again = fitLogisticRegression(x, 6, y, objective);
    expect(Array.from(again.weights)).toEqual(Array.from(fit.weights));
    expect(again.intercept).toBe(fit.intercept);
  });

  test('the default tolerance stops in fewer steps than a tight one and ranks unseen rows the same', () => {
    const width = 12;
    const { x, y } = data(3000, width, 21);
    const { x: xt, y: yt } = data(2000, width, 22);
    const objective = { l2: 1e-3, classWeights: { 0: 0.6, 1: 2.5 }, maxIter: 100 };
    const loose = fitLogisticRegression(x, width, y, { ...objective, tol: LOGISTIC_TOL });
    const tight = fitLogisticRegression(x, width, y, { ...objective, tol: 1e-10 });
    expect(loose.converged).toBe(true);
    expect(loose.iterations).toBeLessThan(tight.iterations);
    const logits = (fit: typeof loose) =>
      Float64Array.from({ length: yt.length }, (_, i) => {
        let z = fit.intercept;
        for (let j = 0; j < width; j++) z += (xt[i * width + j] as number) * (fit.weights[j] as number);
        return z;
      });
    const a = logits(loose);
    const b = logits(tight);
    let largest = 0;
    for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs((a[i] as number) - (b[i] as number)));
    expect(largest).toBeLessThan(0.01);
    expect(Math.abs(rocAuc(a, yt) - rocAuc(b, yt))).toBeLessThan(1e-3);
  });

  test('a constant column (zero curvature) and a duplicate column still give a finite, converged fit', () => {
    const { x: base, y } = data(200, 2, 3);
    const x = new Float32Array(200 * 4);
    for (let i = 0; i < 200; i++) x.set([base[2 * i] as number, base[2 * i + 1] as number, 0, base[2 * i] as number], 4 * i);
    const fit = fitLogisticRegression(x, 4, y, { l2: 1e-3, classWeights: { 0: 1, 1: 1 }, tol: 1e-8, maxIter: 100 });
    expect(fit.converged).toBe(true);
    expect(fit.weights[2]).toBe(0);
    // The penalty splits a duplicated column's weight evenly.
    expect(fit.weights[0]).toBeCloseTo(fit.weights[3] as number, 6);
  });

  test('stops at maxIter and says it did not converge', () => {
    const { x, y } = data(500, 3, 1);
    const fit = fitLogisticRegression(x, 3, y, { l2: 1e-3, classWeights: { 0: 1, 1: 1 }, tol: 1e-14, maxIter: 1 });
    expect(fit.iterations).toBe(1);
    expect(fit.converged).toBe(false);
  });

  test('solveSymmetric solves a positive definite system', () => {
    const a = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
    const v = Float64Array.from([1, 2, 3]);
    const copy = Float64Array.from(a);
    solveSymmetric(a, 3, v);
    for (let i = 0; i < 3; i++) {
      const row = (copy[3 * i] as number) * (v[0] as number) + (copy[3 * i + 1] as number) * (v[1] as number) + (copy[3 * i + 2] as number) * (v[2] as number);
      expect(row).toBeCloseTo([1, 2, 3][i] as number, 12);
    }
  });

  (sklearnAvailable ? test : test.skip)("matches scikit-learn's LogisticRegression (C = 1 / (2 · l2 · n), balanced class weights)", () => {
    const n = 400;
    const width = 4;
    const { x, y } = data(n, width, 21);
    const positives = y.reduce((s, v) => s + v, 0);
    const classWeights = { 0: n / (2 * (n - positives)), 1: n / (2 * positives) };
    const l2 = 0.01;
    const fit = fitLogisticRegression(x, width, y, { l2, classWeights, tol: 1e-12, maxIter: 100 });
    const script = [
      'import json, sys',
      'import numpy as np',
      'from sklearn.linear_model import LogisticRegression',
      'd = json.load(sys.stdin)',
      'X = np.array(d["x"], dtype=np.float64).reshape(-1, d["width"])',
      'm = LogisticRegression(C=d["C"], class_weight="balanced", tol=1e-12, max_iter=10000, solver="newton-cg").fit(X, np.array(d["y"]))',
      'print(json.dumps({"coef": m.coef_[0].tolist(), "intercept": float(m.intercept_[0])}))',
    ].join('\n');
    const out = execFileSync(PYTHON, ['-c', script], { input: JSON.stringify({ x: Array.from(x), y: Array.from(y), width, C: 1 / (2 * l2 * n) }) }).toString();
    const sk = JSON.parse(out) as { coef: number[]; intercept: number };
    for (let j = 0; j < width; j++) expect(fit.weights[j]).toBeCloseTo(sk.coef[j] as number, 5);
    expect(fit.intercept).toBeCloseTo(sk.intercept, 5);
  });
});
