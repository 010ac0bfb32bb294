import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { HarmoniseError } from '../../errors/HarmoniseError.js';
import { harmoniseMessages } from '../../messages/harmonise.js';
import { silentContext, type StageContext } from '../../stage.js';
import { RawCsvReader } from './RawCsvReader.js';
import type { RawTable, RawTableOptions } from './RawTable.js';
import { readWorkbook, sheetHasData, XlsxSheetReader } from './XlsxSheetReader.js';

/**
 * A kind of raw file `hmo harmonise` reads. A file may hold several sources
 * (a workbook's sheets): each is named as the mapping names it, and the
 * report, the review sheet and the rejections are named after it.
 */
export interface RawReaderKind {
  /** Short name (`csv`, `xlsx`), also `RawTable.format`. */
  readonly name: string;
  /** File extensions it reads, lower case with the dot. */
  readonly extensions: readonly string[];
  /** The sources a file of this kind holds, as the mapping names them (a CSV: the file name). */
  sources(dir: string, file: string): Promise<string[]>;
  /** The file a source name of this kind lives in, or undefined when the name is not one of this kind's. */
  fileOf(source: string): string | undefined;
  /** Opens a source for reading. */
  open(dir: string, source: string, options: RawTableOptions): Promise<RawTable>;
}

/** Delimited text, streamed (any common encoding, line end and delimiter: RawCsvReader). */
const csvKind: RawReaderKind = {
  name: 'csv',
  extensions: ['.csv', '.tsv', '.txt', '.tab', '.psv'],
  sources: async (_dir, file) => [file],
  fileOf: (source) => (csvKind.extensions.includes(extname(source).toLowerCase()) ? source : undefined),
  // Neither given: detected (suggest); apply gives what the mapping says.
  open: async (dir, source, options) => new RawCsvReader(join(dir, source), { ...(options.encoding ? { encoding: options.encoding } : {}), ...(options.delimiter ? { delimiter: options.delimiter } : {}) }),
};

/** `register.xlsx [Licences]`: a sheet of a workbook that has several with data. */
const SHEET_SOURCE = /^(.*\.xlsx) \[([^\]]+)\]$/i;

/**
 * Excel workbooks (.xlsx), read with read-excel-file: each sheet with data is
 * a source, named as the file when it is the only one, else
 * `<file> [<sheet>]` (square brackets cannot be in a sheet's name).
 */
const xlsxKind: RawReaderKind = {
  name: 'xlsx',
  extensions: ['.xlsx'],
  sources: async (dir, file) => {
    const withData = (await readWorkbook(join(dir, file))).filter(sheetHasData);
    if (withData.length <= 1) return [file];
    return withData.map((sheet) => `${file} [${sheet.name}]`);
  },
  fileOf: (source) => SHEET_SOURCE.exec(source)?.[1] ?? (extname(source).toLowerCase() === '.xlsx' ? source : undefined),
  open: async (dir, source) => {
    const bySheet = SHEET_SOURCE.exec(source);
    const file = bySheet?.[1] ?? source;
    const sheets = await readWorkbook(join(dir, file));
    const sheet = bySheet ? sheets.find((s) => s.name === bySheet[2]) : (sheets.find(sheetHasData) ?? sheets[0]);
    if (!sheet) throw new HarmoniseError(harmoniseMessages.sheetMissing(file, bySheet?.[2] ?? '', sheets.map((s) => s.name)), 1);
    return new XlsxSheetReader(join(dir, file), sheet);
  },
};

/** The reader kinds, in the order they are asked. Add a kind with `registerRawReader`, not by editing callers. */
const RAW_READERS: RawReaderKind[] = [csvKind, xlsxKind];

/**
 * Adds a reader kind (its extensions must be new).
 *
 * @example
 *   registerRawReader({ name: 'ods', extensions: ['.ods'], sources: ..., fileOf: ..., open: ... });
 */
export function registerRawReader(kind: RawReaderKind): void {
  const taken = kind.extensions.filter((e) => RAW_READERS.some((k) => k.extensions.includes(e)));
  if (taken.length > 0) throw new Error(`A raw reader for ${taken.join(', ')} is already registered`);
  RAW_READERS.push(kind);
}

/** Every extension some reader kind reads (for messages). */
export function readableExtensions(): string[] {
  return RAW_READERS.flatMap((k) => k.extensions);
}

/** Spreadsheet formats no reader reads: named in a warning (save them as CSV or .xlsx). */
export const UNREAD_SHEET_EXTENSIONS = ['.xls', '.xlsm', '.xlsb', '.ods'];

/**
 * Every source of DIR to read, sorted by file name (a workbook's sheets in
 * their order); hidden files and folders are left out, other files named in
 * a warning.
 *
 * @example
 *   await listRawSources('exports/hackney'); // ['council_tax.csv', 'hmo_register.xlsx [Additional]', 'hmo_register.xlsx [Mandatory]']
 */
export async function listRawSources(raw: string, ctx: StageContext = silentContext): Promise<string[]> {
  let names: string[];
  try {
    if (!statSync(raw).isDirectory()) throw new HarmoniseError(harmoniseMessages.rawNotFolder(raw), 2);
    names = readdirSync(raw);
  } catch (error) {
    if (error instanceof HarmoniseError) throw error;
    throw new HarmoniseError(harmoniseMessages.rawNotFolder(raw), 2);
  }
  const sources: string[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    if (!statSync(join(raw, name)).isFile()) continue;
    const ext = extname(name).toLowerCase();
    const kind = RAW_READERS.find((k) => k.extensions.includes(ext));
    if (kind) sources.push(...(await kind.sources(raw, name)));
    else if (UNREAD_SHEET_EXTENSIONS.includes(ext)) ctx.log.warn(harmoniseMessages.spreadsheetSkipped(name));
    else ctx.log.warn(harmoniseMessages.fileSkipped(name, readableExtensions()));
  }
  if (sources.length === 0) throw new HarmoniseError(harmoniseMessages.noRawFiles(raw, readableExtensions()), 1);
  return sources;
}

/** The file of DIR a source name lives in (the name itself for a CSV), or undefined when no kind claims it. */
export function rawSourceFile(source: string): string | undefined {
  for (const kind of RAW_READERS) {
    const file = kind.fileOf(source);
    if (file !== undefined) return file;
  }
  return undefined;
}

/**
 * Opens one source of DIR (a name `listRawSources` gave) with its reader kind.
 *
 * @example
 *   const table = await openRawSource('exports/hackney', 'hmo_register.csv', { encoding: 'windows-1252', delimiter: ';' });
 */
export async function openRawSource(raw: string, source: string, options: RawTableOptions = {}): Promise<RawTable> {
  for (const kind of RAW_READERS) if (kind.fileOf(source) !== undefined) return kind.open(raw, source, options);
  throw new HarmoniseError(harmoniseMessages.fileSkipped(source, readableExtensions()), 2);
}
