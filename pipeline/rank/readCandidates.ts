import type { Duck } from '../db/Duck.js';
import { sqlString } from '../db/Duck.js';
import { candidateSql } from '../frame/candidateSql.js';

/** A candidate property with what the list prints about it. */
export interface CandidateProperty {
  uprn: string;
  address: string;
  postcode: string;
  ward_code: string;
  ward_name: string | null;
  easting: number | null;
  northing: number | null;
  last_inspection_date: string | null;
}

/** The borough as ingest saw it; undefined when it is not a usable (status ok) borough of the drop. */
export interface BoroughInfo {
  borough_code: string;
  borough_name: string;
  extract_date: string;
}

/**
 * The usable borough's name and extract date, from the `boroughs` view of
 * `openDropDb`.
 *
 * @example
 *   await readBoroughInfo(db, 'E09000007'); // { borough_code: 'E09000007', borough_name: 'Camden', extract_date: '2026-09-30' }
 */
export async function readBoroughInfo(db: Duck, borough: string): Promise<BoroughInfo | undefined> {
  const rows = await db.json<BoroughInfo>(
    `SELECT borough_code, borough_name, strftime(extract_date, '%Y-%m-%d') AS extract_date FROM boroughs WHERE borough_code = ${sqlString(borough)}`,
  );
  return rows[0];
}

/**
 * The candidates of one borough's list (`candidateSql`) with their address,
 * postcode, ward and grid reference, ordered by UPRN. A blank ward name is
 * filled with the name the borough's other properties of the same ward code
 * carry (the most common one); null when none names it. Only the properties
 * table's descriptive columns are read: no pseudonymous column is selected.
 *
 * @example
 *   const candidates = await readCandidates(db, 'E09000007', null);
 */
export async function readCandidates(db: Duck, borough: string, reinspectAfterMonths: number | null): Promise<CandidateProperty[]> {
  // Read as columns, then one object per candidate: DuckDB's row objects cost about twice as much for a 100,000-candidate borough.
  const reader = await db.connection.runAndReadAll(`
    WITH ward_names AS (
      -- The name most properties of the ward carry (ties: the first alphabetically), for a property whose own is blank.
      SELECT ward_code, ward_name FROM (
        SELECT ward_code, trim(ward_name) AS ward_name,
               row_number() OVER (PARTITION BY ward_code ORDER BY count(*) DESC, trim(ward_name)) AS pick
        FROM properties
        WHERE borough_code = ${sqlString(borough)} AND trim(coalesce(ward_name, '')) <> ''
        GROUP BY ward_code, trim(ward_name)
      ) WHERE pick = 1
    )
    SELECT CAST(c.uprn AS VARCHAR) AS uprn, p.address, p.postcode, p.ward_code,
           CASE WHEN trim(coalesce(p.ward_name, '')) = '' THEN w.ward_name ELSE p.ward_name END AS ward_name,
           p.easting, p.northing, strftime(c.last_inspection_date, '%Y-%m-%d') AS last_inspection_date
    FROM (${candidateSql(borough, reinspectAfterMonths)}) c
    JOIN properties p ON p.borough_code = c.borough_code AND p.uprn = c.uprn
    LEFT JOIN ward_names w ON w.ward_code = p.ward_code
    ORDER BY c.uprn`);
  const columns = reader.getColumnsJson();
  // No row, no column arrays at all.
  if (columns.length === 0) return [];
  const names = reader.columnNames();
  const column = (name: keyof CandidateProperty): unknown[] => {
    const values = columns[names.indexOf(name)];
    if (values === undefined) throw new Error(`readCandidates: the query has no column ${name}`);
    return values;
  };
  const [uprn, address, postcode, wardCode, wardName, easting, northing, lastInspection] = (
    ['uprn', 'address', 'postcode', 'ward_code', 'ward_name', 'easting', 'northing', 'last_inspection_date'] as const
  ).map(column) as [string[], string[], string[], string[], Array<string | null>, unknown[], unknown[], Array<string | null>];
  return uprn.map((value, i) => ({
    uprn: value,
    address: address[i] as string,
    postcode: postcode[i] as string,
    ward_code: wardCode[i] as string,
    ward_name: wardName[i] ?? null,
    easting: easting[i] === null ? null : Number(easting[i]),
    northing: northing[i] === null ? null : Number(northing[i]),
    last_inspection_date: lastInspection[i] ?? null,
  }));
}
