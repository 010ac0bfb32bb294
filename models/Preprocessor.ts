import type { FeatureFrame } from '../pipeline/frame/FeatureFrame.js';

/**
 * How a learner wants its input (`Learner.input`): numeric features
 * 'standardised' (mean/sd of the training rows, clipped, nulls at the mean
 * plus a missing-indicator column) or 'raw' (the value itself, NaN for null);
 * categorical features 'one-hot' (a 0/1 column per level seen in training,
 * plus missing and unseen columns) or 'codes' (one column: the level's index
 * among the sorted training levels, NaN for null or a level never seen).
 */
export interface InputSpec {
  numeric: 'standardised' | 'raw';
  categorical: 'one-hot' | 'codes';
}

/** The input of the first learners (logistic regression, MLP). */
export const STANDARD_INPUT: InputSpec = { numeric: 'standardised', categorical: 'one-hot' };

/** One column of the model's input matrix and the catalogue feature it comes from. */
export interface InputColumn {
  /** Column name, e.g. `electors_current`, `electors_current__missing`, `tenure=private-rented`. */
  name: string;
  /** The catalogue feature it belongs to (attributions are summed back to it). */
  feature: string;
  role: 'value' | 'missing' | 'level' | 'unseen' | 'code';
}

interface NumericSpec {
  feature: string;
  mean: number;
  sd: number;
  /** True when the training rows had nulls: a 0/1 missing-indicator column follows the value. */
  missingIndicator: boolean;
}

interface CategoricalSpec {
  feature: string;
  /** Values seen in the training rows, sorted; one 0/1 column each. */
  levels: string[];
  /** True when the training rows had nulls: a column for null. */
  missingLevel: boolean;
}

/** The fitted preprocessing as saved in preprocessing.json. */
export interface PreprocessorJson {
  version: 1;
  /** Standardised values are clipped to ±clip so that one extreme value cannot dominate a score. */
  clip: number;
  numeric: NumericSpec[];
  categorical: CategoricalSpec[];
  columns: InputColumn[];
  /** Mean of every input column over the training rows (NaN skipped): the reference point of attributions. */
  reference: number[];
  /** Absent for the standard input (standardised, one-hot); written only for another `InputSpec`. */
  input?: InputSpec;
}

const CLIP = 8;
/** Rows per block of `transform` (a block of the output matrix is ~block × width × 4 bytes). */
const TRANSFORM_BLOCK_ROWS = 256;

/**
 * Turns a feature frame into the model's numeric input matrix: numeric and
 * binary features standardised (mean/sd of the training rows; nulls imputed
 * at the mean, with a missing-indicator column when the training rows had
 * nulls), categorical features one-hot with a column for values never seen
 * in training. Fitted on training rows only, saved as JSON with the model.
 *
 * @example
 *   const pre = Preprocessor.fit(frame, trainRows);
 *   const x = pre.transform(frame, testRows); // Float32Array, rows × pre.width, row-major
 */
export class Preprocessor {
  private constructor(readonly spec: PreprocessorJson) {}

  /** Number of input columns. */
  get width(): number {
    return this.spec.columns.length;
  }

  get columns(): readonly InputColumn[] {
    return this.spec.columns;
  }

  /** Catalogue features read, numeric ones first, in frame order. */
  get features(): string[] {
    return [...this.spec.numeric.map((n) => n.feature), ...this.spec.categorical.map((c) => c.feature)];
  }

  /** Fits on the given rows of the frame only (all rows when `rows` is omitted). */
  static fit(frame: FeatureFrame, rows?: ArrayLike<number>, input: InputSpec = STANDARD_INPUT): Preprocessor {
    return Preprocessor.fitTransform(frame, rows, input).preprocessor;
  }

  /** How this preprocessing prepares its input. */
  get input(): InputSpec {
    return this.spec.input ?? STANDARD_INPUT;
  }

  /**
   * Fits on the given rows (all when omitted) and returns their input
   * matrix too: the same as `fit` then `transform(frame, rows)`, with one
   * pass over the rows instead of two (the reference is the mean of that matrix).
   *
   * @example
   *   const { preprocessor, x } = Preprocessor.fitTransform(frame, trainRows);
   */
  static fitTransform(frame: FeatureFrame, rows?: ArrayLike<number>, input: InputSpec = STANDARD_INPUT): { preprocessor: Preprocessor; x: Float32Array } {
    const raw = input.numeric === 'raw';
    const codes = input.categorical === 'codes';
    const use = rows ?? Uint32Array.from({ length: frame.length }, (_, i) => i);
    const numeric: NumericSpec[] = [];
    for (const [feature, values] of frame.numeric) {
      let n = 0;
      let sum = 0;
      let missing = 0;
      for (let r = 0; r < use.length; r++) {
        const v = values[use[r] as number] as number;
        if (Number.isFinite(v)) {
          n++;
          sum += v;
        } else missing++;
      }
      const mean = n > 0 ? sum / n : 0;
      let squares = 0;
      for (let r = 0; r < use.length; r++) {
        const v = values[use[r] as number] as number;
        if (Number.isFinite(v)) squares += (v - mean) ** 2;
      }
      const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
      numeric.push({ feature, mean, sd: sd > 1e-12 ? sd : 1, missingIndicator: !raw && missing > 0 });
    }
    const categorical: CategoricalSpec[] = [];
    for (const [feature, values] of frame.categorical) {
      const levels = new Set<string>();
      let missing = false;
      for (let r = 0; r < use.length; r++) {
        const v = values[use[r] as number];
        if (v === null || v === undefined) missing = true;
        else levels.add(v);
      }
      categorical.push({ feature, levels: [...levels].sort(), missingLevel: !codes && missing });
    }
    const columns = columnsOf(numeric, categorical, codes);
    const spec: PreprocessorJson = { version: 1, clip: CLIP, numeric, categorical, columns, reference: [] };
    if (raw || codes) spec.input = { ...input };
    const pre = new Preprocessor(spec);
    // The reference is the mean input of the training rows, summed in row order.
    const x = pre.transform(frame, rows);
    const width = columns.length;
    const reference = new Float64Array(width);
    const counted = new Float64Array(width);
    for (let r = 0; r < use.length; r++) {
      for (let c = 0; c < width; c++) {
        const v = x[r * width + c] as number;
        // Only raw values and codes can be NaN.
        if (Number.isNaN(v)) continue;
        reference[c] = (reference[c] as number) + v;
        counted[c] = (counted[c] as number) + 1;
      }
    }
    spec.reference = Array.from(reference, (s, c) => ((counted[c] as number) > 0 ? s / (counted[c] as number) : 0));
    return { preprocessor: pre, x };
  }

  static fromJSON(json: PreprocessorJson): Preprocessor {
    if (json.version !== 1) throw new Error(`Unsupported preprocessing version ${String(json.version)}`);
    return new Preprocessor(json);
  }

  toJSON(): PreprocessorJson {
    return this.spec;
  }

  /**
   * The input matrix of the given rows (all rows when omitted), row-major.
   * Throws when the frame lacks a feature the preprocessing was fitted on.
   */
  transform(frame: FeatureFrame, rows?: ArrayLike<number>): Float32Array {
    const count = rows === undefined ? frame.length : rows.length;
    const width = this.width;
    const raw = this.input.numeric === 'raw';
    const codes = this.input.categorical === 'codes';
    const x = new Float32Array(count * width);
    const at = rows === undefined ? Uint32Array.from({ length: count }, (_, r) => r) : Uint32Array.from(rows);
    const numeric = this.spec.numeric.map((spec) => {
      const values = frame.numeric.get(spec.feature);
      if (values === undefined) throw new Error(`The frame has no numeric feature "${spec.feature}"`);
      return { spec, values };
    });
    const categorical = this.spec.categorical.map((spec) => {
      const values = frame.categorical.get(spec.feature);
      if (values === undefined) throw new Error(`The frame has no categorical feature "${spec.feature}"`);
      return {
        values,
        index: new Map(spec.levels.map((level, i) => [level, i])),
        missingColumn: spec.missingLevel ? spec.levels.length : -1,
        unseenColumn: spec.levels.length + (spec.missingLevel ? 1 : 0),
      };
    });
    // Blocks of rows, feature by feature within a block: the writes of one
    // block stay in cache, where a whole column at a time would stride the
    // full matrix once per input column.
    for (let start = 0; start < count; start += TRANSFORM_BLOCK_ROWS) {
      const end = Math.min(count, start + TRANSFORM_BLOCK_ROWS);
      let offset = 0;
      for (const { spec, values } of numeric) {
        const { mean, sd, missingIndicator } = spec;
        for (let r = start; r < end; r++) {
          const v = values[at[r] as number] as number;
          const finite = Number.isFinite(v);
          if (raw) {
            x[r * width + offset] = finite ? v : Number.NaN;
            continue;
          }
          const z = finite ? (v - mean) / sd : 0;
          x[r * width + offset] = z > CLIP ? CLIP : z < -CLIP ? -CLIP : z;
          if (missingIndicator) x[r * width + offset + 1] = finite ? 0 : 1;
        }
        offset += missingIndicator ? 2 : 1;
      }
      for (const { values, index, missingColumn, unseenColumn } of categorical) {
        if (codes) {
          for (let r = start; r < end; r++) {
            const v = values[at[r] as number];
            x[r * width + offset] = v === null || v === undefined ? Number.NaN : (index.get(v) ?? Number.NaN);
          }
          offset += 1;
          continue;
        }
        for (let r = start; r < end; r++) {
          const v = values[at[r] as number];
          // A null never seen in training goes to the unseen bucket, like any value the model has no weight for.
          const column = v === null || v === undefined ? (missingColumn >= 0 ? missingColumn : unseenColumn) : (index.get(v) ?? unseenColumn);
          x[r * width + offset + column] = 1;
        }
        offset += unseenColumn + 1;
      }
    }
    return x;
  }
}

function columnsOf(numeric: NumericSpec[], categorical: CategoricalSpec[], codes: boolean): InputColumn[] {
  const columns: InputColumn[] = [];
  for (const n of numeric) {
    columns.push({ name: n.feature, feature: n.feature, role: 'value' });
    if (n.missingIndicator) columns.push({ name: `${n.feature}__missing`, feature: n.feature, role: 'missing' });
  }
  for (const c of categorical) {
    if (codes) {
      columns.push({ name: c.feature, feature: c.feature, role: 'code' });
      continue;
    }
    for (const level of c.levels) columns.push({ name: `${c.feature}=${level}`, feature: c.feature, role: 'level' });
    if (c.missingLevel) columns.push({ name: `${c.feature}__missing`, feature: c.feature, role: 'missing' });
    columns.push({ name: `${c.feature}__unseen`, feature: c.feature, role: 'unseen' });
  }
  return columns;
}
