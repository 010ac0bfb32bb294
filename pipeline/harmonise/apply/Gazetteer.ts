import { existsSync, statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { harmoniseMessages } from '../../messages/harmonise.js';
import { loadSchema } from '../../standard/schema.js';
import { HarmoniseError } from '../../errors/HarmoniseError.js';
import { CsvTableWriter, csvField } from '../../generate/CsvTableWriter.js';
import { RawCsvReader } from '../read/RawCsvReader.js';
import { PSEUDONYM_KIND, type PseudonymKind, type Pseudonymiser } from './Pseudonymiser.js';

const UPRN = /^[1-9][0-9]{0,11}$/;

export interface GazetteerSummary {
  /** Rows read after the header. */
  readonly rows: number;
  /** Properties loaded for matching (a valid UPRN and an address, first row of each UPRN). */
  readonly properties: number;
  /** True when the header has every required column of the standard's properties.csv (it can be the drop's spine). */
  readonly isPropertiesTable: boolean;
  readonly header: readonly string[];
  /** Rows with a landlord identifier (the council's own landlord number, pseudonymised when the drop's properties.csv is written). */
  readonly landlordRefs: number;
  /** Of those, the ones already shaped like a pseudonym (16 hex digits): a gazetteer taken from a drop, not from the council's systems. */
  readonly landlordRefsLikePseudonyms: number;
}

/** The gazetteer's column of landlord identifiers: the standard's name, holding the council's own landlord numbers. */
export const GAZETTEER_LANDLORD_COLUMN = 'landlord_ref';
const PSEUDONYM_SHAPE = /^[0-9a-f]{16}$/;

/**
 * Loads the borough's gazetteer (a `properties.csv` of the standard: at
 * least uprn, address, postcode; any encoding) into `table` of `conn` for the
 * address matcher: one row per valid UPRN (the first), address and postcode
 * as written. The rows go straight to DuckDB (the first of each UPRN is kept
 * there), so memory does not grow with the gazetteer.
 *
 * @example
 *   const gazetteer = await loadGazetteer(conn, 'llpg/properties.csv', 'gazetteer');
 *   gazetteer.properties; // 104213
 */
export async function loadGazetteer(conn: DuckDBConnection, path: string, table: string): Promise<GazetteerSummary> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new HarmoniseError(harmoniseMessages.noGazetteer(path), 2);
  const reader = new RawCsvReader(path);
  const records = reader.records();
  const first = records.next();
  const header = first.done ? [] : first.value.fields.map((h) => h.trim());
  const uprnAt = header.indexOf('uprn');
  const addressAt = header.indexOf('address');
  const postcodeAt = header.indexOf('postcode');
  if (uprnAt < 0 || addressAt < 0 || postcodeAt < 0) throw new HarmoniseError(harmoniseMessages.gazetteerColumns(path, header), 2);
  const required = loadSchema().table('properties').columns.filter((c) => c.required).map((c) => c.name);
  const loading = `${table}_loading`;
  await conn.run(`CREATE OR REPLACE TABLE ${loading} (uprn VARCHAR, address VARCHAR, postcode VARCHAR, rn INTEGER)`);
  const appender = await conn.createAppender(loading);
  const landlordAt = header.indexOf(GAZETTEER_LANDLORD_COLUMN);
  let rows = 0;
  let landlordRefs = 0;
  let landlordRefsLikePseudonyms = 0;
  for (let next = records.next(); !next.done; next = records.next()) {
    rows += 1;
    const fields = next.value.fields;
    const landlord = landlordAt < 0 || fields.length !== header.length ? '' : (fields[landlordAt] ?? '').trim();
    if (landlord !== '') {
      landlordRefs += 1;
      if (PSEUDONYM_SHAPE.test(landlord)) landlordRefsLikePseudonyms += 1;
    }
    const uprn = fields[uprnAt] ?? '';
    const address = fields[addressAt] ?? '';
    if (!UPRN.test(uprn) || address.trim() === '') continue;
    appender.appendVarchar(uprn);
    appender.appendVarchar(address);
    const postcode = (fields[postcodeAt] ?? '').trim();
    if (postcode === '') appender.appendNull();
    else appender.appendVarchar(postcode);
    appender.appendInteger(rows);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
  await conn.run(`CREATE OR REPLACE TABLE ${table} AS
    SELECT uprn, address, postcode FROM ${loading} QUALIFY row_number() OVER (PARTITION BY uprn ORDER BY rn) = 1`);
  await conn.run(`DROP TABLE ${loading}`);
  const properties = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0]?.[0] ?? 0);
  if (properties === 0) throw new HarmoniseError(harmoniseMessages.gazetteerEmpty(path), 1);
  return { rows, properties, isPropertiesTable: required.every((c) => header.includes(c)), header, landlordRefs, landlordRefsLikePseudonyms };
}

/**
 * Which of `uprns` the gazetteer loaded in `table` holds (to check the UPRNs
 * a person wrote on a review sheet).
 *
 * @example
 *   await knownUprns(conn, 'gazetteer', ['100021234567', '1']); // Set { '100021234567' }
 */
export async function knownUprns(conn: DuckDBConnection, table: string, uprns: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  if (uprns.length === 0) return known;
  await conn.run(`CREATE OR REPLACE TABLE ${table}_asked (uprn VARCHAR)`);
  const appender = await conn.createAppender(`${table}_asked`);
  for (const uprn of uprns) {
    appender.appendVarchar(uprn);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
  const reader = await conn.runAndReadAll(`SELECT DISTINCT g.uprn FROM ${table} g JOIN ${table}_asked a USING (uprn)`);
  for (const row of reader.getRows()) known.add(String(row[0]));
  await conn.run(`DROP TABLE ${table}_asked`);
  return known;
}

export interface PropertiesFromGazetteer {
  /** Records written after the header. */
  readonly rows: number;
  /** Gazetteer columns that are not the standard's properties columns: never carried into the drop. */
  readonly droppedColumns: readonly string[];
}

/**
 * Writes the drop's `properties.csv` from the gazetteer: the standard's
 * properties columns only (any other column the gazetteer carries, an
 * owner's name perhaps, is left behind), in UTF-8, with the landlord numbers
 * of `landlord_ref` turned into pseudonyms by the same keyed hash, under the
 * same borough key, as the landlord identifiers of the raw exports
 * (`housing_benefit`'s `Landlord Id`), so that one landlord has one ref in
 * every table of the drop. A record whose field count differs from the
 * header's is written with its UPRN field only: it stays malformed (the
 * drop's validation quarantines it as such) and nothing else of it, a
 * landlord's number perhaps, reaches the drop.
 *
 * @example
 *   writePropertiesFromGazetteer('llpg/properties.csv', 'drop/E09000012/properties.csv', pseudonymiser);
 *   // { rows: 104213, droppedColumns: ['owner_name'] }
 */
export function writePropertiesFromGazetteer(path: string, target: string, pseudonymiser: Pseudonymiser | undefined): PropertiesFromGazetteer {
  const records = new RawCsvReader(path).records();
  const first = records.next();
  const header = first.done ? [] : first.value.fields.map((h) => h.trim());
  const standard = loadSchema().table('properties').columns.map((c) => c.name);
  const columns = standard.filter((c) => header.includes(c));
  const at = columns.map((c) => header.indexOf(c));
  const landlordSlot = columns.indexOf(GAZETTEER_LANDLORD_COLUMN);
  const uprnAt = header.indexOf('uprn');
  const writer = new CsvTableWriter(target, columns);
  for (let next = records.next(); !next.done; next = records.next()) {
    const fields = next.value.fields;
    if (fields.length !== header.length) {
      writer.writeRawLine(csvField(fields[uprnAt] ?? ''));
      continue;
    }
    const values = at.map((i) => fields[i] ?? '');
    if (landlordSlot >= 0) {
      const landlord = (values[landlordSlot] as string).trim();
      if (landlord !== '') {
        if (!pseudonymiser) throw new Error(`No key to pseudonymise the gazetteer's ${GAZETTEER_LANDLORD_COLUMN}`);
        values[landlordSlot] = pseudonymiser.pseudonym(PSEUDONYM_KIND.landlord_ref as PseudonymKind, landlord);
      }
    }
    writer.writeRawLine(values.map(csvField).join(','));
  }
  writer.close();
  return { rows: writer.rows, droppedColumns: header.filter((h) => !standard.includes(h)) };
}
