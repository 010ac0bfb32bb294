import type { RawEncoding } from './detectEncoding.js';

/** One record of a raw export: the physical line (a sheet's row number) it starts on, first = 1, and its fields as written. */
export interface RawRecord {
  readonly line: number;
  readonly fields: string[];
}

/** Something odd about a file that did not stop it being read, for the report. */
export interface RawReadProblem {
  readonly line: number;
  readonly kind: 'unclosed_quote';
}

export type RawDelimiter = ',' | ';' | '\t' | '|';

/** How the mapping says a source is written (CSV only; a workbook ignores both). */
export interface RawTableOptions {
  readonly encoding?: RawEncoding | undefined;
  readonly delimiter?: RawDelimiter | undefined;
}

/**
 * One raw source opened for reading, whatever its format: a CSV file, or a
 * sheet of an Excel workbook. `suggest` profiles it and `apply` harmonises it
 * through this contract only; a reader kind (`rawReaders.ts`) opens it.
 *
 * @example
 *   const table = await openRawSource('exports/hackney', 'hmo_register.xlsx', {});
 *   for (const record of table.records()) console.log(record.line, record.fields);
 */
export interface RawTable {
  /** The reader kind's name (`csv`, `xlsx`). */
  readonly format: string;
  /** The text encoding, for a CSV (undefined for a workbook, which carries its own). */
  readonly encoding: RawEncoding | undefined;
  /** How the encoding (or the format) was decided, for the mapping's evidence. */
  readonly encodingEvidence: string;
  /** The field delimiter, for a CSV (undefined for a workbook). */
  readonly delimiter: RawDelimiter | undefined;
  readonly problems: RawReadProblem[];
  /** Every record, header included, in order; completely empty rows are not records. */
  records(): Generator<RawRecord>;
}
