import { quantile } from '../metrics/bootstrapIntervals.js';

export interface Bands {
  /** Cut points between bands (tertiles of the values; fewer when they coincide). */
  thresholds: number[];
  /** `low` / `middle` / `high` (or `unknown` for NaN). */
  bandOf(value: number): string;
  /** Readable label with the cut points, e.g. "high (2.5 or more per 100 properties)". */
  labelOf(band: string): string;
}

/**
 * Bands of the ward complaint rate at its tertiles over the given values (the
 * labelled rows), so each band holds about a third of the rows. When tertiles
 * coincide (many wards without complaints), the bands merge: two bands, or one.
 *
 * @example
 *   const bands = complaintRateBands(Float64Array.from([0, 1, 2, 3, 4, 5]));
 *   bands.thresholds; // [1.666667, 3.333333]
 *   bands.bandOf(4); // 'high'
 */
export function complaintRateBands(values: ArrayLike<number>): Bands {
  const sorted = Array.from(values)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  const lower = quantile(sorted, 1 / 3);
  const upper = quantile(sorted, 2 / 3);
  // A cut at the minimum would leave an empty band: keep only distinct cuts above it.
  const minimum = sorted[0] ?? Number.NaN;
  const thresholds = [...new Set([lower, upper])].filter((t) => t > minimum);
  const bandNames = thresholds.length === 2 ? ['low', 'middle', 'high'] : thresholds.length === 1 ? ['low', 'high'] : ['all'];
  const show = (v: number) => String(Math.round(v * 100) / 100);
  return {
    thresholds: thresholds.map((t) => Math.round(t * 1e6) / 1e6),
    bandOf(value) {
      if (Number.isNaN(value)) return 'unknown';
      let band = 0;
      while (band < thresholds.length && value >= (thresholds[band] as number)) band++;
      return bandNames[band] as string;
    },
    labelOf(band) {
      const t0 = thresholds[0];
      const t1 = thresholds[1];
      if (band === 'unknown') return 'unknown (ward rate not available)';
      if (band === 'all' || t0 === undefined) return 'all wards';
      if (band === 'low') return `low (under ${show(t0)})`;
      if (band === 'middle' && t1 !== undefined) return `middle (${show(t0)} to under ${show(t1)})`;
      return `high (${show(t1 ?? t0)} or more)`;
    },
  };
}
