import type { FeatureRow } from '../FeatureSpec.js';

/** A finite number from a feature row value, else null. */
export function num(value: FeatureRow[string] | undefined): number | null {
  if (value === null || value === undefined || typeof value === 'string' || !Number.isFinite(value)) return null;
  return value;
}

/** "1 elector", "6 electors": counts as whole numbers. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  const whole = Math.round(n);
  return `${whole} ${whole === 1 ? singular : plural}`;
}

/** "4.2%": a share between 0 and 1 as a percentage, one decimal under 10%, whole above. */
export function percent(share: number): string {
  const p = share * 100;
  return `${p < 10 ? p.toFixed(1) : Math.round(p)}%`;
}

/** The ISO date `days` days before the ISO date `asOf` (a checkable date for a "days since" feature). */
export function daysBefore(asOf: string, days: number): string {
  const t = Date.parse(`${asOf}T00:00:00Z`);
  if (!Number.isFinite(t)) return asOf;
  return new Date(t - Math.round(days) * 86_400_000).toISOString().slice(0, 10);
}

/** SQL for the date `months` months before `asOf` (an SQL DATE expression). */
export function monthsBefore(asOf: string, months: number): string {
  return `CAST(${asOf} - INTERVAL ${Math.floor(months)} MONTH AS DATE)`;
}

/** An SQL string literal. */
export function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A column-safe name from an enum value: `licence-application` → `licence_application`. */
export function columnSafe(value: string): string {
  return value.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
}
