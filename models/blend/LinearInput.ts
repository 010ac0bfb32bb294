import type { InputColumn } from '../Preprocessor.js';

/** One output column of the linear input and the raw input column it comes from. */
interface LinearColumn {
  /** Index of the raw input column (value or code) it is made from. */
  source: number;
  /** 'value': the standardised value (0 when missing); 'missing': 1 when the value is missing; 'level': 1 when the code equals `level`. */
  role: 'value' | 'missing' | 'level';
  mean?: number;
  sd?: number;
  level?: number;
}

/** The fitted recoding, as saved in blend.json. */
export interface LinearInputJson {
  version: 1;
  /** Width of the raw input matrix it reads. */
  rawWidth: number;
  clip: number;
  columns: LinearColumn[];
  /** Mean of every output column over the training rows: the reference point of the linear part's attributions. */
  reference: number[];
}

const CLIP = 8;
/** The roles of a recoded column, as numbers in `transform`'s loop. */
const VALUE = 0;
const MISSING = 1;
const LEVEL = 2;

/**
 * Recodes the trees' raw input matrix (numeric values with NaN for missing,
 * categorical levels as codes) into what a logistic regression wants, as the
 * pipeline's standard preprocessing does (models/Preprocessor.ts): a numeric
 * column standardised by its training mean and standard deviation, clipped to
 * ±8, missing values at the mean plus a missing-indicator column when the
 * training rows had missing values; a code column one-hot over the codes seen
 * in training, plus a column for missing (or never seen) when the training
 * rows had it. Fitted on the training rows only; every output column keeps its
 * raw source, so the linear part's attributions sum back to the raw columns.
 *
 * @example
 *   const recode = LinearInput.fit(x, width, columns);
 *   const z = recode.transform(x); // Float32Array, rows × recode.width
 */
export class LinearInput {
  private constructor(readonly spec: LinearInputJson) {}

  get width(): number {
    return this.spec.columns.length;
  }

  static fit(x: Float32Array, width: number, columns: readonly InputColumn[]): LinearInput {
    if (columns.length !== width) throw new Error(`${columns.length} input columns described for a matrix ${width} wide`);
    const rows = width === 0 ? 0 : x.length / width;
    const out: LinearColumn[] = [];
    for (let c = 0; c < width; c++) {
      let n = 0;
      let missing = 0;
      let sum = 0;
      const codes = new Set<number>();
      for (let i = 0; i < rows; i++) {
        const v = x[i * width + c] as number;
        if (Number.isNaN(v)) missing++;
        else {
          n++;
          sum += v;
          if (columns[c]?.role === 'code') codes.add(v);
        }
      }
      if (columns[c]?.role === 'code') {
        for (const level of [...codes].sort((a, b) => a - b)) out.push({ source: c, role: 'level', level });
      } else {
        const mean = n > 0 ? sum / n : 0;
        let ss = 0;
        for (let i = 0; i < rows; i++) {
          const v = x[i * width + c] as number;
          if (!Number.isNaN(v)) ss += (v - mean) ** 2;
        }
        const sd = n > 1 ? Math.sqrt(ss / n) : 0;
        out.push({ source: c, role: 'value', mean, sd: sd > 0 ? sd : 1 });
      }
      if (missing > 0) out.push({ source: c, role: 'missing' });
    }
    const recode = new LinearInput({ version: 1, rawWidth: width, clip: CLIP, columns: out, reference: [] });
    const z = recode.transform(x);
    const reference = new Float64Array(recode.width);
    for (let i = 0; i < rows; i++) for (let j = 0; j < recode.width; j++) reference[j] = (reference[j] as number) + (z[i * recode.width + j] as number);
    recode.spec.reference = Array.from(reference, (s) => (rows > 0 ? s / rows : 0));
    return recode;
  }

  static fromJSON(json: LinearInputJson): LinearInput {
    if (json.version !== 1) throw new Error(`blend.json: linear input version ${String(json.version)} is not supported (expected 1)`);
    return new LinearInput(json);
  }

  toJSON(): LinearInputJson {
    return this.spec;
  }

  /** The recoded matrix of raw rows `x` (rows × rawWidth), rows × width. */
  transform(x: Float32Array): Float32Array {
    const { rawWidth, clip, columns } = this.spec;
    const rows = rawWidth === 0 ? 0 : x.length / rawWidth;
    if (rows !== Math.floor(rows)) throw new Error(`the matrix holds ${x.length} values, not a whole number of rows of ${rawWidth}`);
    const width = columns.length;
    // The columns' recipes as typed arrays, read once per cell (an object per column was the cost, not the arithmetic).
    const source = Int32Array.from(columns, (c) => c.source);
    const role = Uint8Array.from(columns, (c) => (c.role === 'missing' ? MISSING : c.role === 'level' ? LEVEL : VALUE));
    const mean = Float64Array.from(columns, (c) => c.mean ?? 0);
    const sd = Float64Array.from(columns, (c) => c.sd ?? 1);
    const level = Float64Array.from(columns, (c) => c.level ?? Number.NaN);
    const z = new Float32Array(rows * width);
    for (let i = 0; i < rows; i++) {
      const row = i * rawWidth;
      const at = i * width;
      for (let j = 0; j < width; j++) {
        const v = x[row + (source[j] as number)] as number;
        const kind = role[j] as number;
        let out: number;
        if (kind === MISSING) out = v !== v ? 1 : 0;
        else if (kind === LEVEL) out = v === (level[j] as number) ? 1 : 0;
        else out = v !== v ? 0 : Math.max(-clip, Math.min(clip, (v - (mean[j] as number)) / (sd[j] as number)));
        z[at + j] = out;
      }
    }
    return z;
  }

  /** Contributions per recoded column (rows × width) summed back to the raw columns (rows × rawWidth). */
  toRaw(contributions: Float64Array): Float64Array {
    const { rawWidth, columns } = this.spec;
    const width = columns.length;
    const rows = width === 0 ? 0 : contributions.length / width;
    const out = new Float64Array(rows * rawWidth);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < width; j++) {
        const k = i * rawWidth + (columns[j] as LinearColumn).source;
        out[k] = (out[k] as number) + (contributions[i * width + j] as number);
      }
    }
    return out;
  }
}
