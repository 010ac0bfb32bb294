/**
 * True when `text` is a real calendar date written `YYYY-MM-DD` (the
 * standard's date grammar): `2024-02-29` yes, `2023-02-29`, `2024-2-9` no.
 *
 * @example
 *   isCalendarDate('2026-09-30'); // true
 */
export function isCalendarDate(text: string): boolean {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}
