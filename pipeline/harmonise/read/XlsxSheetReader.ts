import { statSync } from 'node:fs';
import { HarmoniseError } from '../../errors/HarmoniseError.js';
import { harmoniseMessages } from '../../messages/harmonise.js';
import type { RawReadProblem, RawRecord, RawTable } from './RawTable.js';

/** One sheet of a workbook as read: its name and its rows, every cell as text. */
export interface XlsxSheet {
  readonly name: string;
  /** Row r of the sheet (1-based) is rows[r - 1]; trailing empty rows are cut. */
  readonly rows: readonly (readonly string[])[];
}

/** A cell as read-excel-file gives it, numbers kept as the text the file stores (`parseNumber`). */
type Cell = string | number | boolean | Date | null;

/**
 * A cell as text, as a CSV saved from the sheet would hold it in the form
 * `suggest` reads best: text as written (not trimmed), numbers as the file
 * stores them (`100021234567`, `2.5`, never rounded), a cell formatted as a
 * date as `YYYY-MM-DD` (with `THH:MM:SS` when it has a time of day), a
 * boolean as `TRUE` / `FALSE`, an empty cell as ''.
 *
 * @example
 *   cellText(new Date(Date.UTC(2019, 11, 6))); // '2019-12-06'
 */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  return String(cell);
}

// One workbook held at a time: `suggest` lists a workbook's sheets and then profiles them, `apply` lists and
// then reads them, so the last one read is kept (keyed by path, size and modification time).
let lastWorkbook: { key: string; sheets: readonly XlsxSheet[] } | undefined;

/**
 * Every sheet of an Excel workbook (`.xlsx`), each cell as text
 * (`cellText`). A workbook is read whole (an .xlsx is a zip: it cannot be
 * streamed row by row), which Excel's own limit of 1,048,576 rows a sheet
 * bounds; a CSV is streamed. Uses read-excel-file (pure JavaScript), loaded
 * only when a workbook is met.
 *
 * @example
 *   const sheets = await readWorkbook('exports/hmo_register.xlsx');
 *   sheets[0]?.name; // 'Register'
 */
export async function readWorkbook(path: string): Promise<readonly XlsxSheet[]> {
  const stat = statSync(path);
  const key = `${path}\u0000${stat.size}\u0000${stat.mtimeMs}`;
  if (lastWorkbook?.key === key) return lastWorkbook.sheets;
  lastWorkbook = undefined;
  const { default: readExcelFile } = await import('read-excel-file/node');
  let read: { sheet: string; data: Cell[][] }[];
  try {
    read = (await readExcelFile(path, { trim: false, parseNumber: (text: string) => text })) as { sheet: string; data: Cell[][] }[];
  } catch (error) {
    throw new HarmoniseError(harmoniseMessages.workbookUnreadable(path, error instanceof Error ? error.message : String(error)), 1);
  }
  const sheets = read.map((s) => ({ name: s.sheet, rows: s.data.map((row) => row.map(cellText)) }));
  lastWorkbook = { key, sheets };
  return sheets;
}

/** A sheet with at least one filled cell. */
export function sheetHasData(sheet: XlsxSheet): boolean {
  return sheet.rows.some((row) => row.some((cell) => cell.trim() !== ''));
}

/**
 * One sheet of a workbook as a raw table: a record per row that has a filled
 * cell, its line the sheet's row number (what a person sees in Excel), its
 * fields every cell up to the sheet's widest row.
 *
 * @example
 *   const table = new XlsxSheetReader('hmo_register.xlsx', sheet);
 *   [...table.records()][0]; // { line: 3, fields: ['Licence No.', 'Property Address', ...] }
 */
export class XlsxSheetReader implements RawTable {
  readonly format = 'xlsx';
  readonly encoding = undefined;
  readonly delimiter = undefined;
  readonly problems: RawReadProblem[] = [];
  readonly encodingEvidence: string;

  constructor(
    readonly path: string,
    private readonly sheet: XlsxSheet,
  ) {
    this.encodingEvidence = harmoniseMessages.workbookEvidence(sheet.name);
  }

  *records(): Generator<RawRecord> {
    const rows = this.sheet.rows;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as readonly string[];
      if (row.every((cell) => cell === '')) continue;
      yield { line: r + 1, fields: [...row] };
    }
  }
}
