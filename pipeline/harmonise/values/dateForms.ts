/**
 * The ways council systems write a date, each with a reader to the
 * standard's `YYYY-MM-DD`. `suggest` counts the forms met per column; `apply`
 * reads a value with the forms the mapping lists, in order, and rejects one
 * that none reads (or that is not a real calendar date).
 *
 * @example
 *   classifyDate('6/12/2019');                                                    // ['D/M/YYYY', 'M/D/YYYY']
 *   readDate('Fri Dec 06 2019 12:00:00 GMT+0000 (Greenwich Mean Time)', ['JS date string']); // '2019-12-06'
 */
export const DATE_FORMS = [
  'YYYY-MM-DD',
  'YYYY-MM-DD hh:mm:ss',
  'D/M/YYYY',
  'M/D/YYYY',
  'D/M/YY',
  'D-M-YYYY',
  'D.M.YYYY',
  'YYYY/MM/DD',
  'D MMM YYYY',
  'MMM D, YYYY',
  'JS date string',
  'YYYYMMDD',
  'Excel serial',
] as const;

export type DateForm = (typeof DATE_FORMS)[number];

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|[AaPp][Mm]))?)?`;

interface FormRule {
  readonly form: DateForm;
  readonly pattern: RegExp;
  readonly read: (m: RegExpMatchArray) => [number, number, number] | undefined;
}

const num = (s: string | undefined) => Number(s);
const month = (s: string | undefined) => MONTHS[(s ?? '').toLowerCase()];
const twoDigitYear = (y: number) => (y < 70 ? 2000 + y : 1900 + y);

const RULES: readonly FormRule[] = [
  { form: 'YYYY-MM-DD', pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, read: (m) => [num(m[1]), num(m[2]), num(m[3])] },
  { form: 'YYYY-MM-DD hh:mm:ss', pattern: new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$`), read: (m) => [num(m[1]), num(m[2]), num(m[3])] },
  { form: 'D/M/YYYY', pattern: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`), read: (m) => [num(m[3]), num(m[2]), num(m[1])] },
  { form: 'M/D/YYYY', pattern: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`), read: (m) => [num(m[3]), num(m[1]), num(m[2])] },
  { form: 'D/M/YY', pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/, read: (m) => [twoDigitYear(num(m[3])), num(m[2]), num(m[1])] },
  { form: 'D-M-YYYY', pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, read: (m) => [num(m[3]), num(m[2]), num(m[1])] },
  { form: 'D.M.YYYY', pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, read: (m) => [num(m[3]), num(m[2]), num(m[1])] },
  { form: 'YYYY/MM/DD', pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, read: (m) => [num(m[1]), num(m[2]), num(m[3])] },
  {
    form: 'D MMM YYYY',
    pattern: new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})${TIME}$`),
    read: (m) => {
      const mo = month(m[2]);
      const y = num(m[3]);
      return mo === undefined ? undefined : [(m[3] ?? '').length === 2 ? twoDigitYear(y) : y, mo, num(m[1])];
    },
  },
  {
    form: 'MMM D, YYYY',
    pattern: /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/,
    read: (m) => {
      const mo = month(m[1]);
      return mo === undefined ? undefined : [num(m[3]), mo, num(m[2])];
    },
  },
  {
    // `String(new Date(...))` in JavaScript: "Fri Dec 06 2019 12:00:00 GMT+0000 (Greenwich Mean Time)". The calendar date as written is kept.
    form: 'JS date string',
    pattern: /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]* ([A-Za-z]{3}) (\d{1,2}) (\d{4})(?: \d{2}:\d{2}:\d{2}(?: GMT[+-]\d{4})?(?: \([^)]*\))?)?$/,
    read: (m) => {
      const mo = month(m[1]);
      return mo === undefined ? undefined : [num(m[3]), mo, num(m[2])];
    },
  },
  { form: 'YYYYMMDD', pattern: /^((?:19|20)\d{2})(\d{2})(\d{2})$/, read: (m) => [num(m[1]), num(m[2]), num(m[3])] },
  {
    // Days since 1899-12-30, as a spreadsheet stores a date (a CSV saved from a sheet whose column was not formatted).
    form: 'Excel serial',
    pattern: /^(\d{5})(?:\.\d+)?$/,
    read: (m) => {
      const serial = num(m[1]);
      if (serial < 10000 || serial > 80000) return undefined;
      const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
      return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    },
  },
];

const BY_FORM = new Map(RULES.map((r) => [r.form, r]));

export function isDateForm(value: string): value is DateForm {
  return BY_FORM.has(value as DateForm);
}

/** True for a real calendar date (no 30 February). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (!(y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1)) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;
  return d <= days;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Every form that reads `value` to a real date (a day-first and a month-first reading can both hold: `6/12/2019`). */
export function classifyDate(value: string): DateForm[] {
  const text = value.trim();
  const forms: DateForm[] = [];
  for (const rule of RULES) {
    const m = text.match(rule.pattern);
    if (!m) continue;
    const parts = rule.read(m);
    if (parts && isRealDate(parts[0], parts[1], parts[2])) forms.push(rule.form);
  }
  return forms;
}

/**
 * `value` as `YYYY-MM-DD`, read with the first of `forms` that matches and
 * gives a real date; undefined when none does. Surrounding spaces are ignored.
 */
export function readDate(value: string, forms: readonly DateForm[]): string | undefined {
  const text = value.trim();
  for (const form of forms) {
    const rule = BY_FORM.get(form);
    if (!rule) continue;
    const m = text.match(rule.pattern);
    if (!m) continue;
    const parts = rule.read(m);
    if (parts && isRealDate(parts[0], parts[1], parts[2])) return iso(parts[0], parts[1], parts[2]);
  }
  return undefined;
}

/** Which of `forms` reads `value` (the first that gives a real date), or undefined. */
export function dateFormOf(value: string, forms: readonly DateForm[]): DateForm | undefined {
  const text = value.trim();
  for (const form of forms) {
    const rule = BY_FORM.get(form);
    const m = rule ? text.match(rule.pattern) : null;
    const parts = m && rule ? rule.read(m) : undefined;
    if (parts && isRealDate(parts[0], parts[1], parts[2])) return form;
  }
  return undefined;
}

/**
 * From the counts of forms met in one column, the forms `apply` should try, in
 * order, and whether day-first vs month-first had to be assumed: a column
 * where some `a/b/YYYY` value has a > 12 is day-first, one where b > 12 is
 * month-first; when neither shows, day-first (a UK council) is assumed and
 * said so.
 */
export function chooseDateForms(counts: ReadonlyMap<DateForm, number>): { forms: DateForm[]; ambiguousDayMonth: boolean } {
  const dmy = counts.get('D/M/YYYY') ?? 0;
  const mdy = counts.get('M/D/YYYY') ?? 0;
  const forms: DateForm[] = [];
  let ambiguous = false;
  for (const form of DATE_FORMS) {
    if ((counts.get(form) ?? 0) === 0) continue;
    if (form === 'M/D/YYYY' || form === 'D/M/YYYY') continue;
    forms.push(form);
  }
  if (dmy > 0 || mdy > 0) {
    if (dmy > mdy) forms.unshift('D/M/YYYY');
    else if (mdy > dmy) forms.unshift('M/D/YYYY');
    else {
      forms.unshift('D/M/YYYY');
      ambiguous = true;
    }
  }
  // Serial numbers read only when nothing else is met (a column of 5-digit numbers that is not a date would otherwise pass).
  if (forms.length > 1) return { forms: forms.filter((f) => f !== 'Excel serial' && f !== 'YYYYMMDD'), ambiguousDayMonth: ambiguous };
  return { forms, ambiguousDayMonth: ambiguous };
}
