/**
 * The windows, in months, of the families' event counts: a quarter, a year,
 * three and five years up to and including as_of. Fixed rather than taken
 * from the params: a learner picks the ones that matter, and a fixed set keeps
 * models comparable across boroughs (the params windows `recent_months` /
 * `long_months` still drive the catalogue's original counts).
 */
export const EVENT_WINDOWS_MONTHS = [3, 12, 36, 60] as const;

/** The longest event window: the span of "people seen" and turnover. */
export const LONGEST_WINDOW_MONTHS = EVENT_WINDOWS_MONTHS[EVENT_WINDOWS_MONTHS.length - 1] as number;

/**
 * `anchors` with the first day before each event window as columns
 * (`since_3`, `since_12`, ...: as_of minus N months), computed once per anchor
 * row instead of once per joined record, for the families' FILTERs.
 */
export function anchorsWithWindows(): string {
  return `(SELECT *, ${EVENT_WINDOWS_MONTHS.map((w) => `CAST(as_of - INTERVAL ${w} MONTH AS DATE) AS since_${w}`).join(', ')} FROM anchors)`;
}
