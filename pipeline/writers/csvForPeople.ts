/**
 * CSV meant to be opened in a spreadsheet: RFC 4180 quoting, LF line ends, a fixed column order, and every text cell that begins with `=`,
 * `+`, `-`, `@`, tab or carriage return prefixed with a single quote, so that
 * no spreadsheet can execute it (papaparse's `escapeFormulae`; the output is
 * byte for byte what `Papa.unparse` gives with `escapeFormulae`, `quotes: false`
 * and LF, written here directly because papaparse took a third of the time of
 * writing a London borough's list).
 *
 * @example
 *   csvForPeople(['rank', 'address'], [{ rank: 1, address: '=HYPERLINK(...)' }]);
 *   // 'rank,address\n1,"\'=HYPERLINK(...)"\n'
 */
export function csvForPeople(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  return csvTable(columns, rows.length, (r) => {
    const row = rows[r] as Record<string, unknown>;
    return columns.map((c) => row[c]);
  });
}

/**
 * `csvForPeople` for writers that give each row's cells in column order
 * (`valuesOf(r)` for r = 0 .. count - 1) rather than an object per row.
 *
 * @example
 *   csvTable(['rank', 'address'], 1, () => [1, '=HYPERLINK(...)']); // the same text as csvForPeople's example
 */
export function csvTable(columns: readonly string[], count: number, valuesOf: (row: number) => readonly unknown[]): string {
  const lines = new Array<string>(count + 1);
  lines[0] = csvRecord(columns);
  for (let r = 0; r < count; r++) lines[r + 1] = csvRecord(valuesOf(r));
  const body = lines.join('\n');
  // As papaparse: a body whose last line is empty (one blank column) already ends with a line break.
  return body.endsWith('\n') ? body : `${body}\n`;
}

/**
 * One CSV line (no line end) of `csvForPeople`: the same quoting and formula
 * neutralisation, for writers that hold their cells in arrays already.
 *
 * @example
 *   csvRecord([1, '-5 Acacia Avenue', null]); // '1,"\'-5 Acacia Avenue",'
 */
export function csvRecord(values: readonly unknown[]): string {
  // join, not +=: a line built by += is a rope that the final join must flatten, twice the cost.
  return values.map(csvCell).join(',');
}

// papaparse's escapeFormulae pattern, verbatim: `.` stops at a line break, so "=a\nb" is quoted but not prefixed, as papaparse does.
const FORMULA = /^[=+\-@\t\r].*$/;
// papaparse quotes a cell holding a line break, quote, comma or byte-order mark, or starting or ending with a space.
const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;
const QUOTE = /"/g;

// Numbers stay numbers (a negative number is not a formula); everything else is text.
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  if (FORMULA.test(text)) return `"'${text.replace(QUOTE, '""')}"`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}
