import { rankMessages as m } from '../messages/rank.js';
import { csvForPeople } from '../util/csvForPeople.js';
import type { InspectionList } from './InspectionList.js';
import { formatScore } from './riskBand.js';
import { INSPECTION_LIST_COLUMNS } from './listColumns.js';

/**
 * The list as CSV for the team's spreadsheet: every candidate in rank order
 * (ranks 1..top are the ones to visit first), 3-decimal scores, up to three
 * reasons (blank where the data holds no more evidence; beyond the ranks
 * whose reasons were computed, `reason_1` says so, so that a blank cell
 * always means "no more evidence"), and empty `outcome`
 * and `inspected_on` columns to fill in. Formula-like cells are neutralised
 * by `csvForPeople`.
 *
 * @example
 *   writeFileAtomic(layout.listCsv(code), renderListCsv(list));
 */
export function renderListCsv(list: InspectionList): string {
  return csvForPeople(
    INSPECTION_LIST_COLUMNS,
    list.rows.map((row) => ({
      rank: row.rank,
      uprn: row.uprn,
      address: row.address,
      postcode: row.postcode,
      ward_code: row.ward_code,
      ward_name: row.ward_name,
      score: formatScore(row.score),
      risk_band: row.risk_band,
      reason_1: row.reasons === null ? m.reasonsNotComputed(list.reasons_computed) : row.reasons[0],
      reason_2: row.reasons?.[1],
      reason_3: row.reasons?.[2],
      outcome: '',
      inspected_on: '',
    })),
  );
}
