import { existsSync, statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { harmoniseMessages } from '../../messages/harmonise.js';
import { loadSchema } from '../../standard/schema.js';
import { HarmoniseError } from '../../errors/HarmoniseError.js';
import { RawCsvReader } from '../read/RawCsvReader.js';

const UPRN = /^[1-9][0-9]{0,11}$/;

export interface GazetteerSummary {
  /** Rows read after the header. */
  readonly rows: number;
  /** Properties loaded for matching (a valid UPRN and an address, first row of each UPRN). */
  readonly properties: number;
  /** True when the header has every required column of the standard's properties.csv (it can be the drop's spine). */
  readonly isPropertiesTable: boolean;
  readonly header: readonly string[];
  readonly uprns: ReadonlySet<string>;
}

/**
 * Loads the borough's gazetteer (a `properties.csv` of the standard: at
 * least uprn, address, postcode; any encoding) into `table` of `conn` for the
 * address matcher: one row per valid UPRN (the first), address and postcode
 * as written.
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
  await conn.run(`CREATE OR REPLACE TABLE ${table} (uprn VARCHAR, address VARCHAR, postcode VARCHAR)`);
  const appender = await conn.createAppender(table);
  const uprns = new Set<string>();
  let rows = 0;
  for (let next = records.next(); !next.done; next = records.next()) {
    rows += 1;
    const fields = next.value.fields;
    const uprn = fields[uprnAt] ?? '';
    const address = fields[addressAt] ?? '';
    if (!UPRN.test(uprn) || address.trim() === '' || uprns.has(uprn)) continue;
    uprns.add(uprn);
    appender.appendVarchar(uprn);
    appender.appendVarchar(address);
    const postcode = (fields[postcodeAt] ?? '').trim();
    if (postcode === '') appender.appendNull();
    else appender.appendVarchar(postcode);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
  if (uprns.size === 0) throw new HarmoniseError(harmoniseMessages.gazetteerEmpty(path), 1);
  return { rows, properties: uprns.size, isPropertiesTable: required.every((c) => header.includes(c)), header, uprns };
}
