import { Random } from '../../util/Random.js';
import { Cholesky } from './Cholesky.js';
import type { ForecastRows } from './ForecastRows.js';

/**
 * Triggers whose inspections are chosen without looking at the outcome,
 * beyond what the features already say: `proactive` (a council's own
 * programme) and `model` (visits from a list, chosen by score alone). A
 * property found through them is as likely an HMO as an unvisited property
 * of the same score, so the forecast is made at their level.
 */
export const REFERENCE_TRIGGERS: readonly string[] = ['proactive', 'model'];

/** Prior standard deviations (logit scale) of the recalibration's parameters: weak, shrinking towards "the scores are right". */
export interface RecalibrationPrior {
  /** Intercept shared by the boroughs (around 0). */
  intercept: number;
  /** Slope on the score's logit shared by the boroughs (around 1). */
  slope: number;
  /** A borough's own intercept, around the shared one. */
  boroughIntercept: number;
  /** A borough's own slope, around the shared one. */
  boroughSlope: number;
  /** The offset of a trigger against the reference triggers (around 0). */
  trigger: number;
}

export const DEFAULT_PRIOR: RecalibrationPrior = { intercept: 2, slope: 1, boroughIntercept: 0.75, boroughSlope: 0.3, trigger: 1 };

/** Scores are clamped to [EPS, 1 - EPS] before taking the logit. */
const EPS = 1e-4;

/** logit of a probability, clamped away from 0 and 1. */
export function clampedLogit(p: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
}

/** The logistic function, stable at both ends. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * How often a held-out inspection of a given score found an HMO, per
 * borough, had it been chosen as a proactive visit is: a logistic
 * recalibration of the leave-borough-out scores,
 *
 *   logit P(hmo) = (a + a_borough) + (c + c_borough) · logit(score) + d_trigger,
 *
 * with d = 0 for the reference triggers (`REFERENCE_TRIGGERS`) and one offset
 * per other trigger, shared by every borough (so that a borough with few or
 * no proactive visits still gets the selection correction the others show).
 * Fitted by Newton's method on the likelihood with Gaussian priors
 * (`RecalibrationPrior`: partial pooling of the boroughs' own terms); its
 * uncertainty is the Laplace approximation N(θ̂, H⁻¹) of that penalised
 * likelihood, from which `draws` samples.
 *
 * @example
 *   const fit = SelectionAdjustedCalibration.fit(rows);
 *   fit.probability(fit.estimate, fit.boroughIndex('E09000007'), 0.4); // P(hmo) of an unvisited property scored 0.4
 */
export class SelectionAdjustedCalibration {
  private constructor(
    readonly boroughs: readonly string[],
    /** Triggers with an offset (every trigger seen that is not a reference trigger), sorted. */
    readonly triggers: readonly string[],
    /** θ̂: [a, c, a_borough…, c_borough…, d_trigger…]. */
    readonly estimate: Float64Array,
    private readonly curvature: Cholesky,
    /** Rows of each trigger the fit saw. */
    readonly triggerRows: Readonly<Record<string, number>>,
  ) {}

  /**
   * Fits the recalibration to `rows` (at least one row). `start`, a fit of
   * overlapping rows, starts Newton's method from its estimate (matched by
   * borough and trigger; the same optimum, in fewer steps).
   */
  static fit(rows: ForecastRows, prior: RecalibrationPrior = DEFAULT_PRIOR, start?: SelectionAdjustedCalibration): SelectionAdjustedCalibration {
    const boroughs = [...new Set(rows.boroughCode)].sort();
    const triggerRows: Record<string, number> = {};
    for (const t of rows.trigger) triggerRows[t] = (triggerRows[t] ?? 0) + 1;
    const triggers = Object.keys(triggerRows)
      .filter((t) => !REFERENCE_TRIGGERS.includes(t))
      .sort();
    const B = boroughs.length;
    const size = 2 + 2 * B + triggers.length;
    const boroughPosition = new Map(boroughs.map((code, b) => [code, b]));
    const boroughOf = Int32Array.from(rows.boroughCode, (code) => boroughPosition.get(code) as number);
    const triggerOf = Int32Array.from(rows.trigger, (t) => triggers.indexOf(t));
    const x = Float64Array.from(rows.score, clampedLogit);
    const priorMean = new Float64Array(size);
    priorMean[1] = 1;
    const precision = new Float64Array(size);
    precision[0] = 1 / prior.intercept ** 2;
    precision[1] = 1 / prior.slope ** 2;
    for (let b = 0; b < B; b++) {
      precision[2 + b] = 1 / prior.boroughIntercept ** 2;
      precision[2 + B + b] = 1 / prior.boroughSlope ** 2;
    }
    for (let t = 0; t < triggers.length; t++) precision[2 + 2 * B + t] = 1 / prior.trigger ** 2;

    const theta = Float64Array.from(priorMean);
    if (start !== undefined) {
      const S = start.boroughs.length;
      theta[0] = start.estimate[0] as number;
      theta[1] = start.estimate[1] as number;
      boroughs.forEach((code, b) => {
        const i = start.boroughs.indexOf(code);
        if (i < 0) return;
        theta[2 + b] = start.estimate[2 + i] as number;
        theta[2 + B + b] = start.estimate[2 + S + i] as number;
      });
      triggers.forEach((trigger, t) => {
        const i = start.triggers.indexOf(trigger);
        if (i >= 0) theta[2 + 2 * B + t] = start.estimate[2 + 2 * S + i] as number;
      });
    }
    // The row's terms, in parameter order: a (1), c (x), a_b (1), c_b (x) and, for a trigger with an offset, d_t (1).
    // Written out rather than looped over index/value arrays, with the same products summed in the same order:
    // the same penalised loss, gradient and curvature bit for bit, in about half the time (London: 149,317 rows,
    // 34 fits). The curvature is summed on and below the diagonal only (a term's product is the same on either
    // side) and mirrored.
    const evaluate = (at: Float64Array, withCurvature: boolean) => {
      let loss = 0;
      const gradient = new Float64Array(size);
      const hessian = withCurvature ? new Float64Array(size * size) : null;
      for (let i = 0; i < size; i++) {
        const d = (at[i] as number) - (priorMean[i] as number);
        loss += 0.5 * (precision[i] as number) * d * d;
        gradient[i] = (precision[i] as number) * d;
        if (hessian !== null) hessian[i * size + i] = precision[i] as number;
      }
      const a = at[0] as number;
      const c = at[1] as number;
      for (let r = 0; r < rows.length; r++) {
        const b = boroughOf[r] as number;
        const t = triggerOf[r] as number;
        const xr = x[r] as number;
        const ib = 2 + b;
        const jb = 2 + B + b;
        const it = t >= 0 ? 2 + 2 * B + t : -1;
        let eta = 0;
        eta += a * 1;
        eta += c * xr;
        eta += (at[ib] as number) * 1;
        eta += (at[jb] as number) * xr;
        if (it >= 0) eta += (at[it] as number) * 1;
        const y = rows.label[r] as number;
        // -log-likelihood of a logistic row, stably; the same exp(-|eta|) gives the probability (`sigmoid`)
        const e = Math.exp(-Math.abs(eta));
        loss += Math.max(eta, 0) - y * eta + Math.log1p(e);
        const p = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
        const residual = p - y;
        gradient[0] = (gradient[0] as number) + residual * 1;
        gradient[1] = (gradient[1] as number) + residual * xr;
        gradient[ib] = (gradient[ib] as number) + residual * 1;
        gradient[jb] = (gradient[jb] as number) + residual * xr;
        if (it >= 0) gradient[it] = (gradient[it] as number) + residual * 1;
        if (hessian !== null) {
          const w = p * (1 - p);
          // (w · value_k) · value_l for the term pairs k ≥ l: value 1 gives w, value x gives w·x, two x give (w·x)·x.
          const w1 = w * 1;
          const wx = w * xr;
          const one = w1 * 1;
          const mixed = wx * 1;
          const xx = wx * xr;
          const ribs = ib * size;
          const rjb = jb * size;
          hessian[0] = (hessian[0] as number) + one;
          hessian[size] = (hessian[size] as number) + mixed;
          hessian[size + 1] = (hessian[size + 1] as number) + xx;
          hessian[ribs] = (hessian[ribs] as number) + one;
          hessian[ribs + 1] = (hessian[ribs + 1] as number) + w1 * xr;
          hessian[ribs + ib] = (hessian[ribs + ib] as number) + one;
          hessian[rjb] = (hessian[rjb] as number) + mixed;
          hessian[rjb + 1] = (hessian[rjb + 1] as number) + xx;
          hessian[rjb + ib] = (hessian[rjb + ib] as number) + mixed;
          hessian[rjb + jb] = (hessian[rjb + jb] as number) + xx;
          if (it >= 0) {
            const rit = it * size;
            hessian[rit] = (hessian[rit] as number) + one;
            hessian[rit + 1] = (hessian[rit + 1] as number) + w1 * xr;
            hessian[rit + ib] = (hessian[rit + ib] as number) + one;
            hessian[rit + jb] = (hessian[rit + jb] as number) + w1 * xr;
            hessian[rit + it] = (hessian[rit + it] as number) + one;
          }
        }
      }
      if (hessian !== null) {
        for (let i = 0; i < size; i++) for (let j = 0; j < i; j++) hessian[j * size + i] = hessian[i * size + j] as number;
      }
      return { loss, gradient, hessian };
    };

    let current = evaluate(theta, true);
    for (let iteration = 0; iteration < 100; iteration++) {
      const step = Cholesky.of(current.hessian as Float64Array, size).solve(current.gradient);
      // Newton's step, halved until the penalised loss does not rise (it is convex: a few halvings at most).
      let scale = 1;
      let next = theta.map((v, i) => v - (step[i] as number));
      let trial = evaluate(next, false);
      while (trial.loss > current.loss + 1e-12 && scale > 1e-6) {
        scale /= 2;
        next = theta.map((v, i) => v - scale * (step[i] as number));
        trial = evaluate(next, false);
      }
      let largest = 0;
      for (let i = 0; i < size; i++) largest = Math.max(largest, Math.abs((next[i] as number) - (theta[i] as number)));
      theta.set(next);
      current = evaluate(theta, true);
      if (largest < 1e-9) break;
    }
    return new SelectionAdjustedCalibration(boroughs, triggers, theta, Cholesky.of(current.hessian as Float64Array, size), triggerRows);
  }

  /** The borough's position in the parameters, or -1 when the fit saw no row of it. */
  boroughIndex(code: string): number {
    return this.boroughs.indexOf(code);
  }

  /**
   * P(hmo) at the reference triggers' level, for a property of `score` in
   * borough `b` (boroughIndex), under parameters `theta`, with `share` (0 to
   * 1) of the borough's own terms (1: all of them).
   */
  probability(theta: Float64Array, b: number, score: number, share = 1): number {
    const [intercept, slope] = this.terms(theta, b, share);
    return sigmoid(intercept + slope * clampedLogit(score));
  }

  /** The intercept and slope on logit(score) of borough `b` under `theta`, with `share` of the borough's own terms. */
  terms(theta: Float64Array, b: number, share = 1): [number, number] {
    const B = this.boroughs.length;
    return [
      (theta[0] as number) + (b >= 0 ? share * (theta[2 + b] as number) : 0),
      (theta[1] as number) + (b >= 0 ? share * (theta[2 + B + b] as number) : 0),
    ];
  }

  /**
   * The shared part of the recalibration's linear predictor for a row of
   * `score` and `trigger`: a + c · logit(score) + d_trigger at the estimate,
   * without any borough's own terms (what the fit says of a borough it never
   * saw). Null when `trigger` is neither a reference trigger nor one the fit
   * saw (no offset to correct it with).
   */
  sharedPredictor(score: number, trigger: string): number | null {
    const start = 2 + 2 * this.boroughs.length;
    let offset = 0;
    if (!REFERENCE_TRIGGERS.includes(trigger)) {
      const t = this.triggers.indexOf(trigger);
      if (t < 0) return null;
      offset = this.estimate[start + t] as number;
    }
    return (this.estimate[0] as number) + (this.estimate[1] as number) * clampedLogit(score) + offset;
  }

  /** Odds of finding an HMO through each non-reference trigger against a reference one at the same score (exp of the offset). */
  triggerOddsRatios(): Record<string, number> {
    const start = 2 + 2 * this.boroughs.length;
    return Object.fromEntries(this.triggers.map((t, i) => [t, Math.exp(this.estimate[start + i] as number)]));
  }

  /** `count` parameter draws from N(θ̂, H⁻¹), seeded. */
  draws(count: number, random: Random): Float64Array[] {
    const size = this.estimate.length;
    const result: Float64Array[] = [];
    for (let j = 0; j < count; j++) {
      const z = Float64Array.from({ length: size }, () => random.normal());
      const offset = this.curvature.solveUpper(z);
      result.push(this.estimate.map((v, i) => v + (offset[i] as number)));
    }
    return result;
  }
}
