/** The recipe of a folded linear part, in typed arrays (built by `LinearInput.fold`). */
export interface FoldedLinearTerms {
  rawWidth: number;
  intercept: number;
  /** Numeric terms: weight/sd times the value clipped to mean ± clip·sd, less weight·mean/sd. */
  value: { source: Int32Array; slope: Float64Array; mean: Float64Array; lo: Float64Array; hi: Float64Array };
  /** Per source column: the weight added when its value or code is missing (missing and unseen indicators). */
  missing: { source: Int32Array; weight: Float64Array };
  /** Categorical sources: the weight of each code (its one-hot column's weight; 0 for a code the linear part has no column for). */
  levels: { source: Int32Array; table: Float64Array[] };
  /** Per raw column: Σ weight · reference over the recoded columns it feeds (the attributions' reference terms). */
  referenceTerm: Float64Array;
}

/**
 * A logistic regression on the standard input, scored straight from the raw
 * matrix (raw values with NaN for missing, categorical codes): the
 * standardisation and one-hot recoding of `LinearInput` folded into the
 * weights (per numeric column weight/sd and an intercept shift, clipping
 * kept; per categorical column a lookup of the code's weight; missing
 * indicators a weight added on NaN). The same logits as recoding the matrix
 * and taking the dot product, without building the ~1.7x wider recoded
 * matrix. Attributions are the same linear terms, weight · (recoded −
 * reference), summed per raw column.
 *
 * @example
 *   const linear = LinearInput.fromJSON(json.linear_input).fold(model.weights, model.intercept);
 *   const logits = linear.logits(x, width);
 */
export class FoldedLinear {
  private readonly constant: number;
  private readonly missingOnNaN: Float64Array;

  constructor(private readonly terms: FoldedLinearTerms) {
    let constant = terms.intercept;
    const { value, missing } = terms;
    // Missing values give the value column 0, not −weight·mean/sd: that share of the intercept shift comes back on NaN.
    const onNaN = new Float64Array(terms.rawWidth);
    for (let k = 0; k < missing.source.length; k++) onNaN[missing.source[k] as number] = (onNaN[missing.source[k] as number] as number) + (missing.weight[k] as number);
    for (let t = 0; t < value.source.length; t++) {
      const shift = (value.slope[t] as number) * (value.mean[t] as number);
      constant -= shift;
      onNaN[value.source[t] as number] = (onNaN[value.source[t] as number] as number) + shift;
    }
    this.constant = constant;
    this.missingOnNaN = onNaN;
  }

  /** The logit of every row of the raw matrix `x` (rows × width). */
  logits(x: Float32Array, width: number): Float64Array {
    const { rawWidth, value, levels } = this.terms;
    if (width !== rawWidth) throw new Error(`the linear part reads ${rawWidth} raw columns, not ${width}`);
    const rows = width === 0 ? 0 : x.length / width;
    const out = new Float64Array(rows);
    const { source: vSource, slope, lo, hi } = value;
    const nanSources = Int32Array.from(this.nanSources());
    const nanWeight = Float64Array.from(nanSources, (s) => this.missingOnNaN[s] as number);
    const lSource = levels.source;
    const tables = levels.table;
    for (let i = 0; i < rows; i++) {
      const row = i * width;
      let z = this.constant;
      for (let t = 0; t < vSource.length; t++) {
        const v = x[row + (vSource[t] as number)] as number;
        if (v !== v) continue;
        const l = lo[t] as number;
        const h = hi[t] as number;
        z += (slope[t] as number) * (v < l ? l : v > h ? h : v);
      }
      for (let k = 0; k < nanSources.length; k++) {
        const v = x[row + (nanSources[k] as number)] as number;
        if (v !== v) z += nanWeight[k] as number;
      }
      for (let c = 0; c < lSource.length; c++) {
        const v = x[row + (lSource[c] as number)] as number;
        const table = tables[c] as Float64Array;
        if (v === v && v >= 0 && v < table.length) z += table[v | 0] as number;
      }
      out[i] = z;
    }
    return out;
  }

  /** Each raw column's contribution to each row's logit against the reference (rows × width): Σ weight · (recoded − reference) over its recoded columns. */
  attribute(x: Float32Array, width: number): Float64Array {
    const { rawWidth, value, missing, levels, referenceTerm } = this.terms;
    if (width !== rawWidth) throw new Error(`the linear part reads ${rawWidth} raw columns, not ${width}`);
    const rows = width === 0 ? 0 : x.length / width;
    const out = new Float64Array(rows * width);
    for (let i = 0; i < rows; i++) {
      const row = i * width;
      for (let s = 0; s < width; s++) out[row + s] = -(referenceTerm[s] as number);
      for (let t = 0; t < value.source.length; t++) {
        const s = value.source[t] as number;
        const v = x[row + s] as number;
        if (v !== v) continue;
        const l = value.lo[t] as number;
        const h = value.hi[t] as number;
        out[row + s] = (out[row + s] as number) + (value.slope[t] as number) * ((v < l ? l : v > h ? h : v) - (value.mean[t] as number));
      }
      for (let k = 0; k < missing.source.length; k++) {
        const s = missing.source[k] as number;
        if ((x[row + s] as number) !== (x[row + s] as number)) out[row + s] = (out[row + s] as number) + (missing.weight[k] as number);
      }
      for (let c = 0; c < levels.source.length; c++) {
        const s = levels.source[c] as number;
        const v = x[row + s] as number;
        const table = levels.table[c] as Float64Array;
        if (v === v && v >= 0 && v < table.length) out[row + s] = (out[row + s] as number) + (table[v | 0] as number);
      }
    }
    return out;
  }

  /** Raw columns with a weight to add when missing, in column order. */
  private nanSources(): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.terms.rawWidth; s++) if (this.missingOnNaN[s] !== 0) out.push(s);
    return out;
  }
}
