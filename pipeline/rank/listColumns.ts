/**
 * The columns of a borough's `inspection_list.csv`, in order: the ranked
 * candidate, its score and reasons, then two empty columns the enforcement
 * team fills in (`outcome`, `inspected_on`) and `hmo outcomes` reads back.
 */
export const INSPECTION_LIST_COLUMNS = [
  'rank',
  'uprn',
  'address',
  'postcode',
  'ward_code',
  'ward_name',
  'score',
  'risk_band',
  'reason_1',
  'reason_2',
  'reason_3',
  'outcome',
  'inspected_on',
] as const;

export type InspectionListColumn = (typeof INSPECTION_LIST_COLUMNS)[number];

/** At most this many reasons are given per property. */
export const MAX_REASONS = 3;
