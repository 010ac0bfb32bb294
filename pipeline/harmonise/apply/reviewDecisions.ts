import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { harmoniseMessages } from '../../messages/harmonise.js';
import { HarmoniseError } from '../../errors/HarmoniseError.js';
import { RawCsvReader } from '../read/RawCsvReader.js';

/**
 * The columns of a review sheet, in order: the eight, then what a
 * person needs to decide a `review` row without opening the gazetteer: the
 * best candidate's UPRN (the one `score` is about; `uprn` stays blank unless
 * sure) and address, and the second candidate's address.
 */
export const REVIEW_SHEET_COLUMNS = [
  'line', 'raw_address', 'raw_postcode', 'uprn', 'score', 'decision', 'candidate_2_uprn', 'candidate_2_score',
  'candidate_1_uprn', 'candidate_1_address', 'candidate_2_address',
] as const;

/** What a person decided for one raw row: its UPRN, or that no property of the gazetteer is it. */
export interface ReviewDecision {
  readonly uprn: string | null;
  readonly rawAddress: string;
}

/** Decisions per raw file name, then per line. */
export type ReviewDecisions = Map<string, Map<number, ReviewDecision>>;

const UPRN = /^[1-9][0-9]{0,11}$/;

/**
 * Reads filled-in review sheets (`matches/<GSS>/<raw file>.csv`; a sheet, or
 * a folder of them): a row whose `uprn` holds a UPRN, or `none`, is a
 * decision; a row whose `uprn` is blank is not (whatever its `decision`). The raw file is
 * the sheet's name without its last `.csv`.
 *
 * @example
 *   const decisions = readReviewDecisions(['out/matches/E09000012']);
 *   decisions.get('licence_register.csv')?.get(14); // { uprn: '100021234567', rawAddress: '…' }
 */
export function readReviewDecisions(paths: readonly string[]): ReviewDecisions {
  const decisions: ReviewDecisions = new Map();
  for (const path of paths) {
    let sheets: string[];
    try {
      sheets = statSync(path).isDirectory() ? readdirSync(path).filter((f) => f.endsWith('.csv')).sort().map((f) => join(path, f)) : [path];
    } catch {
      throw new HarmoniseError(harmoniseMessages.decisionsMissing(path), 2);
    }
    for (const sheet of sheets) {
      const rawFile = basename(sheet).replace(/\.csv$/i, '');
      const perLine = decisions.get(rawFile) ?? new Map<number, ReviewDecision>();
      decisions.set(rawFile, perLine);
      const records = new RawCsvReader(sheet).records();
      const first = records.next();
      const header = first.done ? [] : first.value.fields.map((h) => h.trim());
      const at = (name: string) => header.indexOf(name);
      if (at('line') < 0 || at('uprn') < 0) throw new HarmoniseError(harmoniseMessages.decisionsColumns(sheet), 2);
      for (let next = records.next(); !next.done; next = records.next()) {
        const f = next.value.fields;
        const lineText = (f[at('line')] ?? '').trim();
        const line = Number(lineText);
        if (!Number.isInteger(line) || line < 1) throw new HarmoniseError(harmoniseMessages.decisionsBadLine(sheet, next.value.line, lineText), 2);
        const uprn = (f[at('uprn')] ?? '').trim().replace(/^'/, '');
        const rawAddress = at('raw_address') >= 0 ? (f[at('raw_address')] ?? '').replace(/^'/, '') : '';
        // The uprn column is the person's say: a UPRN, or "none". A blank one leaves the engine's decision as it is.
        if (uprn.toLowerCase() === 'none') perLine.set(line, { uprn: null, rawAddress });
        else if (uprn !== '') {
          if (!UPRN.test(uprn)) throw new HarmoniseError(harmoniseMessages.decisionsBadUprn(sheet, next.value.line, uprn), 2);
          perLine.set(line, { uprn, rawAddress });
        }
      }
    }
  }
  return decisions;
}
