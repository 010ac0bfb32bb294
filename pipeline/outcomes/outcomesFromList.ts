import { outcomesMessages as m } from '../messages/rank.js';
import type { InspectionListColumn } from '../rank/listColumns.js';
import { loadSchema } from '../standard/schema.js';
import { readListCsv } from './readListCsv.js';

/** A row of the standard's inspections.csv, as strings. */
export type InspectionRow = Record<string, string>;

export interface ListOutcomes {
  /** Rows of inspections.csv, in list order, in the standard's column order. */
  rows: InspectionRow[];
  /** The standard's inspections columns (loadSchema), the order rows are written in. */
  columns: string[];
  /** List rows left blank (no outcome, no date): not inspected yet. */
  skipped: number;
  /** Every bad line, as a message naming the file, line and column; empty when the list is good. */
  errors: string[];
}

const UPRN = /^[1-9][0-9]{0,11}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** What `hmo outcomes` records as the trigger of an inspection made from a list. */
export const LIST_TRIGGER = 'model';

/**
 * Reads a list a team filled in (`inspection_list.csv` from `hmo rank`) and
 * turns each row with an `outcome` and an `inspected_on` date into a row of
 * the standard's `inspections.csv` with trigger `model`. Rows with both left
 * blank are skipped. Every other row must be right: an outcome the standard
 * allows (case and surrounding spaces forgiven), a real YYYY-MM-DD date not
 * after `today`, a well-formed UPRN, one outcome per UPRN; each bad line is
 * reported with its line and column, and the caller writes nothing.
 *
 * @example
 *   const result = outcomesFromList(text, 'lists/E09000007/inspection_list.csv', '2026-11-27');
 *   result.rows[0]; // { uprn: '100023', inspection_date: '2026-10-02', outcome: 'hmo', trigger: 'model' }
 */
export function outcomesFromList(text: string, file: string, today: string): ListOutcomes {
  const table = loadSchema().table('inspections');
  const columns = table.columns.map((c) => c.name);
  const allowedOutcomes = table.columns.find((c) => c.name === 'outcome')?.values ?? [];
  const triggers = table.columns.find((c) => c.name === 'trigger')?.values ?? [];
  if (!triggers.includes(LIST_TRIGGER)) throw new Error(`The standard's inspections.trigger has no "${LIST_TRIGGER}"`);

  const { header, records, problems } = readListCsv(text);
  const needed: readonly InspectionListColumn[] = ['uprn', 'outcome', 'inspected_on'];
  const absent = needed.filter((c) => !header.includes(c));
  if (absent.length > 0) return { rows: [], columns, skipped: 0, errors: [m.missingColumns(file, absent)] };

  const errors = problems.map((p) => ({ line: p.line, message: m.csvError(file, p.line, p.detail) }));
  const badLines = new Set(problems.map((p) => p.line));
  const rows: InspectionRow[] = [];
  const firstLineOf = new Map<string, number>();
  let skipped = 0;
  for (const { line, cells } of records) {
    if (badLines.has(line)) continue;
    const outcome = (cells.outcome ?? '').trim().toLowerCase();
    const date = (cells.inspected_on ?? '').trim();
    if (outcome === '' && date === '') {
      skipped++;
      continue;
    }
    const bad = (column: string, detail: string) => errors.push({ line, message: m.badLine(file, line, column, detail) });
    const before = errors.length;
    // Digits are never prefixed by the formula guard, but a spreadsheet user may have typed one.
    const uprn = (cells.uprn ?? '').trim().replace(/^'/, '');
    if (!UPRN.test(uprn)) bad('uprn', m.badUprn(cells.uprn ?? ''));
    if (outcome === '') bad('outcome', m.missingOutcome());
    else if (!allowedOutcomes.includes(outcome)) bad('outcome', m.badOutcome(cells.outcome ?? '', allowedOutcomes));
    if (date === '') bad('inspected_on', m.missingDate());
    else if (!isRealDate(date)) bad('inspected_on', m.badDate(cells.inspected_on ?? ''));
    else if (date > today) bad('inspected_on', m.futureDate(date, today));
    if (errors.length > before) continue;
    const first = firstLineOf.get(uprn);
    if (first !== undefined) {
      bad('uprn', m.duplicateUprn(uprn, first));
      continue;
    }
    firstLineOf.set(uprn, line);
    rows.push(Object.fromEntries(columns.map((c) => [c, { uprn, inspection_date: date, outcome, trigger: LIST_TRIGGER }[c] ?? ''])));
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, columns, skipped, errors: errors.map((e) => e.message) };
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isRealDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date on this machine's clock and time zone, YYYY-MM-DD (a visit made today is not in the future). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
