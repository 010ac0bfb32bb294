import { writeFileAtomic } from '../../util/atomicWrite.js';
import { csvForPeople } from '../csvForPeople.js';

/**
 * Writes a new inspections CSV of outcomes (`hmo outcomes`), atomically,
 * formula-neutralised.
 *
 * @example
 *   writeOutcomesCsv('inspections-new.csv', ['uprn', 'inspection_date', 'outcome'], rows);
 */
export function writeOutcomesCsv(file: string, columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): void {
  writeFileAtomic(file, csvForPeople(columns, rows));
}

/**
 * Appends rows to an existing inspections CSV whose text is `existingText`,
 * in that file's own column order (`header`; the standard leaves the order
 * free) and with its own line ends, atomically.
 *
 * @example
 *   appendOutcomesCsv('inspections.csv', readFileSync('inspections.csv', 'utf8'), header, fresh);
 */
export function appendOutcomesCsv(file: string, existingText: string, header: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): void {
  const lineEnd = existingText.includes('\r\n') ? '\r\n' : '\n';
  const appended = csvForPeople(header, rows).split('\n').slice(1).join(lineEnd);
  const separator = existingText === '' || existingText.endsWith('\n') ? '' : lineEnd;
  writeFileAtomic(file, existingText + separator + appended);
}
