import Papa from 'papaparse';

/**
 * CSV meant to be opened in a spreadsheet: RFC 4180 quoting, LF line ends, a fixed column order, and every text cell that begins with `=`,
 * `+`, `-`, `@`, tab or carriage return prefixed with a single quote, so that
 * no spreadsheet can execute it (papaparse's `escapeFormulae`).
 *
 * @example
 *   csvForPeople(['rank', 'address'], [{ rank: 1, address: '=HYPERLINK(...)' }]);
 *   // 'rank,address\n1,"\'=HYPERLINK(...)"\n'
 */
export function csvForPeople(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const body = Papa.unparse(
    { fields: [...columns], data: rows.map((row) => columns.map((c) => cell(row[c]))) },
    { escapeFormulae: true, newline: '\n', quotes: false },
  );
  // papaparse already ends a header-only table with a line break.
  return body.endsWith('\n') ? body : `${body}\n`;
}

// Numbers stay numbers (a negative number is not a formula); everything else is text.
function cell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return String(value);
}
