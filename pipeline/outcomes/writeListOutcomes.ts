import { existsSync, readFileSync } from 'node:fs';
import { OutcomesError } from '../errors/OutcomesError.js';
import { outcomesMessages as m } from '../messages/rank.js';
import { appendOutcomesCsv, writeOutcomesCsv } from '../writers/outcomes/outcomesCsv.js';
import { readListCsv } from './readListCsv.js';
import { localToday, outcomesFromList } from './outcomesFromList.js';

export interface WriteListOutcomesInputs {
  /** A filled-in inspection_list.csv. */
  list: string;
  /** The inspections.csv to write. */
  out: string;
  /** Add to an existing inspections.csv (rows already in it are not repeated) instead of refusing to replace it. */
  append?: boolean;
  /** The date after which an inspection is in the future (default: today on this machine). */
  today?: string;
}

export interface WriteListOutcomesResult {
  file: string;
  written: number;
  skipped: number;
  alreadyThere: number;
}

/**
 * `hmo outcomes`: the filled-in rows of a list as rows of the standard's
 * inspections.csv (trigger `model`), written atomically to `out`. A list with
 * any bad line is refused whole (OutcomesError, exit 1, every bad line named)
 * and nothing is written, so a half-read list never reaches the next drop.
 *
 * @example
 *   writeListOutcomes({ list: 'out/lists/E09000007/inspection_list.csv', out: 'inspections-from-list.csv' });
 */
export function writeListOutcomes(inputs: WriteListOutcomesInputs): WriteListOutcomesResult {
  let text: string;
  try {
    text = readFileSync(inputs.list, 'utf8');
  } catch (error) {
    throw new OutcomesError(m.unreadableList(inputs.list, (error as Error).message), 1);
  }
  const result = outcomesFromList(text, inputs.list, inputs.today ?? localToday());
  if (result.errors.length > 0) throw new OutcomesError(m.refused(inputs.list, result.errors.length, result.errors), 1);

  if (!existsSync(inputs.out)) {
    writeOutcomesCsv(inputs.out, result.columns, result.rows);
    return { file: inputs.out, written: result.rows.length, skipped: result.skipped, alreadyThere: 0 };
  }
  if (inputs.append !== true) throw new OutcomesError(m.outputExists(inputs.out), 2);
  const existingText = readFileSync(inputs.out, 'utf8');
  const existing = readListCsv(existingText);
  const absent = result.columns.filter((c) => !existing.header.includes(c));
  if (absent.length > 0) throw new OutcomesError(m.existingNotInspections(inputs.out, `no column ${absent.join(', ')}`), 1);
  const first = existing.problems[0];
  if (first !== undefined) throw new OutcomesError(m.existingNotInspections(inputs.out, `line ${first.line}: ${first.detail}`), 1);
  const key = (row: Record<string, string>) => result.columns.map((c) => row[c] ?? '').join('\u0000');
  const present = new Set(existing.records.map((r) => key(r.cells)));
  const fresh = result.rows.filter((row) => !present.has(key(row)));
  // Rows follow the existing file's own column order (the standard leaves the order free).
  appendOutcomesCsv(inputs.out, existingText, existing.header, fresh);
  return { file: inputs.out, written: fresh.length, skipped: result.skipped, alreadyThere: result.rows.length - fresh.length };
}
