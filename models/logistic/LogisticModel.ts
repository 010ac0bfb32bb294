import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The logistic regression's own file (format hmo-logistic/2). */
export const LOGISTIC_JSON = 'logistic.json';
/** The files of format 1: a one-layer TensorFlow.js layers model (written before December 2026; still loaded). */
export const TFJS_MODEL_JSON = 'model.json';
export const TFJS_WEIGHTS_BIN = 'weights.bin';

/** logistic.json. */
export interface LogisticJson {
  format: 'hmo-logistic/2';
  /** The input column each weight multiplies (preprocessing.json's column names), for readers of the file. */
  columns: string[];
  weights: number[];
  intercept: number;
  /** How the fit ended: solver steps, whether the gradient reached the tolerance, and its size. */
  solver: { iterations: number; converged: boolean; gradient_norm: number };
}

/**
 * A fitted logistic regression: one weight per input column and an
 * intercept; logit = intercept + Σ weight · x. Saved as logistic.json
 * (format hmo-logistic/2, full double precision); folders of format 1 (the
 * TensorFlow.js layers model, model.json + weights.bin) load too, read here
 * without TensorFlow.js (the float32 kernel and bias of the one dense layer).
 *
 * @example
 *   const model = LogisticModel.load('out/model/logistic');
 *   const logits = model.logits(x, width);
 */
export class LogisticModel {
  constructor(
    readonly weights: Float64Array,
    readonly intercept: number,
    private readonly solver: LogisticJson['solver'] = { iterations: 0, converged: true, gradient_norm: 0 },
  ) {}

  get width(): number {
    return this.weights.length;
  }

  /** intercept + x·weights of every row of a row-major matrix (rows × width). */
  logits(x: Float32Array, width: number): Float64Array {
    if (width !== this.width) throw new Error(`the logistic regression reads ${this.width} input columns, not ${width}`);
    const rows = width === 0 ? 0 : x.length / width;
    const out = new Float64Array(rows);
    const w = this.weights;
    for (let i = 0; i < rows; i++) {
      const row = i * width;
      let z = this.intercept;
      for (let j = 0; j < width; j++) z += (x[row + j] as number) * (w[j] as number);
      out[i] = z;
    }
    return out;
  }

  /**
   * Each column's term of the logit against a reference input: weight ·
   * (x − reference), rows × width. These are the integrated gradients of a
   * linear model exactly (the gradient is the weight everywhere on the
   * path), as the TensorFlow.js version computed them; a row's terms add up
   * to logit(x) − logit(reference).
   */
  attribute(x: Float32Array, width: number, reference: readonly number[]): Float64Array {
    if (width !== this.width) throw new Error(`the logistic regression reads ${this.width} input columns, not ${width}`);
    const out = new Float64Array(x.length);
    const w = this.weights;
    for (let k = 0; k < x.length; k++) {
      const j = k % width;
      out[k] = (w[j] as number) * ((x[k] as number) - (reference[j] as number));
    }
    return out;
  }

  toJSON(columns: readonly string[]): LogisticJson {
    if (columns.length !== this.width) throw new Error(`${columns.length} column names for ${this.width} weights`);
    return { format: 'hmo-logistic/2', columns: [...columns], weights: Array.from(this.weights), intercept: this.intercept, solver: { ...this.solver } };
  }

  static fromJSON(json: LogisticJson, file = LOGISTIC_JSON): LogisticModel {
    if (json.format !== 'hmo-logistic/2') throw new Error(`${file}: format ${String(json.format)} is not supported (expected hmo-logistic/2)`);
    if (!Array.isArray(json.weights) || json.weights.some((v) => typeof v !== 'number' || !Number.isFinite(v)) || !Number.isFinite(json.intercept)) {
      throw new Error(`${file}: the weights and the intercept must be finite numbers`);
    }
    return new LogisticModel(Float64Array.from(json.weights), json.intercept, json.solver);
  }

  /** The model of a folder: logistic.json, or (format 1) the TensorFlow.js model.json + weights.bin. */
  static load(dir: string): LogisticModel {
    const file = join(dir, LOGISTIC_JSON);
    if (existsSync(file)) return LogisticModel.fromJSON(JSON.parse(readFileSync(file, 'utf8')) as LogisticJson, file);
    return LogisticModel.fromTfjsFiles(readFileSync(join(dir, TFJS_MODEL_JSON), 'utf8'), new Uint8Array(readFileSync(join(dir, TFJS_WEIGHTS_BIN))), join(dir, TFJS_MODEL_JSON));
  }

  /**
   * Reads a logistic regression saved by the TensorFlow.js version (format 1):
   * a Sequential model of one Dense layer (`logit`, one unit, linear), whose
   * weights.bin holds the float32 kernel [width, 1] and bias [1] in the order
   * of the weights manifest. Anything else is refused, naming what differs.
   */
  static fromTfjsFiles(modelJson: string, weights: Uint8Array, file = TFJS_MODEL_JSON): LogisticModel {
    const json = JSON.parse(modelJson) as {
      modelTopology?: { config?: { layers?: Array<{ class_name?: string; config?: { activation?: string; units?: number; use_bias?: boolean } }> } };
      weightsManifest?: Array<{ weights?: Array<{ name: string; shape: number[]; dtype: string }> }>;
    };
    const layers = json.modelTopology?.config?.layers ?? [];
    const dense = layers.filter((layer) => layer.class_name !== 'InputLayer');
    const layer = dense[0];
    if (dense.length !== 1 || layer?.class_name !== 'Dense' || (layer.config?.activation ?? 'linear') !== 'linear' || layer.config?.units !== 1) {
      throw new Error(`${file}: not a logistic regression (one dense linear unit); its layers are ${JSON.stringify(layers.map((l) => [l.class_name, l.config?.units, l.config?.activation]))}`);
    }
    const specs = (json.weightsManifest ?? []).flatMap((group) => group.weights ?? []);
    let offset = 0;
    const view = new DataView(weights.buffer, weights.byteOffset, weights.byteLength);
    const read = new Map<string, Float64Array>();
    for (const spec of specs) {
      if (spec.dtype !== 'float32') throw new Error(`${file}: weight ${spec.name} is ${spec.dtype}, expected float32`);
      const count = spec.shape.reduce((a, b) => a * b, 1);
      if (offset + 4 * count > weights.byteLength) throw new Error(`${file}: weights.bin holds ${weights.byteLength} bytes, too few for ${spec.name}`);
      const values = new Float64Array(count);
      for (let k = 0; k < count; k++) values[k] = view.getFloat32(offset + 4 * k, true);
      offset += 4 * count;
      read.set(spec.name.replace(/^.*\//, ''), values);
    }
    const kernel = read.get('kernel');
    if (kernel === undefined) throw new Error(`${file}: no kernel among the weights ${JSON.stringify(specs.map((s) => s.name))}`);
    const bias = read.get('bias');
    return new LogisticModel(kernel, bias === undefined ? 0 : (bias[0] as number), { iterations: 0, converged: true, gradient_norm: 0 });
  }
}
