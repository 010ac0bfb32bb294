import Papa from 'papaparse';

/** One record of a CSV with the physical line it starts on (header = line 1). */
export interface CsvRecord {
  line: number;
  cells: Record<string, string>;
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
  /** Records whose shape is wrong, with the line and what is wrong. */
  problems: Array<{ line: number; detail: string }>;
}

/**
 * Parses a CSV as a spreadsheet saves it (a leading byte-order mark, LF or
 * CRLF, quoted fields spanning lines), keeping each record's starting line so
 * that messages can point at it. Blank lines are skipped; a record whose field
 * count differs from the header's, or a broken quote, is a problem.
 *
 * @example
 *   const { header, records } = readListCsv('rank,uprn\n1,100023\n');
 *   records[0]; // { line: 2, cells: { rank: '1', uprn: '100023' } }
 */
export function readListCsv(text: string): CsvTable {
  // One line-break convention, so that a file re-saved with mixed endings still splits into its lines.
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let header: string[] | undefined;
  const records: CsvRecord[] = [];
  const problems: CsvTable['problems'] = [];
  let start = 0;
  let lineAtStart = 1;
  Papa.parse<string[]>(body, {
    delimiter: ',',
    newline: '\n',
    step: (result) => {
      const fields = result.data;
      const line = lineAtStart;
      const end = result.meta.cursor;
      lineAtStart += countLineBreaks(body, start, end);
      start = end;
      for (const error of result.errors) problems.push({ line, detail: error.message });
      if (fields.length === 1 && fields[0] === '') return;
      if (header === undefined) {
        header = fields;
        return;
      }
      if (fields.length !== header.length) {
        problems.push({ line, detail: `${fields.length} fields where the header has ${header.length}` });
        return;
      }
      const cells: Record<string, string> = {};
      header.forEach((name, i) => {
        cells[name] = fields[i] ?? '';
      });
      records.push({ line, cells });
    },
  });
  return { header: header ?? [], records, problems };
}

function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
