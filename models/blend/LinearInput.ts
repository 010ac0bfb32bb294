import type { PreprocessorJson } from '../Preprocessor.js';
import { FoldedLinear } from './FoldedLinear.js';

/** One output column of the linear input and the raw input column it comes from. */
interface LinearColumn {
  /** Index of the raw input column (value or code) it is made from. */
  source: number;
  /**
   * 'value': the standardised value (0 when missing); 'missing': 1 when the
   * value or code is missing; 'level': 1 when the code equals `level`;
   * 'unseen' (version 2): 1 when the code is missing and no 'missing' column
   * reads the same source (a null, or a level never seen in training).
   */
  role: 'value' | 'missing' | 'level' | 'unseen';
  mean?: number;
  sd?: number;
  level?: number;
}

/** The recoding, as saved in blend.json. */
export interface LinearInputJson {
  /** 1: written by the blend's own recoding (before December 2026); 2: derived from the logistic regression's preprocessing, may hold 'unseen' columns. */
  version: 1 | 2;
  /** Width of the raw input matrix it reads. */
  rawWidth: number;
  clip: number;
  columns: LinearColumn[];
  /** Mean of every output column over the training rows: the reference point of the linear part's attributions. */
  reference: number[];
}

/** The roles of a recoded column, as numbers in `transform`'s loop. */
const VALUE = 0;
const MISSING = 1;
const LEVEL = 2;
const UNSEEN = 3;

/**
 * Recodes the trees' raw input matrix (numeric values with NaN for missing,
 * categorical levels as codes: models/Preprocessor.ts with `numeric: 'raw',
 * categorical: 'codes'`) into the standard input of a logistic regression
 * (standardised, clipped, missing indicators, one-hot levels), so that the
 * blend scores its linear part from the one matrix the Scorer gives it.
 * `fromPreprocessors` derives it from the two fitted preprocessings of the
 * same rows; the recoded matrix equals the standard preprocessing's, except
 * that a code cannot tell a level never seen in training from a null: where
 * the training rows had nulls, such a level counts as null. Every output
 * column keeps its raw source, so the linear part's attributions sum back to
 * the raw columns.
 *
 * @example
 *   const recode = LinearInput.fromPreprocessors(logisticPreprocessing.toJSON(), treesPreprocessing.toJSON());
 *   const z = recode.transform(x); // Float32Array, rows × recode.width: the logistic regression's input
 */
export class LinearInput {
  /** Per output column: an 'unseen' column whose source has no 'missing' column (only those fire on a missing code). */
  private readonly unseenFires: boolean[];

  private constructor(readonly spec: LinearInputJson) {
    const withMissing = new Set(spec.columns.filter((c) => c.role === 'missing').map((c) => c.source));
    this.unseenFires = spec.columns.map((c) => c.role === 'unseen' && !withMissing.has(c.source));
  }

  get width(): number {
    return this.spec.columns.length;
  }

  /**
   * The recoding of raw rows (prepared by `raw`, a raw/codes preprocessing)
   * into the input `standard` (the standard preprocessing, fitted on the same
   * rows of the same frame) gives, column for column.
   *
   * @example
   *   LinearInput.fromPreprocessors(Preprocessor.fit(frame, rows).toJSON(), Preprocessor.fit(frame, rows, { numeric: 'raw', categorical: 'codes' }).toJSON());
   */
  static fromPreprocessors(standard: PreprocessorJson, raw: PreprocessorJson): LinearInput {
    if (standard.input !== undefined && (standard.input.numeric !== 'standardised' || standard.input.categorical !== 'one-hot')) {
      throw new Error(`the linear part needs the standard input (standardised, one-hot); its preprocessing is ${JSON.stringify(standard.input)}`);
    }
    if (raw.input?.numeric !== 'raw' || raw.input.categorical !== 'codes') throw new Error(`the blend reads raw values and codes; its preprocessing is ${JSON.stringify(raw.input ?? 'standard')}`);
    const sourceOf = new Map(raw.columns.map((c, i) => [c.feature, i]));
    const numeric = new Map(standard.numeric.map((n) => [n.feature, n]));
    const rawLevels = new Map(raw.categorical.map((c) => [c.feature, c.levels]));
    const standardLevels = new Map(standard.categorical.map((c) => [c.feature, c.levels]));
    const levelsSeen = new Map<string, number>();
    const columns: LinearColumn[] = standard.columns.map((column) => {
      const source = sourceOf.get(column.feature);
      if (source === undefined) throw new Error(`the trees' input has no column for feature "${column.feature}" of the logistic regression's input`);
      if (column.role === 'value') {
        const spec = numeric.get(column.feature);
        if (spec === undefined) throw new Error(`no standardisation recorded for feature "${column.feature}"`);
        return { source, role: 'value', mean: spec.mean, sd: spec.sd };
      }
      if (column.role === 'level') {
        const k = levelsSeen.get(column.feature) ?? 0;
        levelsSeen.set(column.feature, k + 1);
        const level = standardLevels.get(column.feature)?.[k];
        const code = level === undefined ? -1 : (rawLevels.get(column.feature) ?? []).indexOf(level);
        if (code < 0) throw new Error(`level ${JSON.stringify(level)} of feature "${column.feature}" has no code in the trees' input (were both preprocessings fitted on the same rows?)`);
        return { source, role: 'level', level: code };
      }
      if (column.role === 'missing' || column.role === 'unseen') return { source, role: column.role };
      throw new Error(`input column "${column.name}" (${column.role}) is not a standard input column`);
    });
    return new LinearInput({ version: 2, rawWidth: raw.columns.length, clip: standard.clip, columns, reference: [...standard.reference] });
  }

  static fromJSON(json: LinearInputJson): LinearInput {
    if (json.version !== 1 && json.version !== 2) throw new Error(`blend.json: linear input version ${String(json.version)} is not supported (expected 1 or 2)`);
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
    const role = Uint8Array.from(columns, (c) => (c.role === 'missing' ? MISSING : c.role === 'level' ? LEVEL : c.role === 'unseen' ? UNSEEN : VALUE));
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
        else if (kind === UNSEEN) out = this.unseenFires[j] === true && v !== v ? 1 : 0;
        else out = v !== v ? 0 : Math.max(-clip, Math.min(clip, (v - (mean[j] as number)) / (sd[j] as number)));
        z[at + j] = out;
      }
    }
    return z;
  }

  /**
   * The linear model `intercept + Σ weights[j] · recoded[j]` as one on the
   * raw matrix (`FoldedLinear`): the same logits as `transform` then the dot
   * product, without building the recoded matrix.
   *
   * @example
   *   const linear = recode.fold(model.weights, model.intercept);
   *   linear.logits(x, recode.toJSON().rawWidth); // ≈ model.logits(recode.transform(x), recode.width)
   */
  fold(weights: ArrayLike<number>, intercept: number): FoldedLinear {
    const { rawWidth, clip, columns, reference } = this.spec;
    if (weights.length !== columns.length) throw new Error(`the linear part has ${weights.length} weights for ${columns.length} recoded columns`);
    const value: { source: number; slope: number; mean: number; lo: number; hi: number }[] = [];
    const missing: { source: number; weight: number }[] = [];
    const levels = new Map<number, number[]>();
    const referenceTerm = new Float64Array(rawWidth);
    columns.forEach((column, j) => {
      const w = weights[j] as number;
      referenceTerm[column.source] = (referenceTerm[column.source] as number) + w * ((reference[j] as number) ?? 0);
      if (w === 0) return;
      if (column.role === 'value') {
        const mean = column.mean ?? 0;
        const sd = column.sd ?? 1;
        value.push({ source: column.source, slope: w / sd, mean, lo: mean - clip * sd, hi: mean + clip * sd });
      } else if (column.role === 'missing' || (column.role === 'unseen' && this.unseenFires[j] === true)) {
        missing.push({ source: column.source, weight: w });
      } else if (column.role === 'level') {
        const table = levels.get(column.source) ?? [];
        const code = column.level ?? -1;
        for (let k = table.length; k <= code; k++) table.push(0);
        if (code >= 0) table[code] = (table[code] as number) + w;
        levels.set(column.source, table);
      }
    });
    const sources = [...levels.keys()].sort((a, b) => a - b);
    return new FoldedLinear({
      rawWidth,
      intercept,
      value: {
        source: Int32Array.from(value, (t) => t.source),
        slope: Float64Array.from(value, (t) => t.slope),
        mean: Float64Array.from(value, (t) => t.mean),
        lo: Float64Array.from(value, (t) => t.lo),
        hi: Float64Array.from(value, (t) => t.hi),
      },
      missing: { source: Int32Array.from(missing, (t) => t.source), weight: Float64Array.from(missing, (t) => t.weight) },
      levels: { source: Int32Array.from(sources), table: sources.map((s) => Float64Array.from(levels.get(s) ?? [])) },
      referenceTerm,
    });
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
