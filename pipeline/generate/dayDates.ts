/**
 * Dates as whole days since 1970-01-01 (UTC), so that the simulation does
 * cheap integer arithmetic and formats each day once. Formatting is cached:
 * a generated drop only ever touches a few thousand distinct days.
 *
 * @example
 *   const d = parseIsoDay('2026-09-30');
 *   formatIsoDay(d - 365); // '2025-09-30'
 */
const MS_PER_DAY = 86_400_000;
/** Formatted days from 1970 to 2069, filled on first use. */
const cache: Array<string | undefined> = new Array<string | undefined>(36_525);

export function parseIsoDay(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`Not a YYYY-MM-DD date: "${iso}"`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = ms / MS_PER_DAY;
  if (formatIsoDay(day) !== iso) throw new Error(`Not a calendar date: "${iso}"`);
  return day;
}

export function formatIsoDay(day: number): string {
  const cacheable = day >= 0 && day < cache.length;
  let text = cacheable ? cache[day] : undefined;
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (cacheable) cache[day] = text;
  }
  return text;
}

export const DAYS_PER_YEAR = 365.25;
