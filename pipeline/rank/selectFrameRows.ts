import type { FeatureFrame } from '../frame/FeatureFrame.js';

/**
 * A frame holding only the given rows of `frame`, in the given order (the
 * candidates of a list, out of every property of the borough).
 *
 * @example
 *   const candidates = selectFrameRows(frame, [4, 0, 7]); // candidates.uprn[0] === frame.uprn[4]
 */
export function selectFrameRows(frame: FeatureFrame, rows: readonly number[]): FeatureFrame {
  // Plain loops: a mapping callback per value costs more than the copy at 100,000 rows × 60 columns.
  const n = rows.length;
  const pick = <T>(values: readonly T[]): T[] => {
    const out = new Array<T>(n);
    for (let k = 0; k < n; k++) out[k] = values[rows[k] as number] as T;
    return out;
  };
  const numeric = new Map<string, Float64Array>();
  for (const [name, values] of frame.numeric) {
    const out = new Float64Array(n);
    for (let k = 0; k < n; k++) out[k] = values[rows[k] as number] as number;
    numeric.set(name, out);
  }
  const categorical = new Map<string, (string | null)[]>();
  for (const [name, values] of frame.categorical) categorical.set(name, pick(values));
  const selected: FeatureFrame = {
    length: rows.length,
    boroughCode: pick(frame.boroughCode),
    uprn: pick(frame.uprn),
    asOf: pick(frame.asOf),
    numeric,
    categorical,
  };
  if (frame.label !== undefined && frame.inspectionDate !== undefined && frame.trigger !== undefined) {
    return {
      ...selected,
      label: Int8Array.from(rows, (i) => frame.label?.[i] ?? 0),
      inspectionDate: pick(frame.inspectionDate),
      trigger: pick(frame.trigger),
    };
  }
  return selected;
}
