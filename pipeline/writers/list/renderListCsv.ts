import { rankMessages as m } from '../../messages/rank.js';
import { csvTable } from '../csvForPeople.js';
import type { InspectionList, RankedProperty } from '../../rank/InspectionList.js';
import { formatScore } from '../../rank/riskBand.js';
import { INSPECTION_LIST_COLUMNS, type InspectionListColumn } from '../../rank/listColumns.js';

/**
 * The list as CSV for the team's spreadsheet: every candidate in rank order
 * (ranks 1..top are the ones to visit first), 3-decimal scores, up to three
 * reasons (blank where the data holds no more evidence; beyond the ranks
 * whose reasons were computed, `reason_1` says so, so that a blank cell
 * always means "no more evidence"), and empty `outcome`
 * and `inspected_on` columns to fill in. Formula-like cells are neutralised
 * by `csvTable` (`csvForPeople`'s quoting).
 *
 * @example
 *   writeFileAtomic(layout.listCsv(code), renderListCsv(list));
 */
export function renderListCsv(list: InspectionList): string {
  const notComputed = m.reasonsNotComputed(list.reasons_computed);
  // One getter per column, so that the column order stays INSPECTION_LIST_COLUMNS' alone; no object per row (~100,000 rows a borough).
  const cells: Record<InspectionListColumn, (row: RankedProperty) => unknown> = {
    rank: (row) => row.rank,
    uprn: (row) => row.uprn,
    address: (row) => row.address,
    postcode: (row) => row.postcode,
    ward_code: (row) => row.ward_code,
    ward_name: (row) => row.ward_name,
    score: (row) => formatScore(row.score),
    risk_band: (row) => row.risk_band,
    reason_1: (row) => (row.reasons === null ? notComputed : row.reasons[0]),
    reason_2: (row) => row.reasons?.[1],
    reason_3: (row) => row.reasons?.[2],
    outcome: () => '',
    inspected_on: () => '',
  };
  const getters = INSPECTION_LIST_COLUMNS.map((column) => cells[column]);
  return csvTable(INSPECTION_LIST_COLUMNS, list.rows.length, (r) => getters.map((get) => get(list.rows[r] as RankedProperty)));
}
