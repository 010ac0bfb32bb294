import type { RowReason, TableName } from '../standard/schema.js';

/** Counts for one table of one borough; rows_read = rows_accepted + rows_quarantined. */
export interface TableStatus {
  supplied: boolean;
  file: string | null;
  rows_read: number;
  rows_accepted: number;
  rows_quarantined: number;
  reasons: Partial<Record<RowReason, number>>;
  /** Optional columns of the standard absent from the header (null in the accepted rows). */
  missing_optional_columns: string[];
}

/**
 * What ingest wrote about one borough, in OUT/ingest/<code>/borough.json; the
 * quality report is these, gathered. Later stages read `status`,
 * `extract_date` and which optional tables were supplied from here.
 */
export interface BoroughStatus {
  borough_code: string;
  borough_name: string | null;
  status: 'ok' | 'failed';
  standard: string | null;
  extract_date: string | null;
  errors: string[];
  warnings: string[];
  tables: Partial<Record<TableName, TableStatus>>;
}
