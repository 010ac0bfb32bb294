/**
 * Messages of ingest and validation: why a borough failed (naming the file,
 * and the line and column where there is one), warnings, and the summary
 * printed by `hmo ingest` / `hmo validate`.
 */
export const ingestMessages = {
  // Folder and manifest (section 1 of the standard).
  notLondonFolder: (folder: string) =>
    `${JSON.stringify(folder)}: the folder name is not the GSS code of a London borough (E09000001 … E09000033); rename it to its borough's code, or move it out of the drop`,
  manifestMissing: (file: string) => `${file}: the manifest is missing`,
  manifestNotPlainFile: (file: string) => `${file}: the manifest is not a plain file (a folder or a symbolic link)`,
  manifestNotJson: (file: string, detail: string) => `${file}: the manifest is not JSON (${detail})`,
  manifestNotObject: (file: string) => `${file}: the manifest must be a JSON object`,
  unknownStandard: (file: string, value: unknown, expected: string) =>
    `${file}: "standard" is ${JSON.stringify(value)}; this reader knows "${expected}"`,
  badBoroughCode: (file: string, value: unknown) =>
    `${file}: "borough_code" ${JSON.stringify(value)} is not the GSS code of a London borough`,
  boroughCodeMismatch: (file: string, value: string, folder: string) =>
    `${file}: "borough_code" is ${value} but the folder is ${folder}`,
  badExtractDate: (file: string, value: unknown) =>
    `${file}: "extract_date" ${JSON.stringify(value)} is not a date written YYYY-MM-DD`,
  tablesNotObject: (file: string) => `${file}: "tables" must be an object of table name → { file, rows }`,
  tableEntryInvalid: (file: string, table: string) =>
    `${file}: tables.${table} must be an object { "file": "<name>.csv", "rows": <integer> }`,
  tableFileInvalid: (file: string, table: string, value: unknown) =>
    `${file}: tables.${table}.file ${JSON.stringify(value)} is not a file name`,
  tableFileIsPath: (file: string, table: string, value: string) =>
    `${file}: tables.${table}.file ${JSON.stringify(value)} is a path; it must be a plain file name inside the borough's folder`,
  tableRowsInvalid: (file: string, table: string, value: unknown) =>
    `${file}: tables.${table}.rows ${JSON.stringify(value)} is not a JSON integer ≥ 0`,
  requiredTableNotListed: (file: string, table: string) => `${file}: the required table "${table}" is not listed in "tables"`,
  unknownTable: (file: string, table: string) => `${file}: unknown table "${table}" in "tables" is ignored`,
  // Files (section 2 and 4.1).
  fileMissing: (file: string) => `${file}: the file listed in the manifest is missing`,
  fileNotPlain: (file: string) => `${file}: not a plain file (a folder, a symbolic link or a device); a drop holds plain files`,
  notUtf8: (file: string, line: number) => `${file}: line ${line}: the file is not valid UTF-8`,
  noHeader: (file: string) => `${file}: no header row (the file is empty, or holds only a byte-order mark or blank lines)`,
  unclosedQuote: (file: string, line: number) =>
    `${file}: line ${line}: a quote opened here is never closed (it would swallow every line after it)`,
  textAfterQuote: (file: string, line: number, column: string) =>
    `${file}: line ${line}, column ${column}: text after the closing quote of a quoted field`,
  rowsMismatch: (file: string, stated: number, found: number) =>
    `${file}: the manifest says "rows": ${stated} but the file holds ${found} records`,
  repeatedColumn: (file: string, line: number, column: string) =>
    `${file}: line ${line}: the column "${column}" appears more than once in the header`,
  requiredColumnMissing: (file: string, column: string) => `${file}: the required column "${column}" is missing from the header`,
  personalDataColumn: (file: string, column: string) =>
    `${file}: the header holds "${column}", a personal-data column; a drop must never hold names, dates of birth, NI numbers, phone numbers or e-mail addresses`,
  unknownColumn: (file: string, column: string) => `${file}: unknown column "${column}" is ignored`,
  personalLookingColumn: (file: string, column: string) =>
    `${file}: the unknown column "${column}" looks like personal data; check that the drop is pseudonymised (the column is ignored)`,
  // Should never happen: what the byte-level pass and DuckDB saw disagree.
  fileChanged: (file: string) => `${file}: the file changed while it was being read; run again on a drop that is not being written`,
  recordCountDisagrees: (file: string, duckdb: number, standard: number) =>
    `${file}: DuckDB read ${duckdb} records where the standard counts ${standard} (a bug in ingest; please report it with the file)`,
  // Drop level.
  notBoroughFolderName: (name: string) => `"${name}" is not the name of a folder of the drop`,
  dropMissing: (drop: string) => `The drop folder ${drop} does not exist or is not a folder`,
  noBoroughs: (drop: string) =>
    `The drop folder ${drop} holds no borough folders (one sub-folder per borough, named by its GSS code, e.g. E09000007): is --drop the right folder?`,
  outInsideDrop: (out: string, drop: string) => `The output folder ${out} is inside the drop ${drop}; nothing may be written into a drop`,
  // Progress and summary.
  ingesting: (borough: string) => `Ingesting ${borough}`,
  summaryHeader: (standard: string, ok: number, failed: number) =>
    `${standard}: ${ok} borough(s) usable, ${failed} failed`,
  boroughLine: (code: string, name: string | null, status: 'ok' | 'failed') =>
    `${code}${name ? ` ${name}` : ''}: ${status === 'ok' ? 'ok' : 'FAILED'}`,
  tableLine: (table: string, read: number, accepted: number, quarantined: number, reasons: string) =>
    `  ${table.padEnd(19)} read ${String(read).padStart(9)}  accepted ${String(accepted).padStart(9)}  quarantined ${String(quarantined).padStart(8)}${reasons ? `  (${reasons})` : ''}`,
  errorLine: (error: string) => `  error: ${error}`,
  warningLine: (warning: string) => `  warning: ${warning}`,
  wrote: (out: string) => `Wrote ${out} (quality report: quality/report.html)`,
  validateDone: (failed: number) =>
    failed === 0 ? 'The drop follows hmo-harmonised/1.0.' : `${failed} borough(s) fail hmo-harmonised/1.0; see the errors above.`,
} as const;
