import type { RankedProperty } from '../../rank/InspectionList.js';

/** The properties of one postcode within a ward, in rank order. */
export interface PostcodeGroup {
  postcode: string;
  rows: RankedProperty[];
}

/** One ward's properties, by postcode. */
export interface WardRound {
  ward_code: string;
  /** Every property of the ward, in rank order. */
  rows: RankedProperty[];
  postcodes: PostcodeGroup[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The visit-first properties grouped to plan rounds: by ward (the ward
 * holding the best-ranked property first, so the most urgent round leads),
 * then by postcode in postcode order (neighbouring postcodes sort together:
 * NW5 2FQ, NW5 2LL), each group in rank order. Every property appears once.
 * A property whose ward code is blank is grouped under the blank code.
 *
 * @example
 *   roundPlan(list.rows.slice(0, list.top))[0]?.postcodes[0]?.rows[0]?.rank; // 1
 */
export function roundPlan(rows: readonly RankedProperty[]): WardRound[] {
  const wards = new Map<string, RankedProperty[]>();
  for (const row of [...rows].sort((a, b) => a.rank - b.rank)) {
    const key = row.ward_code ?? '';
    const members = wards.get(key);
    if (members === undefined) wards.set(key, [row]);
    else members.push(row);
  }
  // Map iteration follows insertion, i.e. the ward's best rank.
  return [...wards.entries()].map(([ward_code, members]) => {
    const postcodes = new Map<string, RankedProperty[]>();
    for (const row of members) {
      const postcode = normalisePostcode(row.postcode);
      postcodes.set(postcode, [...(postcodes.get(postcode) ?? []), row]);
    }
    return {
      ward_code,
      rows: members,
      postcodes: [...postcodes.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : byText(a, b))).map(([postcode, group]) => ({ postcode, rows: group })),
    };
  });
}

/** A postcode as printed for grouping: upper case, single spaces ("nw5  2fq" and "NW5 2FQ" are one postcode). */
function normalisePostcode(postcode: string | null): string {
  return (postcode ?? '').trim().toUpperCase().replace(/\s+/g, ' ');
}
