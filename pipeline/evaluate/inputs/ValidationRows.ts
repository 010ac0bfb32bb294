/**
 * The held-out labelled rows of one validation scheme, in columnar form,
 * ordered by borough then UPRN: the chosen model's and the logistic
 * baseline's held-out calibrated scores (from the model's
 * validation/predictions.parquet), the label, and what the baselines and
 * slices need from the ingested data.
 */
export interface ValidationRows {
  scheme: 'lobo' | 'temporal';
  length: number;
  boroughCode: string[];
  uprn: string[];
  label: Int8Array;
  /** The chosen model's held-out calibrated probability. */
  model: Float64Array;
  /** The logistic model's, or null when the run trained none. */
  logistic: Float64Array | null;
  /** Complaints about the property in the 12 months up to the day before its inspection. */
  complaints: Float64Array;
  ward: string[];
  wardName: string[];
  tenure: string[];
  propertyType: string[];
  /** The ward's complaints per 100 properties (NaN when unknown). */
  wardComplaintRate: Float64Array;
}

/** The rows at `indices`, in that order (a borough's share, a slice). */
export function subsetRows(rows: ValidationRows, indices: readonly number[]): ValidationRows {
  const pickNumbers = (a: Float64Array) => Float64Array.from(indices, (i) => a[i] as number);
  const pickStrings = (a: string[]) => indices.map((i) => a[i] as string);
  return {
    scheme: rows.scheme,
    length: indices.length,
    boroughCode: pickStrings(rows.boroughCode),
    uprn: pickStrings(rows.uprn),
    label: Int8Array.from(indices, (i) => rows.label[i] as number),
    model: pickNumbers(rows.model),
    logistic: rows.logistic === null ? null : pickNumbers(rows.logistic),
    complaints: pickNumbers(rows.complaints),
    ward: pickStrings(rows.ward),
    wardName: pickStrings(rows.wardName),
    tenure: pickStrings(rows.tenure),
    propertyType: pickStrings(rows.propertyType),
    wardComplaintRate: pickNumbers(rows.wardComplaintRate),
  };
}
