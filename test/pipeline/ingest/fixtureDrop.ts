import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A valid small borough: CSV text per table (LF line ends, final line break). */
export const VALID_TABLES: Record<string, string> = {
  properties:
    'uprn,address,postcode,ward_code,ward_name,easting,northing,property_type,built_form,habitable_rooms,floor_area_m2,epc_rating,year_built,council_tax_band,tenure,landlord_ref\n' +
    '100,"1 High St, London",NW1 0AB,E05000001,Ward A,528000.5,184000,house,terraced,5,92.5,D,1900,C,private-rented,L1\n' +
    '101,"2 ""Old"" High St",NW1 0AB,E05000001,Ward A,528010,184010,flat,converted,2,45,C,1910,B,owner-occupied,\n' +
    '102,3 High St,NW1 0AC,E05000002,Ward B,,,maisonette,,,,,,A,unknown,\n',
  council_tax:
    'uprn,account_ref,start_date,end_date,single_person_discount,student_exemption,liable_persons\n' +
    '100,A1,2020-01-01,,false,false,2\n' +
    '101,A2,2019-05-01,2021-03-31,true,false,1\n',
  electoral_register: 'uprn,elector_ref,surname_key,registered_date,removed_date\n100,E1,S1,2019-01-01,\n100,E2,S2,2019-01-01,2022-01-01\n',
  licences: 'uprn,licence_ref,scheme,start_date,end_date,max_occupants,max_households\n100,LIC/1,selective,2021-01-01,2031-01-01,,\n',
  inspections: 'uprn,inspection_date,outcome,trigger\n100,2022-06-01,hmo,complaint\n101,2023-01-10,not-hmo,proactive\n',
};

export interface BoroughFixture {
  code?: string;
  /** Table name → CSV text; `null` leaves the table out of the folder and the manifest. */
  tables?: Record<string, string | null>;
  /** Replaces fields of the manifest (a function gets the generated one). */
  manifest?: (manifest: Record<string, unknown>) => unknown;
  /** Raw manifest text, instead of JSON. */
  manifestText?: string;
}

/** The records of a CSV text the way the standard counts them, for small well-formed fixtures. */
export function countRecords(csv: string): number {
  let records = 0;
  let inQuotes = false;
  let lineHasContent = false;
  for (const ch of csv.replace(/^\ufeff/, '')) {
    if (ch === '"') inQuotes = !inQuotes;
    if (ch === '\n' && !inQuotes) {
      if (lineHasContent) records++;
      lineHasContent = false;
    } else if (ch !== '\r' || inQuotes) lineHasContent = true;
  }
  if (lineHasContent) records++;
  return Math.max(0, records - 1);
}

/** Writes one borough folder under `drop` and returns its path. */
export function writeBorough(drop: string, fixture: BoroughFixture = {}): string {
  const code = fixture.code ?? 'E09000007';
  const dir = join(drop, code);
  mkdirSync(dir, { recursive: true });
  const tables = { ...VALID_TABLES, ...fixture.tables };
  const listed: Record<string, { file: string; rows: number }> = {};
  for (const [table, csv] of Object.entries(tables)) {
    if (csv === null) continue;
    writeFileSync(join(dir, `${table}.csv`), csv);
    listed[table] = { file: `${table}.csv`, rows: countRecords(csv) };
  }
  const manifest: Record<string, unknown> = {
    standard: 'hmo-harmonised/1.0',
    borough_code: code,
    borough_name: 'Camden',
    extract_date: '2026-09-30',
    tables: listed,
  };
  const text = fixture.manifestText ?? JSON.stringify(fixture.manifest ? fixture.manifest(manifest) : manifest, null, 2);
  writeFileSync(join(dir, 'manifest.json'), text);
  return dir;
}

/** A fresh temporary folder holding `drop/` and `out/`. */
export function tempWorkspace(): { root: string; drop: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'hmo-ingest-test-'));
  const drop = join(root, 'drop');
  mkdirSync(drop);
  return { root, drop, out: join(root, 'out') };
}
