/**
 * The held-out inspections a list forecast is estimated from: one borough's
 * leave-borough-out predictions (a model that never saw that borough's
 * labels), undeclared rows only (a licensed HMO is never on a list), with the
 * trigger that chose each inspection.
 */
export interface ForecastRows {
  length: number;
  boroughCode: string[];
  /** The chosen model's held-out calibrated probability. */
  score: Float64Array;
  /** 1 = hmo, 0 = not-hmo. */
  label: Int8Array;
  /** The inspection's trigger as the standard names it (`complaint`, `proactive`, `model`, ...), or `unknown`. */
  trigger: string[];
}
