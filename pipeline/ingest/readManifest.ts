import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestMessages } from '../messages/ingest.js';
import { loadSchema, type TableName } from '../standard/schema.js';
import { isCalendarDate } from './isCalendarDate.js';

/** One table the manifest lists, with a usable entry. */
export interface ListedTable {
  table: TableName;
  /** The plain file name inside the borough's folder. */
  file: string;
  rows: number;
}

/** What a borough's manifest says, and what is wrong with it (each error fails the borough). */
export interface ManifestReading {
  boroughName: string | null;
  standard: string | null;
  extractDate: string | null;
  tables: ListedTable[];
  errors: string[];
  warnings: string[];
}

/**
 * Reads and checks `<drop>/<folder>/manifest.json` against section 1 and 4.1
 * of the standard: London GSS folder and `borough_code` that agree, known
 * `standard`, a real `extract_date`, every required table listed, each `file`
 * a plain name (no path) and each `rows` a JSON integer. Unknown table names
 * are warnings. Does not look at the CSV files.
 *
 * @example
 *   const manifest = readManifest('drop/E09000007', 'E09000007');
 *   manifest.errors; // [] when the manifest is fine
 */
export function readManifest(boroughDir: string, folder: string): ManifestReading {
  const schema = loadSchema();
  const reading: ManifestReading = { boroughName: null, standard: null, extractDate: null, tables: [], errors: [], warnings: [] };
  const { errors, warnings } = reading;
  if (!schema.isLondonBorough(folder)) errors.push(ingestMessages.notLondonFolder(folder));
  const display = `${folder}/manifest.json`;
  const path = join(boroughDir, 'manifest.json');
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    errors.push(ingestMessages.manifestMissing(display));
    return reading;
  }
  if (!stat.isFile()) {
    errors.push(ingestMessages.manifestNotPlainFile(display));
    return reading;
  }
  let manifest: unknown;
  try {
    // A leading byte-order mark is accepted, as it is in the CSV files (section 2).
    manifest = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    errors.push(ingestMessages.manifestNotJson(display, error instanceof Error ? error.message : String(error)));
    return reading;
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    errors.push(ingestMessages.manifestNotObject(display));
    return reading;
  }
  const m = manifest as Record<string, unknown>;
  if (m.standard !== schema.standard) errors.push(ingestMessages.unknownStandard(display, m.standard, schema.standard));
  else reading.standard = schema.standard;
  if (typeof m.borough_code !== 'string' || !schema.isLondonBorough(m.borough_code)) {
    errors.push(ingestMessages.badBoroughCode(display, m.borough_code));
  } else if (m.borough_code !== folder) {
    errors.push(ingestMessages.boroughCodeMismatch(display, m.borough_code, folder));
  }
  if (typeof m.borough_name === 'string') reading.boroughName = m.borough_name;
  if (typeof m.extract_date === 'string' && isCalendarDate(m.extract_date)) reading.extractDate = m.extract_date;
  else errors.push(ingestMessages.badExtractDate(display, m.extract_date));

  const tables = m.tables;
  if (tables === null || typeof tables !== 'object' || Array.isArray(tables)) {
    errors.push(ingestMessages.tablesNotObject(display));
    return reading;
  }
  for (const [name, entry] of Object.entries(tables as Record<string, unknown>)) {
    if (!schema.hasTable(name)) {
      warnings.push(ingestMessages.unknownTable(display, name));
      continue;
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      errors.push(ingestMessages.tableEntryInvalid(display, name));
      continue;
    }
    const { file, rows } = entry as Record<string, unknown>;
    let usable = true;
    if (typeof file !== 'string' || file === '' || file === '.' || file === '..') {
      errors.push(ingestMessages.tableFileInvalid(display, name, file));
      usable = false;
    } else if (/[/\\]/.test(file) || file.includes('\0')) {
      errors.push(ingestMessages.tableFileIsPath(display, name, file));
      usable = false;
    }
    if (typeof rows !== 'number' || !Number.isSafeInteger(rows) || rows < 0) {
      errors.push(ingestMessages.tableRowsInvalid(display, name, rows));
      usable = false;
    }
    if (usable) reading.tables.push({ table: name, file: file as string, rows: rows as number });
  }
  for (const spec of schema.tables) {
    if (spec.required && !Object.prototype.hasOwnProperty.call(tables, spec.name)) {
      errors.push(ingestMessages.requiredTableNotListed(display, spec.name));
    }
  }
  // The spine first: the other tables' unmatched_uprn check needs its accepted UPRNs.
  const order = schema.tables.map((t) => t.name);
  reading.tables.sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
  return reading;
}
