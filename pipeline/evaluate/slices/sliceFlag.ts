import { evaluateMessages as m } from '../../messages/evaluate.js';

/** The figures of a slice (or of all rows) that the flag rule compares. */
export interface SliceFigures {
  rows: number;
  precision: number | null;
  false_positive_rate: number | null;
}

/**
 * The slice flag rule (TFMA-style): a slice with at least `minRows` labelled
 * rows is flagged when its precision or its false-positive rate differs from
 * the overall figure by more than `margin` (either direction). A smaller
 * slice is shown but never flagged; a figure a slice lacks (nothing
 * selected, no negatives) is not compared.
 *
 * @example
 *   sliceFlag({ rows: 50, precision: 0.2, false_positive_rate: 0.1 }, { rows: 500, precision: 0.4, false_positive_rate: 0.1 }, 0.1, 30);
 *   // { flaggable: true, flagged: true, reasons: ['precision 20.0% vs 40.0% overall (...)'] }
 */
export function sliceFlag(
  slice: SliceFigures,
  overall: SliceFigures,
  margin: number,
  minRows: number,
): { flaggable: boolean; flagged: boolean; reasons: string[] } {
  if (slice.rows < minRows) return { flaggable: false, flagged: false, reasons: [m.sliceTooSmall(slice.rows, minRows)] };
  const reasons: string[] = [];
  // A tiny tolerance so that a gap of exactly `margin` is not flagged through rounding.
  const beyond = (a: number, b: number) => Math.abs(a - b) > margin + 1e-12;
  if (slice.precision !== null && overall.precision !== null && beyond(slice.precision, overall.precision)) {
    reasons.push(m.slicePrecisionGap(slice.precision, overall.precision, margin));
  }
  if (slice.false_positive_rate !== null && overall.false_positive_rate !== null && beyond(slice.false_positive_rate, overall.false_positive_rate)) {
    reasons.push(m.sliceFalsePositiveGap(slice.false_positive_rate, overall.false_positive_rate, margin));
  }
  return { flaggable: true, flagged: reasons.length > 0, reasons };
}
