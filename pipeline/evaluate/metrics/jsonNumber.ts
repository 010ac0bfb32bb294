/**
 * A figure as written to metrics.json: rounded to 6 decimals (stable,
 * readable, byte-identical across runs), null for NaN or infinity.
 *
 * @example
 *   jsonNumber(2 / 3); // 0.666667
 *   jsonNumber(Number.NaN); // null
 */
export function jsonNumber(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** An interval as written to metrics.json. */
export function jsonInterval(interval: [number, number] | null): [number, number] | null {
  if (interval === null) return null;
  const [lo, hi] = interval.map(jsonNumber);
  return lo === null || lo === undefined || hi === null || hi === undefined ? null : [lo, hi];
}
