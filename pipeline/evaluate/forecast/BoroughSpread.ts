import type { ForecastRows } from './ForecastRows.js';
import { SelectionAdjustedCalibration } from './SelectionAdjustedCalibration.js';

/**
 * The smallest spread (logit scale) the forecast allows for how far a
 * borough's list can depart from the calibration the held-out rows show,
 * whatever they say: 0.25, a factor of about 1.6 on the odds either way at
 * 95%. A stated prior, not an estimate: with a handful of boroughs the
 * measured spread can come out 0 by chance, and the list's unvisited
 * properties can differ from the inspected ones at the same score (registers
 * that went quiet, a pool already searched by complaint-led visits) in ways
 * no held-out row shows.
 */
export const MIN_BOROUGH_SPREAD = 0.25;

/** Prior standard deviation of one borough's offset (keeps it finite when its rows are all HMOs or none). */
const OFFSET_PRIOR_SD = 2;

/** How one borough's held-out rows depart from what the other boroughs' recalibration predicts for them. */
export interface BoroughDeparture {
  borough: string;
  /** Rows the offset was measured on (rows of a trigger the other boroughs never had are left out). */
  rows: number;
  /** Logit-scale offset δ: the borough finds HMOs at exp(δ) times the odds the others predict. */
  offset: number;
  /** Its standard error. */
  standardError: number;
}

/** The spread of boroughs' calibration and the departures it is measured from. */
export interface BoroughSpreadEstimate {
  /** τ the forecast uses: the estimate, at least `MIN_BOROUGH_SPREAD`. */
  spread: number;
  /** The DerSimonian–Laird estimate of τ; null when fewer than two boroughs could be measured. */
  estimated: number | null;
  departures: BoroughDeparture[];
}

/**
 * How far a borough's calibration departs from the others', as the spread τ
 * (logit scale) of a random borough offset: each borough's held-out rows are
 * predicted by the recalibration fitted to every other borough's rows
 * (`SelectionAdjustedCalibration`, shared terms and trigger offsets only),
 * the borough's offset δ_b is the one-parameter logistic fit of its labels on
 * that prediction (with its standard error), and τ² is the DerSimonian–Laird
 * moment estimate of the offsets' variance beyond their standard errors:
 *
 *   τ² = max(0, (Q − (k − 1)) / (Σw − Σw² / Σw)),  w = 1 / se², Q = Σ w (δ − δ̄)².
 *
 * This is the uncertainty of a calibration carried to a borough that did not
 * shape it, which the list's borough is, in part: the list comes from a
 * model that saw it, scoring properties no one inspected. `all`, the fit to
 * every row when the caller has it, is where each refit starts. Seeded by
 * nothing: deterministic in the rows.
 *
 * @example
 *   const { spread, departures } = boroughSpread(rows);
 *   spread; // 0.41
 */
export function boroughSpread(rows: ForecastRows, floor = MIN_BOROUGH_SPREAD, all?: SelectionAdjustedCalibration): BoroughSpreadEstimate {
  const boroughs = [...new Set(rows.boroughCode)].sort();
  const departures: BoroughDeparture[] = [];
  if (boroughs.length >= 2) {
    // every fit starts from the fit to all rows, which differs from each by one borough
    const start = all ?? SelectionAdjustedCalibration.fit(rows);
    for (const code of boroughs) {
      const others = subset(rows, (i) => rows.boroughCode[i] !== code);
      const fit = SelectionAdjustedCalibration.fit(others, undefined, start);
      const eta: number[] = [];
      const label: number[] = [];
      for (let i = 0; i < rows.length; i++) {
        if (rows.boroughCode[i] !== code) continue;
        const predicted = fit.sharedPredictor(rows.score[i] as number, rows.trigger[i] as string);
        if (predicted === null) continue;
        eta.push(predicted);
        label.push(rows.label[i] as number);
      }
      if (eta.length === 0) continue;
      const [offset, standardError] = logisticOffset(eta, label);
      departures.push({ borough: code, rows: eta.length, offset, standardError });
    }
  }
  const estimated = departures.length >= 2 ? dersimonianLaird(departures) : null;
  return { spread: Math.max(floor, estimated ?? 0), estimated, departures };
}

/** The rows for which `keep(i)` holds (one pass to count, one to copy: 33 copies of 149,317 rows at London). */
function subset(rows: ForecastRows, keep: (i: number) => boolean): ForecastRows {
  const kept = new Uint8Array(rows.length);
  let length = 0;
  for (let i = 0; i < rows.length; i++) {
    if (keep(i)) {
      kept[i] = 1;
      length++;
    }
  }
  const boroughCode = new Array<string>(length);
  const score = new Float64Array(length);
  const label = new Int8Array(length);
  const trigger = new Array<string>(length);
  for (let i = 0, k = 0; i < rows.length; i++) {
    if (kept[i] === 0) continue;
    boroughCode[k] = rows.boroughCode[i] as string;
    score[k] = rows.score[i] as number;
    label[k] = rows.label[i] as number;
    trigger[k] = rows.trigger[i] as string;
    k++;
  }
  return { length, boroughCode, score, label, trigger };
}

/** The offset δ maximising Σ log-likelihood of labels under logit = eta + δ (prior N(0, OFFSET_PRIOR_SD²)), and its standard error. */
function logisticOffset(eta: readonly number[], label: readonly number[]): [number, number] {
  const precision = 1 / OFFSET_PRIOR_SD ** 2;
  let delta = 0;
  let information = precision;
  for (let iteration = 0; iteration < 100; iteration++) {
    let gradient = -precision * delta;
    information = precision;
    for (let i = 0; i < eta.length; i++) {
      const p = 1 / (1 + Math.exp(-((eta[i] as number) + delta)));
      gradient += (label[i] as number) - p;
      information += p * (1 - p);
    }
    const step = Math.max(-5, Math.min(5, gradient / information));
    delta += step;
    if (Math.abs(step) < 1e-10) break;
  }
  return [delta, 1 / Math.sqrt(information)];
}

/** The DerSimonian–Laird τ of offsets with standard errors. */
function dersimonianLaird(departures: readonly BoroughDeparture[]): number {
  const w = departures.map((d) => 1 / d.standardError ** 2);
  const sw = w.reduce((a, b) => a + b, 0);
  const sw2 = w.reduce((a, b) => a + b * b, 0);
  const mean = departures.reduce((s, d, i) => s + (w[i] as number) * d.offset, 0) / sw;
  const q = departures.reduce((s, d, i) => s + (w[i] as number) * (d.offset - mean) ** 2, 0);
  const tau2 = Math.max(0, (q - (departures.length - 1)) / (sw - sw2 / sw));
  return Math.sqrt(tau2);
}
