import type { TableName } from '../../standard/schema.js';
import type { RawEncoding } from '../read/detectEncoding.js';
import type { RawDelimiter } from '../read/RawTable.js';
import type { DateForm } from '../values/dateForms.js';

/**
 * A borough's mapping from its raw exports to `hmo-harmonised/1.0`, drafted
 * by `hmo harmonise suggest`, reviewed by a person, applied by
 * `hmo harmonise apply`. Written as YAML (docs/harmonise.md shows one).
 */
export interface Mapping {
  readonly mapping_version: 1;
  readonly standard: string;
  readonly borough_code: string;
  readonly borough_name: string;
  /** The as-of date of the whole extract (the manifest's `extract_date`). */
  readonly extract_date: string;
  readonly extract_date_evidence: string;
  readonly files: Readonly<Record<string, FileMapping>>;
  /** Statements a person must confirm (`confirmed: true`) before `apply` runs. */
  readonly assumptions: readonly Assumption[];
}

/** Where a raw column goes. */
export type ColumnTarget =
  /** a column of the file's standard table */
  | string
  /** (part of) the property's address, joined in file order, for matching to a UPRN */
  | 'address'
  | 'postcode'
  /** a person's name or contact details: never read past this point */
  | 'drop'
  /** not needed by the standard */
  | 'ignore';

export const UNMAPPED = 'UNMAPPED';

export interface ColumnMapping {
  readonly to: ColumnTarget;
  readonly confidence: number;
  readonly evidence: string;
  /** Date columns: the forms tried in order. */
  readonly date_forms?: readonly DateForm[];
  /**
   * Enum and boolean columns: every distinct raw value met, to a standard
   * value, `null` (the value is missing) or `UNMAPPED` (a person must say).
   */
  readonly values?: Readonly<Record<string, string | null>>;
}

/** What fills a standard column that a file lacks, or fills its empty cells. */
export interface Fill {
  /** A constant standard value. */
  readonly value?: string;
  /** `extract_date` (plus `plus_years`), or `line` (a reference made of the file name and line). */
  readonly from?: 'extract_date' | 'line';
  readonly plus_years?: number;
}

export interface Assumption {
  /** The standard column it fills (file assumptions), or `extract_date`. */
  readonly column: string;
  /** `all` rows (the file has no such column) or only rows where the column is `missing`. */
  readonly rows?: 'all' | 'missing';
  readonly fill?: Fill;
  readonly statement: string;
  readonly confirmed: boolean;
}

/** How a CSV the mapping names no encoding or delimiter for is read. */
export const DEFAULT_CSV_READING = { encoding: 'utf-8', delimiter: ',' } as const;

/** What a raw source's reader is told: the mapping's encoding and delimiter, or the defaults (a workbook ignores both). */
export function readingOf(file: FileMapping): { encoding: RawEncoding; delimiter: RawDelimiter } {
  return { encoding: file.encoding ?? DEFAULT_CSV_READING.encoding, delimiter: file.delimiter ?? DEFAULT_CSV_READING.delimiter };
}

export interface FileMapping {
  /** The standard table the file feeds, or `skip`. */
  readonly table: TableName | 'skip';
  readonly confidence: number;
  readonly evidence: readonly string[];
  /** CSV: the text encoding and field delimiter (absent: UTF-8, comma). A workbook's sheet has neither. */
  readonly encoding?: RawEncoding;
  readonly delimiter?: RawDelimiter;
  /** The header's line (a sheet's row number). */
  readonly header_line: number;
  /** Records after the header when it was profiled (a check, not a rule). */
  readonly rows: number;
  readonly columns: Readonly<Record<string, ColumnMapping>>;
  readonly assumptions: readonly Assumption[];
}
