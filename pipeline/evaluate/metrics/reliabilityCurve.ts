/** One bin of a reliability (calibration) curve. */
export interface ReliabilityBin {
  /** Lower and upper edge of the bin of predicted probability; the last bin includes 1. */
  lower: number;
  upper: number;
  rows: number;
  /** Mean predicted probability in the bin; NaN when empty. */
  mean_predicted: number;
  /** Share of HMOs in the bin; NaN when empty. */
  observed_rate: number;
  /** 95% Wilson interval of that share (a bin of a few properties is shown as unsure as it is); NaN when empty. */
  observed_low: number;
  observed_high: number;
}

/**
 * The 95% Wilson score interval of a share of `hits` in `rows`: unlike the
 * normal one it stays inside [0, 1] and is honest for a handful of rows.
 *
 * @example
 *   wilsonInterval(1, 4); // [0.046, 0.699]
 */
export function wilsonInterval(hits: number, rows: number, z = 1.959964): [number, number] {
  if (rows === 0) return [Number.NaN, Number.NaN];
  const p = hits / rows;
  const denominator = 1 + (z * z) / rows;
  const centre = (p + (z * z) / (2 * rows)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / rows + (z * z) / (4 * rows * rows))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface Reliability {
  bins: ReliabilityBin[];
  /** Expected calibration error: sum over bins of (rows / all rows) x |observed - predicted|. */
  ece: number;
}

/**
 * Reliability curve over `bins` equal-width bins of predicted probability
 * [0, 1/bins), ..., [1 - 1/bins, 1], and the expected calibration error
 * (ECE). Predictions outside [0, 1] are clamped into the end bins. ECE is NaN
 * for an empty input.
 *
 * @example
 *   reliabilityCurve([0.1, 0.1, 0.9, 0.9], [0, 0, 1, 0], 2);
 *   // bins: [0,0.5): predicted 0.1 observed 0; [0.5,1]: predicted 0.9 observed 0.5
 *   // ece = 0.5 * 0.1 + 0.5 * 0.4 = 0.25
 */
export function reliabilityCurve(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins: number): Reliability {
  const count = new Float64Array(bins);
  const sumPredicted = new Float64Array(bins);
  const sumObserved = new Float64Array(bins);
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] as number;
    if (Number.isNaN(p)) continue;
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[bin] = (count[bin] as number) + 1;
    sumPredicted[bin] = (sumPredicted[bin] as number) + p;
    sumObserved[bin] = (sumObserved[bin] as number) + (labels[i] as number);
    total++;
  }
  const result: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const rows = count[b] as number;
    const meanPredicted = rows === 0 ? Number.NaN : (sumPredicted[b] as number) / rows;
    const observedRate = rows === 0 ? Number.NaN : (sumObserved[b] as number) / rows;
    if (rows > 0) ece += (rows / total) * Math.abs(observedRate - meanPredicted);
    const [low, high] = wilsonInterval(sumObserved[b] as number, rows);
    result.push({ lower: b / bins, upper: (b + 1) / bins, rows, mean_predicted: meanPredicted, observed_rate: observedRate, observed_low: low, observed_high: high });
  }
  return { bins: result, ece: total === 0 ? Number.NaN : ece };
}
