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
