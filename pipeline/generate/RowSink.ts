import type { RowReason } from '../standard/schema.js';
import type { Row } from './faultCatalogue.js';

/**
 * Where the simulation writes one table's rows: a `FaultyTableWriter`, or a
 * wrapper that alters rows on their way to it (`LinkNoise`).
 */
export interface RowSink {
  /** A row that passes every check of the standard. */
  writeClean(row: Row): void;
  /** A row that is faulty by nature, counted under `reason`. */
  writeFaulty(row: Row, reason: RowReason): void;
}
