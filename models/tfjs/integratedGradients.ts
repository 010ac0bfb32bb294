import * as tf from '@tensorflow/tfjs';

/**
 * Integrated gradients of the network's logit for each given input row,
 * against a reference input (the training rows' mean): contribution of input
 * column j = (x_j − ref_j) · mean over the path ref→x of ∂logit/∂x_j. The
 * contributions of a row add up to logit(x) − logit(ref).
 *
 * The networks `hmo train` builds are piecewise linear (dense layers with
 * ReLU, then one linear output unit; dropout does nothing at inference), so
 * along the straight path the gradient is constant between the points where
 * a hidden unit switches on or off: the integral is computed exactly by
 * walking those points (`exactReluPath`), in plain arithmetic, about 30 µs a
 * row for the 64×32 MLP instead of 0.5 ms for 32 sampled steps, and in closed
 * form, kernel × (x − ref), for the logistic regression. Any other network
 * falls back to the midpoint rule with `steps` points through TensorFlow.js.
 * Returns rows × width, row-major.
 *
 * @example
 *   const c = integratedGradients(model, x, width, pre.toJSON().reference);
 */
export function integratedGradients(
  model: tf.LayersModel,
  x: Float32Array,
  width: number,
  reference: readonly number[],
  steps = 32,
): Float64Array {
  const network = reluNetwork(model, width);
  if (network !== null) return exactReluPath(network, x, width, reference);
  return sampledPath(model, x, width, reference, steps);
}

/** The midpoint rule with `steps` points, through TensorFlow.js: for networks that are not piecewise linear. */
export function sampledPath(model: tf.LayersModel, x: Float32Array, width: number, reference: readonly number[], steps = 32): Float64Array {
  const rows = width === 0 ? 0 : x.length / width;
  const out = new Float64Array(rows * width);
  const logitSum = (input: tf.Tensor) => tf.sum(model.apply(input, { training: false }) as tf.Tensor);
  const gradient = tf.grad(logitSum);
  const ref = Float32Array.from(reference);
  const chunk = Math.max(1, Math.floor(8192 / steps));
  for (let start = 0; start < rows; start += chunk) {
    const count = Math.min(chunk, rows - start);
    const path = new Float32Array(count * steps * width);
    for (let r = 0; r < count; r++) {
      for (let s = 0; s < steps; s++) {
        const alpha = (s + 0.5) / steps;
        const base = (r * steps + s) * width;
        for (let j = 0; j < width; j++) {
          const rj = ref[j] as number;
          path[base + j] = rj + alpha * ((x[(start + r) * width + j] as number) - rj);
        }
      }
    }
    const averaged = tf.tidy(() => {
      const grads = gradient(tf.tensor2d(path, [count * steps, width]));
      return tf.mean(tf.reshape(grads, [count, steps, width]), 1).dataSync();
    });
    for (let r = 0; r < count; r++) {
      for (let j = 0; j < width; j++) {
        const row = start + r;
        out[row * width + j] = ((x[row * width + j] as number) - (ref[j] as number)) * (averaged[r * width + j] as number);
      }
    }
  }
  return out;
}


/** Layers that do nothing at inference and hold no weights. */
const INFERENCE_IDENTITY = new Set(['InputLayer', 'Dropout', 'SeededDropout']);

/** A dense layer's weights in double precision: kernel row-major [inputs × units]. */
interface DenseWeights {
  inputs: number;
  units: number;
  kernel: Float64Array;
  bias: Float64Array;
}

/** Hidden ReLU layers (possibly none) and the linear output unit. */
export interface ReluNetwork {
  hidden: DenseWeights[];
  output: DenseWeights;
}

/**
 * The weights of a network that is piecewise linear in its input: dense
 * layers with ReLU, then one dense linear unit, nothing else but layers that
 * do nothing at inference; null for any other network.
 */
export function reluNetwork(model: tf.LayersModel, width: number): ReluNetwork | null {
  const layers = model.layers.filter((layer) => !INFERENCE_IDENTITY.has(layer.getClassName()));
  if (layers.length === 0 || layers.some((layer) => layer.getClassName() !== 'Dense')) return null;
  const dense: DenseWeights[] = [];
  let inputs = width;
  for (const [i, layer] of layers.entries()) {
    const config = layer.getConfig();
    const activation = config.activation ?? 'linear';
    const last = i === layers.length - 1;
    if (activation !== (last ? 'linear' : 'relu')) return null;
    const units = Number(config.units);
    const [kernel, bias] = layer.getWeights();
    if (kernel === undefined || kernel.shape[0] !== inputs || kernel.shape[1] !== units || (last && units !== 1)) return null;
    dense.push({ inputs, units, kernel: Float64Array.from(kernel.dataSync()), bias: bias === undefined ? new Float64Array(units) : Float64Array.from(bias.dataSync()) });
    inputs = units;
  }
  return { hidden: dense.slice(0, -1), output: dense[dense.length - 1] as DenseWeights };
}

/**
 * Exact integrated gradients of a ReLU network along the straight path
 * ref → x. Every hidden pre-activation is linear in the path position α
 * between switching points, so the walk keeps, per hidden unit, its value and
 * its slope dα, steps to the next unit that crosses zero, adds the segment's
 * length × the (constant) backward signal of the first hidden layer, and
 * updates only what the switched unit changes. Returns rows × width.
 *
 * @example
 *   const c = exactReluPath(reluNetwork(model, width)!, x, width, reference);
 */
export function exactReluPath(network: ReluNetwork, x: Float32Array, width: number, reference: readonly number[]): Float64Array {
  const rows = width === 0 ? 0 : x.length / width;
  const out = new Float64Array(rows * width);
  const { hidden, output } = network;
  const K = hidden.length;
  const d = new Float64Array(width);
  if (K === 0) {
    // The logistic regression: its gradient is its kernel everywhere.
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < width; j++) out[r * width + j] = ((x[r * width + j] as number) - (reference[j] as number)) * (output.kernel[j] as number);
    }
    return out;
  }
  // Pre-activations at the reference (α = 0), once for every row.
  const refValues: Float64Array[] = [];
  let input = Float64Array.from(reference);
  for (const layer of hidden) {
    const z = matVecT(layer, input);
    for (let o = 0; o < layer.units; o++) z[o] = (z[o] as number) + (layer.bias[o] as number);
    refValues.push(z);
    input = z.map((v) => (v > 0 ? v : 0));
  }
  const values = hidden.map((l) => new Float64Array(l.units));
  const slopes = hidden.map((l) => new Float64Array(l.units));
  const active = hidden.map((l) => new Uint8Array(l.units));
  // back[ℓ] = W_{ℓ+1} e_{ℓ+1} (for the last hidden layer: the output kernel); e_ℓ = active_ℓ ⊙ back_ℓ.
  const back = hidden.map((l) => new Float64Array(l.units));
  const signal = hidden.map((l) => new Float64Array(l.units));
  const first = hidden[0] as DenseWeights;
  const integral = new Float64Array(first.units);
  // Scratch vectors of the switch updates, one per layer, reused.
  const forwardDelta = hidden.map((l) => new Float64Array(l.units));
  const backwardDelta = hidden.map((l) => new Float64Array(l.units));
  const maxEvents = 4 * hidden.reduce((n, l) => n + l.units, 0) + 16;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < width; j++) d[j] = (x[r * width + j] as number) - (reference[j] as number);
    // Slopes and masks on the first segment (a unit exactly at zero is on when it is rising).
    for (let l = 0; l < K; l++) {
      const layer = hidden[l] as DenseWeights;
      const s = slopes[l] as Float64Array;
      s.fill(0);
      if (l === 0) addMatVecT(layer, d, null, s);
      else addMatVecT(layer, slopes[l - 1] as Float64Array, active[l - 1] as Uint8Array, s);
      (values[l] as Float64Array).set(refValues[l] as Float64Array);
      const v = values[l] as Float64Array;
      const m = active[l] as Uint8Array;
      for (let k = 0; k < layer.units; k++) m[k] = (v[k] as number) > 0 || ((v[k] as number) === 0 && (s[k] as number) > 0) ? 1 : 0;
    }
    for (let l = K - 1; l >= 0; l--) {
      const b = back[l] as Float64Array;
      if (l === K - 1) for (let k = 0; k < b.length; k++) b[k] = output.kernel[k] as number;
      else {
        b.fill(0);
        addMatVec(hidden[l + 1] as DenseWeights, signal[l + 1] as Float64Array, b);
      }
      const e = signal[l] as Float64Array;
      const m = active[l] as Uint8Array;
      for (let k = 0; k < b.length; k++) e[k] = m[k] === 1 ? (b[k] as number) : 0;
    }
    integral.fill(0);
    let alpha = 0;
    for (let events = 0; ; events++) {
      // The next unit to switch: an active unit falling to zero, or an inactive one rising to it.
      let step = 1 - alpha;
      let switchLayer = -1;
      let switchUnit = -1;
      if (events < maxEvents) {
        for (let l = 0; l < K; l++) {
          const v = values[l] as Float64Array;
          const s = slopes[l] as Float64Array;
          const m = active[l] as Uint8Array;
          for (let k = 0; k < v.length; k++) {
            const sk = s[k] as number;
            if (m[k] === 1 ? sk < 0 : sk > 0) {
              const t = Math.max(0, -(v[k] as number) / sk);
              if (t < step) {
                step = t;
                switchLayer = l;
                switchUnit = k;
              }
            }
          }
        }
      }
      const e1 = signal[0] as Float64Array;
      for (let k = 0; k < integral.length; k++) integral[k] = (integral[k] as number) + step * (e1[k] as number);
      alpha += step;
      if (switchLayer < 0) break;
      for (let l = 0; l < K; l++) {
        const v = values[l] as Float64Array;
        const s = slopes[l] as Float64Array;
        for (let k = 0; k < v.length; k++) v[k] = (v[k] as number) + step * (s[k] as number);
      }
      switchUnit_(switchLayer, switchUnit);
    }
    // ∫ ∂logit/∂x dα = W_1 ∫ e_1 dα; times (x − ref).
    for (let j = 0; j < width; j++) {
      let sum = 0;
      const row = j * first.units;
      for (let k = 0; k < first.units; k++) sum += (first.kernel[row + k] as number) * (integral[k] as number);
      out[r * width + j] = (d[j] as number) * sum;
    }
  }
  return out;

  /** Switches unit k of hidden layer l on or off and carries the change forward (slopes) and backward (signals). */
  function switchUnit_(l: number, k: number): void {
    const m = active[l] as Uint8Array;
    (values[l] as Float64Array)[k] = 0;
    const on = m[k] === 0;
    m[k] = on ? 1 : 0;
    // Forward: the next layers' slopes change by this unit's slope through its outgoing weights.
    if (l + 1 < K) {
      // Rank one: the next layer's slopes move by this unit's slope times its outgoing weights.
      const next = hidden[l + 1] as DenseWeights;
      const change = (on ? 1 : -1) * ((slopes[l] as Float64Array)[k] as number);
      const s = slopes[l + 1] as Float64Array;
      const row = k * next.units;
      const first = forwardDelta[l + 1] as Float64Array;
      for (let o = 0; o < next.units; o++) {
        const c = (next.kernel[row + o] as number) * change;
        first[o] = c;
        s[o] = (s[o] as number) + c;
      }
      for (let deeper = l + 2; deeper < K; deeper++) {
        const delta = forwardDelta[deeper] as Float64Array;
        delta.fill(0);
        addMatVecT(hidden[deeper] as DenseWeights, forwardDelta[deeper - 1] as Float64Array, active[deeper - 1] as Uint8Array, delta);
        const sd = slopes[deeper] as Float64Array;
        for (let o = 0; o < sd.length; o++) sd[o] = (sd[o] as number) + (delta[o] as number);
      }
    }
    // Backward: this unit's signal is switched, and the layers before it receive the difference.
    const e = signal[l] as Float64Array;
    const before = e[k] as number;
    e[k] = on ? ((back[l] as Float64Array)[k] as number) : 0;
    const own = backwardDelta[l] as Float64Array;
    own.fill(0);
    own[k] = (e[k] as number) - before;
    for (let prev = l - 1; prev >= 0; prev--) {
      const change = backwardDelta[prev] as Float64Array;
      const layer = hidden[prev + 1] as DenseWeights;
      if (prev === l - 1) {
        // Rank one: only unit k's signal changed.
        const dk = own[k] as number;
        for (let i = 0; i < layer.inputs; i++) change[i] = (layer.kernel[i * layer.units + k] as number) * dk;
      } else {
        change.fill(0);
        addMatVec(layer, backwardDelta[prev + 1] as Float64Array, change);
      }
      const b = back[prev] as Float64Array;
      const ep = signal[prev] as Float64Array;
      const mp = active[prev] as Uint8Array;
      for (let i = 0; i < change.length; i++) {
        b[i] = (b[i] as number) + (change[i] as number);
        const masked = mp[i] === 1 ? (change[i] as number) : 0;
        ep[i] = (ep[i] as number) + masked;
        change[i] = masked;
      }
    }
  }
}

/** Wᵀ·v for a dense layer (inputs → units). */
function matVecT(layer: DenseWeights, v: Float64Array): Float64Array {
  const out = new Float64Array(layer.units);
  addMatVecT(layer, v, null, out);
  return out;
}

/** out += Wᵀ·(mask ⊙ v): inputs → units; a null mask keeps every input. */
function addMatVecT(layer: DenseWeights, v: Float64Array, mask: Uint8Array | null, out: Float64Array): void {
  const { inputs, units, kernel } = layer;
  for (let i = 0; i < inputs; i++) {
    const vi = v[i] as number;
    if (vi === 0 || (mask !== null && mask[i] === 0)) continue;
    const row = i * units;
    for (let o = 0; o < units; o++) out[o] = (out[o] as number) + (kernel[row + o] as number) * vi;
  }
}

/** out += W·v: units → inputs (the backward direction). */
function addMatVec(layer: DenseWeights, v: Float64Array, out: Float64Array): void {
  const { inputs, units, kernel } = layer;
  for (let i = 0; i < inputs; i++) {
    let sum = 0;
    const row = i * units;
    for (let o = 0; o < units; o++) sum += (kernel[row + o] as number) * (v[o] as number);
    out[i] = (out[i] as number) + sum;
  }
}
