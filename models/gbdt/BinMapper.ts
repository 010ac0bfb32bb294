import type { Random } from '../../pipeline/util/Random.js';

/** The bin code of a missing value (NaN), for every feature: bins 0..254 hold values. */
export const MISSING_BIN = 255;
/** Most value bins a feature may have (codes 0..254; 255 is the missing bin). */
export const MAX_VALUE_BINS = 255;
/** Values sampled per feature to place the quantile edges (as scikit-learn's subsample=2e5). */
const EDGE_SAMPLE = 200_000;

/**
 * Quantile binning of numeric features into Uint8 codes, as histogram GBDTs
 * do (LightGBM, scikit-learn's HistGradientBoosting).
 *
 * Per feature, `thresholds[f]` is ascending; a value x falls in bin
 * b = number of thresholds strictly below x, so x <= thresholds[f][b] means
 * bin <= b, and a split "bin <= b" is the raw rule "x <= thresholds[f][b]".
 * With at most `maxBins` distinct values the thresholds are the midpoints
 * between consecutive distinct values (every value its own bin); otherwise
 * they are quantiles of the (sub-sampled) values, duplicates dropped. NaN goes
 * to MISSING_BIN. +/-Infinity are ordinary values (first or last bin).
 *
 * @example
 *   const mapper = BinMapper.fit([new Float64Array([1, 2, NaN, 3])], { maxBins: 255 }, rng);
 *   mapper.binColumn(0, new Float64Array([1, 2.5, NaN])); // Uint8Array [0, 2, 255]
 */
export class BinMapper {
  constructor(
    /** Per feature: the ascending bin upper edges (bin b holds thresholds[b-1] < x <= thresholds[b]). */
    readonly thresholds: readonly Float64Array[],
  ) {}

  /** Number of value bins of feature f (thresholds + 1). */
  valueBins(f: number): number {
    return (this.thresholds[f] as Float64Array).length + 1;
  }

  get featureCount(): number {
    return this.thresholds.length;
  }

  /**
   * Fits the edges on training columns (one Float64Array per feature, NaN = missing).
   * `rng` sub-samples features with more than 200,000 values, so edges are reproducible from the seed.
   */
  static fit(columns: readonly Float64Array[], options: { maxBins: number }, rng: Random): BinMapper {
    const maxBins = options.maxBins;
    if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_VALUE_BINS) {
      throw new Error(`max_bins must be an integer from 2 to ${MAX_VALUE_BINS}; got ${String(maxBins)}`);
    }
    const thresholds = columns.map((column, f) => featureThresholds(column, maxBins, rng.fork(`bins/${f}`)));
    return new BinMapper(thresholds);
  }

  /** Bin codes of one feature's values. */
  binColumn(f: number, values: Float64Array, out: Uint8Array = new Uint8Array(values.length)): Uint8Array {
    const edges = this.thresholds[f];
    if (edges === undefined) throw new Error(`feature index ${f} is outside the ${this.featureCount} binned features`);
    const m = edges.length;
    for (let i = 0; i < values.length; i++) {
      const x = values[i] as number;
      if (x !== x) {
        out[i] = MISSING_BIN;
        continue;
      }
      // first edge >= x
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((edges[mid] as number) < x) lo = mid + 1;
        else hi = mid;
      }
      out[i] = lo;
    }
    return out;
  }

  /** All features binned into one column-major Uint8Array: code of row i, feature f at [f * rows + i]. */
  binColumns(columns: readonly Float64Array[]): Uint8Array {
    if (columns.length !== this.featureCount) {
      throw new Error(`expected ${this.featureCount} feature columns to bin; got ${columns.length}`);
    }
    const rows = columns[0]?.length ?? 0;
    const out = new Uint8Array(rows * columns.length);
    columns.forEach((column, f) => {
      if (column.length !== rows) throw new Error(`feature column ${f} has ${column.length} values; column 0 has ${rows}`);
      this.binColumn(f, column, out.subarray(f * rows, (f + 1) * rows));
    });
    return out;
  }
}

/**
 * The bin edges of one feature's training values (NaN ignored): midpoints between
 * distinct values when there are at most maxBins of them, else quantiles.
 *
 * @example
 *   featureThresholds(new Float64Array([1, 2, 2, 4]), 255, rng); // Float64Array [1.5, 3]
 */
export function featureThresholds(column: Float64Array, maxBins: number, rng: Random): Float64Array {
  let values: Float64Array;
  let present = 0;
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i])) present++;
  if (present > EDGE_SAMPLE) {
    // Sample EDGE_SAMPLE present values without replacement (partial Fisher-Yates over their positions).
    const positions = new Uint32Array(present);
    for (let i = 0, k = 0; i < column.length; i++) if (!Number.isNaN(column[i])) positions[k++] = i;
    values = new Float64Array(EDGE_SAMPLE);
    for (let k = 0; k < EDGE_SAMPLE; k++) {
      const j = k + Math.floor(rng.uniform() * (present - k));
      const t = positions[k] as number;
      positions[k] = positions[j] as number;
      positions[j] = t;
      values[k] = column[positions[k] as number] as number;
    }
  } else {
    values = new Float64Array(present);
    for (let i = 0, k = 0; i < column.length; i++) if (!Number.isNaN(column[i])) values[k++] = column[i] as number;
  }
  // Few distinct values (counts, flags, codes: most features): found without sorting every value. Otherwise `values`
  // is sorted in place, for the quantiles below.
  const distinct = fewDistinct(values, maxBins) ?? sortedDistinct(values);
  if (distinct.length <= maxBins) {
    const edges = new Float64Array(Math.max(0, distinct.length - 1));
    for (let i = 0; i + 1 < distinct.length; i++) edges[i] = midpoint(distinct[i] as number, distinct[i + 1] as number);
    return edges;
  }
  // Quantiles at 1/maxBins .. (maxBins-1)/maxBins, linear interpolation (numpy's default), duplicates dropped.
  const edges: number[] = [];
  const n = values.length;
  for (let q = 1; q < maxBins; q++) {
    const position = (q / maxBins) * (n - 1);
    const lo = Math.floor(position);
    const frac = position - lo;
    const a = values[lo] as number;
    const b = values[Math.min(n - 1, lo + 1)] as number;
    const edge = frac === 0 || a === b ? a : a + frac * (b - a);
    if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge);
  }
  return Float64Array.from(edges);
}

/**
 * The distinct values ascending when there are at most `maxBins` of them
 * (else undefined), exactly as sorting every value and dropping repeats
 * gives them: -0 and +0 are one value, written -0 when any -0 is present
 * (a sorted Float64Array puts -0 first).
 */
function fewDistinct(values: Float64Array, maxBins: number): number[] | undefined {
  const seen = new Set<number>();
  let negativeZero = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v === 0 && 1 / v < 0) negativeZero = true;
    if (seen.has(v)) continue;
    seen.add(v);
    if (seen.size > maxBins) return undefined;
  }
  const distinct = Array.from(Float64Array.from(seen).sort());
  if (negativeZero) {
    const zero = distinct.indexOf(0);
    if (zero >= 0) distinct[zero] = -0;
  }
  return distinct;
}

/** Sorts `values` in place and returns its distinct values ascending. */
function sortedDistinct(values: Float64Array): number[] {
  values.sort();
  const distinct: number[] = [];
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[i - 1]) distinct.push(values[i] as number);
  return distinct;
}

/** An edge between two consecutive distinct values a < b: a <= edge < b (their midpoint when representable, else a). */
function midpoint(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a;
  const m = a / 2 + b / 2;
  return m < a || m >= b ? a : m;
}
