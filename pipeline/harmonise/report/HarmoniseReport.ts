import type { BoroughStatus } from '../../db/BoroughStatus.js';

/** Counts for one raw file: rows_read = rows_written + rows_review + rows_rejected. */
export interface FileReport {
  table: string;
  rows_read: number;
  rows_written: number;
  rows_review: number;
  rows_rejected: number;
  /** Rejected rows by reason. */
  reasons: Record<string, number>;
  /** The text encoding read (a CSV), or the format (`xlsx`). */
  encoding: string;
  /** Rows whose cells were all empty: not records, not counted above. */
  blank_rows: number;
  /** Per raw date column: how many values each form read. */
  date_forms: Record<string, Record<string, number>>;
  /** Per raw coded column: values left UNMAPPED or missing from the mapping, with their row counts. */
  unmapped_values: Record<string, Record<string, number>>;
  /** Rows filled by each confirmed assumption, by standard column. */
  filled_by_assumption: Record<string, number>;
}

/** `DIR2/harmonise_report.json`: what `hmo harmonise apply` did with one borough's raw exports. */
export interface HarmoniseReport {
  borough_code: string;
  borough_name: string;
  extract_date: string;
  standard: string;
  mapping: string;
  gazetteer: { file: string; rows: number; properties: number; used_as_properties_table: boolean };
  files: Record<string, FileReport>;
  /** Raw rows that needed an address match, by decision (after any review decisions). */
  address_matching: {
    sure: number;
    review: number;
    none: number;
    /** Of the above, rows decided by a person through --decisions. */
    decided_by_review: number;
    distinct_addresses: number;
    /** Best scores of the rows matched, in tenths: [0, 0.1), [0.1, 0.2) … [0.9, 1]. */
    score_histogram: number[];
  };
  /** Rows written per standard table of the drop. */
  tables: Record<string, number>;
  assumptions: string[];
  validation: { status: 'ok' | 'failed'; errors: string[]; tables: BoroughStatus['tables'] } | null;
}
