/** A fitted calibration as saved in calibration.json. */
export type CalibrationJson =
  | { method: 'platt'; a: number; b: number; fitted_on: number; positives: number }
  | { method: 'isotonic'; x: number[]; y: number[]; fitted_on: number; positives: number }
  /** No usable held-out scores (one borough and no temporal split, or one class): the raw sigmoid. */
  | { method: 'none'; reason: string; fitted_on: number; positives: number };

/**
 * Maps raw model outputs (logits) to probabilities that mean what they say
 * (0.3 → about 30% of such properties are HMOs). Fitted on out-of-fold
 * held-out scores, never on the rows the model was trained on.
 * Platt: p = sigmoid(a·logit + b), by Newton's method with Platt's smoothed
 * targets. Isotonic: pool-adjacent-violators on the logits, interpolated
 * linearly between block centres and flat beyond the ends.
 *
 * @example
 *   const cal = Calibrator.fit('platt', heldOutLogits, heldOutLabels);
 *   cal.apply([-1.2, 0.4]); // Float64Array of probabilities
 */
export class Calibrator {
  private constructor(readonly spec: CalibrationJson) {}

  static fit(method: 'platt' | 'isotonic', logits: ArrayLike<number>, labels: ArrayLike<number>): Calibrator {
    const n = logits.length;
    let positives = 0;
    for (let i = 0; i < n; i++) if (labels[i] === 1) positives++;
    if (positives === 0 || positives === n) {
      return new Calibrator({ method: 'none', reason: n === 0 ? 'no held-out scores' : 'held-out scores of one class only', fitted_on: n, positives });
    }
    return new Calibrator(method === 'platt' ? fitPlatt(logits, labels, positives) : fitIsotonic(logits, labels, positives));
  }

  /** The identity calibration (sigmoid of the logit), with the reason it was not fitted. */
  static none(reason: string): Calibrator {
    return new Calibrator({ method: 'none', reason, fitted_on: 0, positives: 0 });
  }

  static fromJSON(json: CalibrationJson): Calibrator {
    if (!['platt', 'isotonic', 'none'].includes(json.method)) throw new Error(`Unknown calibration method ${JSON.stringify(json.method)}`);
    return new Calibrator(json);
  }

  toJSON(): CalibrationJson {
    return this.spec;
  }

  apply(logits: ArrayLike<number>): Float64Array {
    const out = new Float64Array(logits.length);
    const spec = this.spec;
    for (let i = 0; i < logits.length; i++) {
      const s = logits[i] as number;
      if (spec.method === 'platt') out[i] = sigmoid(spec.a * s + spec.b);
      else if (spec.method === 'isotonic') out[i] = interpolate(spec.x, spec.y, s);
      else out[i] = sigmoid(s);
    }
    return out;
  }
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>, positives: number): CalibrationJson {
  const n = logits.length;
  const negatives = n - positives;
  // Platt's targets keep the fit finite when the classes separate perfectly.
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  const loss = (a_: number, b_: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = a_ * (logits[i] as number) + b_;
      const t = labels[i] === 1 ? hi : lo;
      // log(1 + e^z) − t·z, computed stably.
      sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t * z;
    }
    return sum;
  };
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const s = logits[i] as number;
      const p = sigmoid(a * s + b);
      const t = labels[i] === 1 ? hi : lo;
      const w = p * (1 - p);
      ga += (p - t) * s;
      gb += p - t;
      haa += w * s * s;
      hab += w * s;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(Math.abs(det) > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current && step > 1e-8) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (next > current) break;
    a -= step * da;
    b -= step * db;
    const improvement = current - next;
    current = next;
    if (improvement < 1e-10 * Math.max(1, Math.abs(current))) break;
  }
  return { method: 'platt', a, b, fitted_on: n, positives };
}

function fitIsotonic(logits: ArrayLike<number>, labels: ArrayLike<number>, positives: number): CalibrationJson {
  const order = Array.from({ length: logits.length }, (_, i) => i).sort((i, j) => (logits[i] as number) - (logits[j] as number) || i - j);
  // Blocks of equal scores first (a tie must get one probability), then pool adjacent violators.
  const sums: number[] = [];
  const weights: number[] = [];
  const xs: number[] = [];
  for (const i of order) {
    const s = logits[i] as number;
    const y = labels[i] === 1 ? 1 : 0;
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === s) {
      sums[last] = (sums[last] as number) + y;
      weights[last] = (weights[last] as number) + 1;
    } else {
      xs.push(s);
      sums.push(y);
      weights.push(1);
    }
  }
  const blockSum: number[] = [];
  const blockWeight: number[] = [];
  const blockX: number[] = []; // weighted sum of x, for the block centre
  for (let k = 0; k < xs.length; k++) {
    blockSum.push(sums[k] as number);
    blockWeight.push(weights[k] as number);
    blockX.push((xs[k] as number) * (weights[k] as number));
    while (blockSum.length > 1) {
      const m = blockSum.length - 1;
      if ((blockSum[m - 1] as number) / (blockWeight[m - 1] as number) <= (blockSum[m] as number) / (blockWeight[m] as number)) break;
      blockSum[m - 1] = (blockSum[m - 1] as number) + (blockSum.pop() as number);
      blockWeight[m - 1] = (blockWeight[m - 1] as number) + (blockWeight.pop() as number);
      blockX[m - 1] = (blockX[m - 1] as number) + (blockX.pop() as number);
    }
  }
  const x = blockX.map((s, k) => s / (blockWeight[k] as number));
  const y = blockSum.map((s, k) => s / (blockWeight[k] as number));
  return { method: 'isotonic', x, y, fitted_on: logits.length, positives };
}

function interpolate(x: readonly number[], y: readonly number[], s: number): number {
  const n = x.length;
  if (n === 0) return sigmoid(s);
  if (Number.isNaN(s)) return Number.NaN;
  if (s <= (x[0] as number)) return y[0] as number;
  if (s >= (x[n - 1] as number)) return y[n - 1] as number;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] as number) <= s) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo] as number;
  const x1 = x[hi] as number;
  const t = x1 > x0 ? (s - x0) / (x1 - x0) : 0;
  return (y[lo] as number) + t * ((y[hi] as number) - (y[lo] as number));
}
