import { closeSync, openSync, writeSync } from 'node:fs';
import { csvForPeople } from '../csvForPeople.js';

/** The columns of a quarantine CSV, in order. */
export const QUARANTINE_COLUMNS = ['file', 'line', 'column', 'reason', 'value'] as const;

/** One rejected row, as the quarantine CSV names it (never a pseudonym's text). */
export type QuarantineRow = Record<(typeof QUARANTINE_COLUMNS)[number], unknown>;

const BATCH_ROWS = 20000;

/**
 * Writes a quarantine CSV (OUT/quarantine/<borough>/<table>.csv: every
 * rejected row by line, with its reason) as rows come, in batches, so that
 * memory does not grow with the rejected rows; cells are formula-neutralised
 * (csvForPeople). A file with no row still has its header.
 *
 * @example
 *   const writer = QuarantineCsvWriter.open(path);
 *   writer.add({ file: 'properties.csv', line: 12, column: 'uprn', reason: 'not a number', value: 'x' });
 *   writer.close();
 */
export class QuarantineCsvWriter {
  private batch: QuarantineRow[] = [];
  private first = true;

  private constructor(private readonly fd: number) {}

  static open(path: string): QuarantineCsvWriter {
    return new QuarantineCsvWriter(openSync(path, 'w'));
  }

  add(row: QuarantineRow): void {
    this.batch.push(row);
    if (this.batch.length >= BATCH_ROWS) this.flush();
  }

  /** Writes what is left (the header alone when nothing was added) and closes the file. */
  close(): void {
    try {
      if (this.batch.length > 0 || this.first) this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes the file without writing what is left (after a failure). */
  abandon(): void {
    closeSync(this.fd);
  }

  private flush(): void {
    let text = this.batch.length > 0 ? csvForPeople(QUARANTINE_COLUMNS, this.batch) : `${QUARANTINE_COLUMNS.join(',')}\n`;
    if (!this.first) text = text.slice(text.indexOf('\n') + 1);
    writeSync(this.fd, text);
    this.first = false;
    this.batch = [];
  }
}
