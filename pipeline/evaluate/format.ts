/** Number formatting shared by the report, the model card and the console. */

/** A figure with `digits` decimals, or an em dash when it could not be computed. */
export function fmt(value: number | null | undefined, digits = 3): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** A share as a percentage with one decimal, or an em dash. */
export function pct(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '—';
}

/** A 95% interval as "0.71–0.78", or an em dash. */
export function interval(value: [number, number] | null | undefined, digits = 3): string {
  return value === null || value === undefined ? '—' : `${value[0].toFixed(digits)}–${value[1].toFixed(digits)}`;
}

/** A signed difference ("+0.012", "−0.004"), or an em dash. */
export function signed(value: number | null | undefined, digits = 3): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(digits);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : `±${text}`;
}
