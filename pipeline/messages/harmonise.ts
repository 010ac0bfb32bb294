/** Messages of `hmo harmonise` (raw exports → a standard drop). */
const n = (count: number) => count.toLocaleString('en-GB');
const s = (count: number) => (count === 1 ? '' : 's');

export const harmoniseMessages = {
  // --- usage and inputs
  rawNotFolder: (raw: string) => `--raw ${raw} is not a folder. Name the folder that holds one borough's raw exports (CSV files).`,
  noRawFiles: (raw: string, extensions: readonly string[]) =>
    `--raw ${raw} holds no file hmo harmonise reads (${extensions.join(', ')}). Save each export as CSV (or an Excel .xlsx workbook) into that folder and run again.`,
  spreadsheetSkipped: (name: string) =>
    `${name} is a spreadsheet in a format that is not read: open it and save it as an Excel workbook (.xlsx), or each sheet as "CSV UTF-8", into the same folder, then run again.`,
  fileSkipped: (name: string, extensions: readonly string[]) => `${name} is not a file hmo harmonise reads (${extensions.join(', ')}): skipped.`,
  workbookUnreadable: (path: string, detail: string) =>
    `${path} cannot be read as an Excel workbook (.xlsx): ${detail}. Open it in a spreadsheet and save it again as .xlsx, or save each sheet as CSV.`,
  workbookEvidence: (sheet: string) => `an Excel workbook (.xlsx), sheet "${sheet}": cells read as written, numbers as stored, date cells as YYYY-MM-DD`,
  sheetMissing: (file: string, sheet: string, sheets: readonly string[]) =>
    `${file} has no sheet ${JSON.stringify(sheet)} (its sheets: ${sheets.map((x) => JSON.stringify(x)).join(', ') || 'none'}). The workbook changed: run hmo harmonise suggest again.`,
  unknownBorough: (code: string) => `--borough ${JSON.stringify(code)} is not a London GSS code (E09000001 … E09000033).`,
  badExtractDate: (value: string) => `--extract-date ${JSON.stringify(value)} is not a date written YYYY-MM-DD.`,
  noExtractDate: () =>
    'No extract date could be found: no file name carries a date and no date column could be read. Run again with --extract-date YYYY-MM-DD (the day the exports were taken).',
  profiling: (name: string) => `Profiling ${name}`,
  extractDateAssumption: (date: string, evidence: string) =>
    `The extract date (the as-of date of the whole drop) is taken as ${date}, from ${evidence}. No record may be dated after it.`,
  noAddressNoUprn: () => 'No column holds a UPRN or an address, so rows cannot be tied to a property: map an address column (to: address) or a UPRN column (to: uprn).',
  noSourceNoFill: (table: string, column: string) =>
    `No column feeds ${table}.${column}, which the standard requires, and nothing can honestly stand in for it: map a column to ${column}, or set the file's table to skip.`,
  fillAssumption: (table: string, column: string, fill: { value?: string; from?: string; plus_years?: number }, rawColumn: string | undefined, rows: number, total: number, why: string) => {
    const what = fill.value !== undefined ? `"${fill.value}"` : fill.from === 'line' ? 'a reference made of the file name and line' : `the extract date${fill.plus_years ? ` plus ${fill.plus_years} years` : ''}`;
    const where = rawColumn === undefined ? `No column feeds ${table}.${column}` : `${n(rows)} of ${n(total)} rows have no value in "${rawColumn}" (${table}.${column})`;
    return `${where}: ${rawColumn === undefined ? 'every row' : 'those rows'} get${rawColumn === undefined ? 's' : ''} ${what} (${why}).`;
  },
  suggestWritten: (out: string, files: number, assumptions: number, unmapped: number) =>
    `Wrote ${out}: ${files} file${s(files)} mapped. Review it${assumptions > 0 ? `, confirm the ${assumptions} assumption${s(assumptions)} (confirmed: true)` : ''}${unmapped > 0 ? `, say what the ${unmapped} UNMAPPED value${s(unmapped)} mean` : ''}, then run hmo harmonise apply.`,
  keyFileMissing: (path: string) =>
    `--key-file ${path} cannot be read. Make the borough's key once with: hmo harmonise keygen --out ${path} (keep it secret and use it for every drop).`,
  keyFileBad: (path: string) => `--key-file ${path} does not hold a key (64 hex digits, as written by hmo harmonise keygen).`,
  keyFileExists: (path: string) => `${path} already exists: a key is never overwritten (pseudonyms made with it would no longer match). Name another file.`,
  keyFileUnwritable: (path: string, detail: string) => `Cannot write the key to ${path}: ${detail}`,
  keyWritten: (path: string) =>
    `Wrote a new pseudonym key to ${path} (readable by you only). Keep it secret, back it up, and pass it to every hmo harmonise apply of this borough with --key-file ${path}: the same key gives the same pseudonyms across drops.`,
  keyNeeded: (columns: readonly string[]) =>
    `The mapping feeds people's identifiers (${columns.join(', ')}), which become keyed pseudonyms: pass --key-file FILE (make one with hmo harmonise keygen --out FILE).`,
  // --- apply
  unconfirmed: (statements: readonly string[]) =>
    `The mapping has ${statements.length} assumption${s(statements.length)} not yet confirmed. Read each, then set confirmed: true (or change what it fills) and run again:\n${statements.map((t) => `  - ${t}`).join('\n')}`,
  fileNotInMapping: (name: string) => `${name} is not in the mapping and is not read: run hmo harmonise suggest again to map it, or leave it out of the folder.`,
  mappedFileMissing: (name: string, raw: string) => `The mapping names ${name}, which is not in ${raw}. Put the file back, or set its table to skip.`,
  outIsFile: (out: string) => `--out ${out} is a file; name a folder (it receives drop/, matches/, rejected/ and the report).`,
  noGazetteer: (path: string) =>
    `--gazetteer ${path} is missing. Address matching needs the borough's gazetteer: a properties.csv of the standard (uprn, address, postcode and the other properties columns), e.g. from the LLPG.`,
  gazetteerColumns: (path: string, header: readonly string[]) =>
    `--gazetteer ${path} must have the columns uprn, address and postcode (lower case, as in the standard's properties.csv); its header is ${header.map((h) => JSON.stringify(h)).join(', ') || '(empty)'}.`,
  gazetteerEmpty: (path: string) => `--gazetteer ${path} has no row with a valid UPRN and an address: nothing to match against.`,
  gazetteerNotProperties: (path: string, header: readonly string[]) =>
    `--gazetteer ${path} has only ${header.join(', ')}: the drop needs a properties.csv with the standard's required columns (uprn, address, postcode, ward_code, property_type, council_tax_band, tenure). Give a gazetteer in that form, or map a raw properties export (table: properties).`,
  gazetteerLandlordsLookHashed: (path: string, rows: number) =>
    `--gazetteer ${path}: all ${n(rows)} landlord_ref values look like pseudonyms already (16 hex digits). The gazetteer should carry the council's own landlord numbers, as its exports do: apply hashes them under the borough's key, as it hashes the exports' landlord identifiers, so that one landlord has one ref in every table. These are hashed again, and will link to no landlord of the exports; give the gazetteer from the council's systems, not a drop's properties.csv.`,
  gazetteerColumnsLeft: (path: string, columns: readonly string[]) =>
    `--gazetteer ${path}: column${s(columns.length)} ${columns.map((c) => JSON.stringify(c)).join(', ')} ${columns.length === 1 ? 'is' : 'are'} not of the standard's properties.csv and ${columns.length === 1 ? 'is' : 'are'} not carried into the drop.`,
  continuationEvidence: (rows: number) =>
    `${n(rows)} row${s(rows)} continue${rows === 1 ? 's' : ''} the record above (a record split over two rows by a PDF conversion: nothing in the first column, the rest of a wrapped cell, then the record's missing values shifted left): read joined to it`,
  joinedTo: (line: number) => `the rest of the record on line ${line}, split over two rows by a PDF conversion: joined to it (its values are in that record)`,
  applying: (name: string, table: string) => `Reading ${name} → ${table}`,
  matching: (addresses: number, properties: number) => `Matching ${n(addresses)} distinct address${addresses === 1 ? '' : 'es'} against ${n(properties)} properties of the gazetteer`,
  validating: (dir: string) => `Validating ${dir} as hmo validate does`,
  columnsMissing: (name: string, line: number, missing: readonly string[], header: readonly string[]) =>
    `${name}, header on line ${line}: the mapping names column${s(missing.length)} ${missing.map((k) => JSON.stringify(k)).join(', ')}, which the file does not have (its columns: ${header.map((k) => JSON.stringify(k)).join(', ')}). Was the export changed? Run hmo harmonise suggest again, or fix the names in the mapping.`,
  columnsNotInMapping: (name: string, extra: readonly string[]) =>
    `${name}: column${s(extra.length)} ${extra.map((k) => JSON.stringify(k)).join(', ')} ${extra.length === 1 ? 'is' : 'are'} not in the mapping and ${extra.length === 1 ? 'is' : 'are'} not carried.`,
  noHeader: (name: string, line: number) => `${name} has no header on line ${line} (the mapping's header_line): the file is empty or shorter than that.`,
  noMatch: (address: string, postcode: string, score: number) =>
    `no property of the gazetteer matches "${address}"${postcode ? ` (${postcode})` : ''} (best score ${Math.round(score * 1000) / 1000}): not in the gazetteer, or too different to be sure`,
  reviewedNone: () => 'a person decided (review sheet) that no property of the gazetteer is this address',
  duplicateOf: (first: string) => `the same row as ${first} once harmonised`,
  decisionUnknownUprn: (file: string, line: number, uprn: string) => `Review decisions, ${file} line ${line}: UPRN ${uprn} is not in the gazetteer: the decision is ignored.`,
  decisionStale: (file: string, line: number) =>
    `Review decisions, ${file} line ${line}: the sheet's raw_address differs from the raw row now on that line (the export changed?): the decision is ignored.`,
  decisionsMissing: (path: string) => `--decisions ${path} cannot be read: name a filled-in review sheet (matches/<GSS>/<file>.csv) or its folder.`,
  decisionsColumns: (sheet: string) => `${sheet} is not a review sheet: it needs the columns line and uprn (and raw_address, decision).`,
  decisionsBadLine: (sheet: string, line: number, value: string) => `${sheet}, line ${line}: "${value}" in column line is not a line number.`,
  decisionsBadUprn: (sheet: string, line: number, value: string) => `${sheet}, line ${line}: "${value}" in column uprn is neither a UPRN (1-12 digits) nor none.`,
  applied: (out: string, code: string, written: number, review: number, rejected: number, valid: boolean | null) =>
    `Wrote ${out}/drop/${code} (${n(written)} row${s(written)}); ${n(review)} row${s(review)} to review in ${out}/matches/${code}/, ${n(rejected)} rejected (${out}/rejected/${code}/); report: ${out}/harmonise_report.html${valid === null ? '' : valid ? '; the drop passes hmo validate' : '; the drop FAILS hmo validate: see the report'}.`,
  outExists: (out: string) => `${out} already exists: a mapping you may have reviewed is never overwritten. Name another file, or remove it first.`,
};

/** Messages about reading a mapping file. */
export const mappingMessages = {
  notFound: (path: string) => `--mapping ${path} cannot be read. Draft one with hmo harmonise suggest --raw DIR --borough GSS --out ${path}.`,
  notYaml: (path: string, detail: string) => `${path} is not valid YAML: ${detail}`,
  bad: (path: string, key: string, problem: string) => `${path}: ${key}: ${problem}.`,
};

/** Why apply rejected a raw row (the `detail` of rejected/<GSS>/<file>.csv). */
export const rejectionMessages = {
  fieldCount: (fields: number, header: number) => `${fields} field${s(fields)} where the header has ${header}: a record split, shifted or cut (a PDF conversion?)`,
  empty: (column: string, target: string) => `"${column}" (${target}) is empty, and no confirmed assumption fills it`,
  noSource: (target: string) => `no column feeds ${target}, and no confirmed assumption fills it`,
  emptyUprn: (column: string) => `"${column}" (uprn) is empty and no address column is mapped`,
  badUprn: (value: string) => `"${value}" is not a UPRN (1 to 12 digits, no leading zero)`,
  noAddress: () => 'no UPRN and no address: the row cannot be tied to a property',
  unmappedValue: (value: string, column: string, target: string) => `"${value}" in "${column}" is not in the mapping's values for ${target}: add it (to a standard value or null)`,
  unknownEnum: (value: string, column: string, target: string) => `"${value}" in "${column}" is UNMAPPED in the mapping: say which ${target} it means`,
  badDate: (value: string, column: string, forms: readonly string[]) => `"${value}" in "${column}" is not a real date in the form${forms.length === 1 ? '' : 's'} ${forms.join(', ')}`,
  notInteger: (value: string, column: string) => `"${value}" in "${column}" is not a whole number`,
  notNumber: (value: string, column: string) => `"${value}" in "${column}" is not a number`,
};
