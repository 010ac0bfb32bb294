/**
 * What `fitLogisticRegression` minimises and how hard it tries.
 *
 * The objective is the one the TensorFlow.js logistic regression minimised
 * (Keras semantics: the mean over rows of the class-weighted cross-entropy,
 * plus `l2` times the sum of the squared weights, the intercept not
 * penalised):
 *
 *   f(β, b) = (1/n) Σᵢ wᵢ · ℓ(yᵢ, xᵢ·β + b) + l2 · ‖β‖²
 *
 * In scikit-learn's terms (`LogisticRegression(C, class_weight)`, which
 * minimises ½‖β‖² + C Σᵢ wᵢ ℓᵢ) that is C = 1 / (2 · l2 · n).
 */
export interface LogisticObjective {
  /** L2 penalty on the weights (not the intercept), as above. */
  l2: number;
  /** Weight of a row of class 0 and of class 1 (`wᵢ` above). */
  classWeights: { 0: number; 1: number };
  /** Stop when the largest absolute component of the gradient of f is at most this. */
  tol: number;
  /** Steps at most. */
  maxIter: number;
  /** Rows whose curvature is summed exactly (default `EXACT_HESSIAN_ROWS`); above, a sample of this many. */
  hessianRows?: number;
}

/** The fitted weights and how the solver got there. */
export interface LogisticSolution {
  /** One weight per input column. */
  weights: Float64Array;
  intercept: number;
  /** Steps taken. */
  iterations: number;
  /** Whether the gradient reached `tol` within `maxIter` steps. */
  converged: boolean;
  /** f at the solution. */
  loss: number;
  /** Largest absolute component of the gradient at the solution. */
  gradientNorm: number;
}

/**
 * Rows whose curvature (Hessian) is summed exactly; above this, the Hessian's
 * off-diagonal part is estimated from an evenly spaced sample of this many rows
 * (its diagonal and the gradient stay exact on every row). The sample only
 * changes how fast the steps converge, not where they converge: every step is
 * checked against the exact objective and the stopping rule reads the exact
 * gradient. At London scale (200,000 rows × 257 columns) the exact Hessian is
 * ~7·10⁹ multiply-adds a step, the sampled one ~10⁸.
 */
export const EXACT_HESSIAN_ROWS = 4096;

/** Rows per block of the Hessian's sum. */
const HESSIAN_BLOCK = 32;

/** Armijo's sufficient-decrease constant and the most halvings of a step. */
const ARMIJO = 1e-4;
const MAX_HALVINGS = 40;

/**
 * Fits an L2-penalised, class-weighted logistic regression by a (quasi-)Newton
 * method with a backtracking line search: the first step solves H·Δ = −g by a
 * Cholesky factorisation (H the Hessian of f, exact up to
 * `EXACT_HESSIAN_ROWS` rows, else exact on the diagonal and sampled off it);
 * later steps use that inverse updated by BFGS, or (with many rows, where
 * summing the Hessian costs no more than a step's passes over the rows) a
 * Hessian summed again until full steps cut the gradient tenfold; any step
 * the line search (Armijo) has to shorten starts again from a summed Hessian.
 * Starts from zero weights and the intercept of the weighted base rate; stops
 * when max |∂f| ≤ tol or after maxIter steps. No randomness: the same rows
 * give the same weights, bit for bit.
 *
 * `x` is row-major (rows × width), finite; `labels` 0/1.
 *
 * @example
 *   const fit = fitLogisticRegression(x, width, labels, { l2: 1e-3, classWeights: { 0: 0.6, 1: 2.9 }, tol: 1e-6, maxIter: 100 });
 *   fit.weights; fit.intercept; fit.converged; // true
 */
export function fitLogisticRegression(x: Float32Array, width: number, labels: ArrayLike<number>, objective: LogisticObjective): LogisticSolution {
  const n = labels.length;
  if (x.length !== n * width) throw new Error(`the matrix holds ${x.length} values, not ${n} rows of ${width}`);
  if (n === 0) throw new Error('no rows to fit a logistic regression on');
  const d = width;
  const p = d + 1; // the intercept is the last parameter
  const w = Float64Array.from({ length: n }, (_, i) => (labels[i] === 1 ? objective.classWeights[1] : objective.classWeights[0]));
  const y = Float64Array.from({ length: n }, (_, i) => (labels[i] === 1 ? 1 : 0));

  // Phase 1: start at zero weights and the intercept of the weighted base rate.
  let wPositive = 0;
  let wTotal = 0;
  for (let i = 0; i < n; i++) {
    wTotal += w[i] as number;
    if (y[i] === 1) wPositive += w[i] as number;
  }
  const base = wTotal > 0 ? wPositive / wTotal : 0.5;
  const theta = new Float64Array(p);
  theta[d] = base > 0 && base < 1 ? Math.log(base / (1 - base)) : 0;

  const margins = new Float64Array(n);
  const direction = new Float64Array(n);
  const gradient = new Float64Array(p);
  const diagonal = new Float64Array(p);
  const sample = sampleRows(n, objective.hessianRows ?? EXACT_HESSIAN_ROWS);
  const hessian = new Float64Array(p * p);
  const step = new Float64Array(p);

  // Phase 2: (quasi-)Newton steps. Three passes over the matrix a step: x·Δ (the line search moves the margins
  // along it without reading x again), the margins and the gradient at the new point; one more, and the
  // Hessian's sum, when the Hessian is summed afresh.
  computeMargins(x, d, theta, margins);
  let loss = lossAt(margins, y, w, objective.l2, theta);
  gradientAt(x, d, y, w, objective.l2, theta, margins, gradient);
  let iterations = 0;
  let gradientNorm = maxAbs(gradient);
  // The inverse Hessian the steps use: from a summed Hessian (the first step, and again after any step the line
  // search had to shorten), else updated by BFGS from the last step and the change of the gradient — the
  // summed Hessian is the costly part of a step, the update costs p² and no pass over the rows.
  const inverse = new Float64Array(p * p);
  const previous = new Float64Array(p);
  const change = new Float64Array(p);
  const hy = new Float64Array(p);
  let fresh = true;
  // Where summing the Hessian costs about a step's passes over the rows or less (many rows: London), it is
  // summed again until full steps cut the gradient tenfold; with fewer rows BFGS updates are far cheaper.
  const summed = sample === null ? n : sample.length;
  const newtonSteps = summed * p <= 12 * n;
  while (gradientNorm > objective.tol && iterations < objective.maxIter) {
    iterations++;
    if (fresh) {
      curvature(x, d, w, margins, sample, objective.l2, diagonal, hessian);
      factorSymmetric(hessian, p);
      invertFactored(hessian, p, inverse);
    }
    for (let a = 0; a < p; a++) {
      let sum = 0;
      const line = a * p;
      for (let b = 0; b < p; b++) sum -= (inverse[line + b] as number) * (gradient[b] as number);
      step[a] = sum;
    }
    let slope = 0;
    for (let j = 0; j < p; j++) slope += (gradient[j] as number) * (step[j] as number);
    if (!(slope < 0)) {
      if (fresh) break; // no descent direction left: the gradient is at rounding level
      fresh = true;
      iterations--;
      continue;
    }
    computeMargins(x, d, step, direction);
    let t = 1;
    // A decrease below the loss's rounding cannot be checked in floating point: take the full step then
    // (the stop reads the gradient, which is still exact there).
    let accepted = -slope <= 8 * Number.EPSILON * Math.max(1, Math.abs(loss));
    for (let halving = 0; !accepted && halving <= MAX_HALVINGS; halving++) {
      const trialLoss = lossAlong(margins, direction, t, y, w, objective.l2, theta, step);
      if (trialLoss <= loss + ARMIJO * t * slope) {
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) {
      if (fresh) break; // the objective cannot be lowered along a Newton step in floating point
      fresh = true;
      iterations--;
      continue;
    }
    for (let j = 0; j < p; j++) theta[j] = (theta[j] as number) + t * (step[j] as number);
    // Recomputed from θ, not moved along x·Δ: moved margins drift by rounding, and the gradient then stalls near 1e-9.
    computeMargins(x, d, theta, margins);
    loss = lossAt(margins, y, w, objective.l2, theta);
    previous.set(gradient);
    gradientAt(x, d, y, w, objective.l2, theta, margins, gradient);
    const before = gradientNorm;
    gradientNorm = maxAbs(gradient);
    // BFGS: H⁻¹ ← H⁻¹ + (ρ + ρ² yᵀH⁻¹y) s sᵀ − ρ (H⁻¹y sᵀ + s yᵀH⁻¹), s the step taken, y the gradient's change.
    let sy = 0;
    for (let j = 0; j < p; j++) {
      change[j] = (gradient[j] as number) - (previous[j] as number);
      sy += t * (step[j] as number) * (change[j] as number);
    }
    fresh = t < 1 || !(sy > 0) || (newtonSteps && gradientNorm > 0.1 * before);
    if (fresh) continue;
    const rho = 1 / sy;
    let yhy = 0;
    for (let a = 0; a < p; a++) {
      let sum = 0;
      const line = a * p;
      for (let b = 0; b < p; b++) sum += (inverse[line + b] as number) * (change[b] as number);
      hy[a] = sum;
      yhy += (change[a] as number) * sum;
    }
    const ss = rho + rho * rho * yhy;
    for (let a = 0; a < p; a++) {
      const sa = t * (step[a] as number);
      const ha = hy[a] as number;
      const line = a * p;
      for (let b = 0; b < p; b++) {
        const sb = t * (step[b] as number);
        inverse[line + b] = (inverse[line + b] as number) + ss * sa * sb - rho * (ha * sb + sa * (hy[b] as number));
      }
    }
  }
  return {
    weights: theta.slice(0, d),
    intercept: theta[d] as number,
    iterations,
    converged: gradientNorm <= objective.tol,
    loss,
    gradientNorm,
  };
}

/**
 * x·θ (+ the intercept θ[d]) of every row, into `out`. Four rows at a time:
 * each row's sum is one chain of additions that waits on the one before, so
 * four independent chains keep the adder busy; every row's terms are still
 * added one by one in column order, so the margins are the same, bit for bit.
 */
function computeMargins(x: Float32Array, d: number, theta: Float64Array, out: Float64Array): void {
  const b = theta[d] as number;
  const n = out.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const r0 = i * d;
    const r1 = r0 + d;
    const r2 = r1 + d;
    const r3 = r2 + d;
    let z0 = b;
    let z1 = b;
    let z2 = b;
    let z3 = b;
    for (let j = 0; j < d; j++) {
      const t = theta[j] as number;
      z0 += (x[r0 + j] as number) * t;
      z1 += (x[r1 + j] as number) * t;
      z2 += (x[r2 + j] as number) * t;
      z3 += (x[r3 + j] as number) * t;
    }
    out[i] = z0;
    out[i + 1] = z1;
    out[i + 2] = z2;
    out[i + 3] = z3;
  }
  for (; i < n; i++) {
    const row = i * d;
    let z = b;
    for (let j = 0; j < d; j++) z += (x[row + j] as number) * (theta[j] as number);
    out[i] = z;
  }
}

/** f at θ, from its margins. */
function lossAt(margins: Float64Array, y: Float64Array, w: Float64Array, l2: number, theta: Float64Array): number {
  return lossAlong(margins, margins, 0, y, w, l2, theta, theta);
}

/** f at θ + t·Δ, from the margins at θ and x·Δ (`direction`). */
function lossAlong(margins: Float64Array, direction: Float64Array, t: number, y: Float64Array, w: Float64Array, l2: number, theta: Float64Array, step: Float64Array): number {
  const n = y.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (w[i] as number) * crossEntropy((margins[i] as number) + t * (direction[i] as number), y[i] as number);
  let penalty = 0;
  // The intercept (the last entry) is not penalised.
  for (let j = 0; j < theta.length - 1; j++) penalty += ((theta[j] as number) + t * (step[j] as number)) ** 2;
  return sum / n + l2 * penalty;
}

/** The gradient of f at θ, from the margins at θ, in one pass over the rows. */
function gradientAt(x: Float32Array, d: number, y: Float64Array, w: Float64Array, l2: number, theta: Float64Array, margins: Float64Array, gradient: Float64Array): void {
  const n = y.length;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = (w[i] as number) * (sigmoid(margins[i] as number) - (y[i] as number));
  weightedColumnSums(x, d, r, false, gradient);
  for (let j = 0; j < d; j++) gradient[j] = (gradient[j] as number) / n + 2 * l2 * (theta[j] as number);
  gradient[d] = (gradient[d] as number) / n;
}

/** The exact diagonal of the curvature Σ wᵢ pᵢ(1 − pᵢ) x̃ᵢ² / n (no penalty), in one pass over the rows. */
function diagonalAt(x: Float32Array, d: number, w: Float64Array, margins: Float64Array, diagonal: Float64Array): void {
  const n = w.length;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const prob = sigmoid(margins[i] as number);
    s[i] = (w[i] as number) * prob * (1 - prob);
  }
  weightedColumnSums(x, d, s, true, diagonal);
  for (let j = 0; j <= d; j++) diagonal[j] = (diagonal[j] as number) / n;
}

/**
 * out[j] = Σᵢ cᵢ · xᵢⱼ (or xᵢⱼ² when `squared`) for every column, and out[d] = Σᵢ cᵢ: four rows at a time,
 * so that each column's running sum is read and written once per four rows (the stores, not the
 * multiplies, bound this loop). No test for zeros: a branch taken at random costs more than the multiply.
 */
function weightedColumnSums(x: Float32Array, d: number, c: Float64Array, squared: boolean, out: Float64Array): void {
  const n = c.length;
  out.fill(0);
  let i = 0;
  // Eight rows a pass while eight remain (half the loads and stores of the running sums), then four, then one:
  // every row's term is added to the running sum one after the other in row order, with the same product as
  // before (c·v·v in the blocks, c·(v·v) in the tail), so the sums are the same, bit for bit.
  for (; i + 8 <= n; i += 8) {
    const c0 = c[i] as number;
    const c1 = c[i + 1] as number;
    const c2 = c[i + 2] as number;
    const c3 = c[i + 3] as number;
    const c4 = c[i + 4] as number;
    const c5 = c[i + 5] as number;
    const c6 = c[i + 6] as number;
    const c7 = c[i + 7] as number;
    const r0 = i * d;
    const r1 = r0 + d;
    const r2 = r1 + d;
    const r3 = r2 + d;
    const r4 = r3 + d;
    const r5 = r4 + d;
    const r6 = r5 + d;
    const r7 = r6 + d;
    if (squared) {
      for (let j = 0; j < d; j++) {
        const v0 = x[r0 + j] as number;
        const v1 = x[r1 + j] as number;
        const v2 = x[r2 + j] as number;
        const v3 = x[r3 + j] as number;
        const v4 = x[r4 + j] as number;
        const v5 = x[r5 + j] as number;
        const v6 = x[r6 + j] as number;
        const v7 = x[r7 + j] as number;
        out[j] = (out[j] as number) + c0 * v0 * v0 + c1 * v1 * v1 + c2 * v2 * v2 + c3 * v3 * v3 + c4 * v4 * v4 + c5 * v5 * v5 + c6 * v6 * v6 + c7 * v7 * v7;
      }
    } else {
      for (let j = 0; j < d; j++) {
        out[j] =
          (out[j] as number) +
          c0 * (x[r0 + j] as number) +
          c1 * (x[r1 + j] as number) +
          c2 * (x[r2 + j] as number) +
          c3 * (x[r3 + j] as number) +
          c4 * (x[r4 + j] as number) +
          c5 * (x[r5 + j] as number) +
          c6 * (x[r6 + j] as number) +
          c7 * (x[r7 + j] as number);
      }
    }
    out[d] = (out[d] as number) + c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7;
  }
  for (; i + 4 <= n; i += 4) {
    const c0 = c[i] as number;
    const c1 = c[i + 1] as number;
    const c2 = c[i + 2] as number;
    const c3 = c[i + 3] as number;
    const r0 = i * d;
    const r1 = r0 + d;
    const r2 = r1 + d;
    const r3 = r2 + d;
    if (squared) {
      for (let j = 0; j < d; j++) {
        const v0 = x[r0 + j] as number;
        const v1 = x[r1 + j] as number;
        const v2 = x[r2 + j] as number;
        const v3 = x[r3 + j] as number;
        out[j] = (out[j] as number) + c0 * v0 * v0 + c1 * v1 * v1 + c2 * v2 * v2 + c3 * v3 * v3;
      }
    } else {
      for (let j = 0; j < d; j++) out[j] = (out[j] as number) + c0 * (x[r0 + j] as number) + c1 * (x[r1 + j] as number) + c2 * (x[r2 + j] as number) + c3 * (x[r3 + j] as number);
    }
    out[d] = (out[d] as number) + c0 + c1 + c2 + c3;
  }
  for (; i < n; i++) {
    const ci = c[i] as number;
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const v = x[row + j] as number;
      out[j] = (out[j] as number) + ci * (squared ? v * v : v);
    }
    out[d] = (out[d] as number) + ci;
  }
}

/**
 * The Hessian of f (p × p, row-major, both triangles) into `out`: the
 * curvature Σ wᵢ pᵢ(1 − pᵢ) x̃ᵢ x̃ᵢᵀ / n (x̃ = x with a 1 for the intercept)
 * summed over `sample` (every row when it is null) then, for a sample,
 * rescaled entry by entry to the exact diagonal (`diagonal`, from
 * `evaluate`): H_jk = C_jk · √(D_j D_k) with C the sample's correlation; a
 * column the sample never sees keeps its exact diagonal and no off-diagonal
 * terms. Plus 2·l2 on the weights' diagonal.
 */
function curvature(
  x: Float32Array,
  d: number,
  w: Float64Array,
  margins: Float64Array,
  sample: Uint32Array | null,
  l2: number,
  diagonal: Float64Array,
  out: Float64Array,
): void {
  const p = d + 1;
  out.fill(0);
  if (sample !== null) diagonalAt(x, d, w, margins, diagonal);
  const count = sample === null ? w.length : sample.length;
  // Blocks of rows, column-major and scaled by √s: each Hessian entry gains one dot product of length
  // BLOCK (a register sum, no store per term), and columns that are zero throughout the block are skipped.
  const z = new Float64Array(p * HESSIAN_BLOCK);
  const used = new Int32Array(p);
  for (let start = 0; start < count; start += HESSIAN_BLOCK) {
    const rows = Math.min(HESSIAN_BLOCK, count - start);
    z.fill(0);
    for (let r = 0; r < rows; r++) {
      const i = sample === null ? start + r : (sample[start + r] as number);
      const prob = sigmoid(margins[i] as number);
      const root = Math.sqrt((w[i] as number) * prob * (1 - prob));
      const at = i * d;
      for (let j = 0; j < d; j++) z[j * HESSIAN_BLOCK + r] = root * (x[at + j] as number);
      z[d * HESSIAN_BLOCK + r] = root;
    }
    let columns = 0;
    for (let j = 0; j < p; j++) {
      const base = j * HESSIAN_BLOCK;
      for (let r = 0; r < rows; r++) {
        if (z[base + r] !== 0) {
          used[columns++] = j;
          break;
        }
      }
    }
    for (let ai = 0; ai < columns; ai++) {
      const a = used[ai] as number;
      const za = a * HESSIAN_BLOCK;
      const line = a * p;
      // Four entries at a time: four independent sums (each still added row by row), and column a read once for four.
      let bi = ai;
      for (; bi + 4 <= columns; bi += 4) {
        const b0 = used[bi] as number;
        const b1 = used[bi + 1] as number;
        const b2 = used[bi + 2] as number;
        const b3 = used[bi + 3] as number;
        const z0 = b0 * HESSIAN_BLOCK;
        const z1 = b1 * HESSIAN_BLOCK;
        const z2 = b2 * HESSIAN_BLOCK;
        const z3 = b3 * HESSIAN_BLOCK;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let r = 0; r < rows; r++) {
          const va = z[za + r] as number;
          s0 += va * (z[z0 + r] as number);
          s1 += va * (z[z1 + r] as number);
          s2 += va * (z[z2 + r] as number);
          s3 += va * (z[z3 + r] as number);
        }
        out[line + b0] = (out[line + b0] as number) + s0;
        out[line + b1] = (out[line + b1] as number) + s1;
        out[line + b2] = (out[line + b2] as number) + s2;
        out[line + b3] = (out[line + b3] as number) + s3;
      }
      for (; bi < columns; bi++) {
        const b = used[bi] as number;
        const zb = b * HESSIAN_BLOCK;
        let sum = 0;
        for (let r = 0; r < rows; r++) sum += (z[za + r] as number) * (z[zb + r] as number);
        out[line + b] = (out[line + b] as number) + sum;
      }
    }
  }
  if (sample === null) {
    const n = w.length;
    for (let a = 0; a < p; a++) for (let b = a; b < p; b++) out[a * p + b] = (out[a * p + b] as number) / n;
  } else {
    // Scale to the exact diagonal: the sample gives the shape, every row the size.
    const scale = new Float64Array(p);
    for (let a = 0; a < p; a++) {
      const sampled = out[a * p + a] as number;
      scale[a] = sampled > 0 ? Math.sqrt((diagonal[a] as number) / sampled) : 0;
    }
    for (let a = 0; a < p; a++) {
      for (let b = a + 1; b < p; b++) out[a * p + b] = (out[a * p + b] as number) * (scale[a] as number) * (scale[b] as number);
      out[a * p + a] = diagonal[a] as number;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) out[a * p + b] = out[b * p + a] as number;
  for (let j = 0; j < d; j++) out[j * p + j] = (out[j * p + j] as number) + 2 * l2;
}

/** Evenly spaced rows for the sampled Hessian, or null when every row is summed. */
function sampleRows(n: number, size: number): Uint32Array | null {
  if (n <= size) return null;
  return Uint32Array.from({ length: size }, (_, k) => Math.floor((k * n) / size));
}

/**
 * Solves A·v = rhs in place (A symmetric positive semi-definite, p × p,
 * row-major; A is overwritten by its Cholesky factor).
 */
export function solveSymmetric(a: Float64Array, p: number, rhs: Float64Array): void {
  factorSymmetric(a, p);
  solveFactored(a, p, rhs);
}

/**
 * The Cholesky factor L of A (symmetric positive semi-definite, p × p,
 * row-major), in A's lower triangle. A pivot that is not clearly positive (a
 * column that is constant, or a copy of others) gets a small ridge, so the
 * solve always returns a finite direction.
 */
function factorSymmetric(a: Float64Array, p: number): void {
  let trace = 0;
  for (let j = 0; j < p; j++) trace += Math.abs(a[j * p + j] as number);
  const floor = Math.max(1e-12 * (trace / Math.max(1, p)), 1e-300);
  for (let j = 0; j < p; j++) {
    let s = a[j * p + j] as number;
    for (let k = 0; k < j; k++) s -= (a[j * p + k] as number) ** 2;
    const pivot = Math.sqrt(s > floor ? s : floor);
    a[j * p + j] = pivot;
    for (let i = j + 1; i < p; i++) {
      let t = a[i * p + j] as number;
      for (let k = 0; k < j; k++) t -= (a[i * p + k] as number) * (a[j * p + k] as number);
      a[i * p + j] = t / pivot;
    }
  }
}

/** The inverse of L·Lᵀ (L from `factorSymmetric`), p × p row-major, into `out`. */
function invertFactored(a: Float64Array, p: number, out: Float64Array): void {
  const column = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    column.fill(0);
    column[k] = 1;
    solveFactored(a, p, column);
    for (let i = 0; i < p; i++) out[i * p + k] = column[i] as number;
  }
}

/** Solves L·Lᵀ·v = rhs in place, L from `factorSymmetric`. */
function solveFactored(a: Float64Array, p: number, rhs: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let t = rhs[i] as number;
    for (let k = 0; k < i; k++) t -= (a[i * p + k] as number) * (rhs[k] as number);
    rhs[i] = t / (a[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let t = rhs[i] as number;
    for (let k = i + 1; k < p; k++) t -= (a[k * p + i] as number) * (rhs[k] as number);
    rhs[i] = t / (a[i * p + i] as number);
  }
}

/** Cross-entropy of a logit z against label y, stable for large |z|. */
function crossEntropy(z: number, y: number): number {
  return (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let j = 0; j < v.length; j++) m = Math.max(m, Math.abs(v[j] as number));
  return m;
}
