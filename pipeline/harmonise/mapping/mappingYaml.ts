import { readFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { loadSchema } from '../../standard/schema.js';
import { mappingMessages } from '../../messages/harmonise.js';
import { HarmoniseError } from '../../errors/HarmoniseError.js';
import { isDateForm } from '../values/dateForms.js';
import { UNMAPPED, type Assumption, type ColumnMapping, type FileMapping, type Mapping } from './Mapping.js';

const HEADER = `# hmo harmonise mapping: from one borough's raw exports to hmo-harmonised/1.0.
# Drafted by \`hmo harmonise suggest\`; review it, then run \`hmo harmonise apply\`.
#  - files.<file>.table: the standard table the file feeds (or skip).
#  - columns.<raw column>.to: a standard column, address / postcode (matched to a UPRN),
#    drop (names and contact details of people: never carried) or ignore.
#  - values: every distinct raw value of a coded column -> a standard value, null (missing)
#    or UNMAPPED (a person must say; rows holding it are rejected until then).
#  - date_forms: the date forms read, tried in order.
#  - assumptions: what fills what a source lacks. Read each statement and set
#    confirmed: true (or change it); apply refuses unconfirmed assumptions.
#  - identifiers of people (*_ref, surname_key) are replaced by keyed hashes made with
#    the borough's key (--key-file); names are never written.
# Every guess has its evidence and a confidence (0-1): check the low ones first.
`;

/**
 * The mapping as the YAML a person reviews (comment header first).
 *
 * @example
 *   writeFileSync('hackney.yaml', mappingToYaml(mapping));
 */
export function mappingToYaml(mapping: Mapping): string {
  return HEADER + stringify(mapping, { lineWidth: 0, aliasDuplicateObjects: false });
}

/**
 * Reads and checks a mapping file; every problem names the file, the key and
 * what to write instead.
 *
 * @example
 *   const mapping = readMapping('hackney.yaml');
 */
export function readMapping(path: string): Mapping {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new HarmoniseError(mappingMessages.notFound(path), 2);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new HarmoniseError(mappingMessages.notYaml(path, error instanceof Error ? error.message : String(error)), 2);
  }
  return checkMapping(raw, path);
}

function fail(path: string, key: string, problem: string): never {
  throw new HarmoniseError(mappingMessages.bad(path, key, problem), 2);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a parsed mapping against the standard (tables, columns, enum values, date forms, fills). */
export function checkMapping(raw: unknown, path: string): Mapping {
  const schema = loadSchema();
  if (!isObject(raw)) fail(path, '(top)', 'the file is not a YAML mapping of keys');
  if (raw.mapping_version !== 1) fail(path, 'mapping_version', 'must be 1');
  if (raw.standard !== schema.standard) fail(path, 'standard', `must be "${schema.standard}"`);
  const code = raw.borough_code;
  if (typeof code !== 'string' || !schema.isLondonBorough(code)) fail(path, 'borough_code', `${JSON.stringify(code)} is not a London GSS code`);
  const extract = raw.extract_date;
  if (typeof extract !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(extract)) fail(path, 'extract_date', `${JSON.stringify(extract)} is not a date written YYYY-MM-DD`);
  if (!isObject(raw.files)) fail(path, 'files', 'must map each raw file name to its mapping');
  const files: Record<string, FileMapping> = {};
  for (const [name, value] of Object.entries(raw.files)) files[name] = checkFile(path, name, value);
  return {
    mapping_version: 1,
    standard: schema.standard,
    borough_code: code,
    borough_name: typeof raw.borough_name === 'string' ? raw.borough_name : (schema.borough(code)?.name ?? code),
    extract_date: extract,
    extract_date_evidence: typeof raw.extract_date_evidence === 'string' ? raw.extract_date_evidence : '',
    files,
    assumptions: checkAssumptions(path, 'assumptions', raw.assumptions),
  };
}

function checkFile(path: string, name: string, value: unknown): FileMapping {
  const schema = loadSchema();
  const at = `files.${name}`;
  if (!isObject(value)) fail(path, at, 'must be a mapping with table and columns');
  const table = value.table;
  if (table !== 'skip' && (typeof table !== 'string' || !schema.hasTable(table))) {
    fail(path, `${at}.table`, `${JSON.stringify(table)} is not a table of the standard (${schema.tables.map((t) => t.name).join(', ')}) nor skip`);
  }
  const spec = table === 'skip' ? undefined : schema.table(table);
  if (!isObject(value.columns)) fail(path, `${at}.columns`, 'must map each raw column to { to: … }');
  const columns: Record<string, ColumnMapping> = {};
  const targets = new Map<string, string>();
  for (const [key, column] of Object.entries(value.columns)) {
    const cat = `${at}.columns.${key}`;
    if (!isObject(column) || typeof column.to !== 'string') fail(path, cat, 'must have `to:` (a standard column, address, postcode, drop or ignore)');
    const to = column.to;
    const columnSpec = spec?.columns.find((c) => c.name === to);
    if (spec && !columnSpec && !['address', 'postcode', 'drop', 'ignore'].includes(to)) {
      fail(path, `${cat}.to`, `"${to}" is not a column of ${spec.name} (${spec.columns.map((c) => c.name).join(', ')}) nor address, postcode, drop or ignore`);
    }
    if (columnSpec || to === 'postcode') {
      const other = targets.get(to);
      if (other !== undefined) fail(path, `${cat}.to`, `"${to}" is also fed by "${other}": one raw column per standard column`);
      targets.set(to, key);
    }
    let dateForms: ColumnMapping['date_forms'];
    if (columnSpec?.type === 'date') {
      const forms = column.date_forms;
      if (!Array.isArray(forms) || forms.length === 0 || !forms.every((f) => typeof f === 'string' && isDateForm(f))) {
        fail(path, `${cat}.date_forms`, 'must list one or more date forms (YYYY-MM-DD, D/M/YYYY, M/D/YYYY, D/M/YY, D-M-YYYY, D.M.YYYY, YYYY/MM/DD, D MMM YYYY, MMM D, YYYY, JS date string, YYYY-MM-DD hh:mm:ss, YYYYMMDD, Excel serial)');
      }
      dateForms = forms as ColumnMapping['date_forms'];
    }
    let values: ColumnMapping['values'];
    if (columnSpec && (columnSpec.type === 'enum' || columnSpec.type === 'boolean')) {
      if (!isObject(column.values)) fail(path, `${cat}.values`, 'must map every raw value to a standard value, null or UNMAPPED');
      const allowed = columnSpec.type === 'boolean' ? ['true', 'false'] : (columnSpec.values ?? []);
      const checked: Record<string, string | null> = {};
      for (const [rawValue, target] of Object.entries(column.values)) {
        const text = typeof target === 'boolean' ? String(target) : target;
        if (text !== null && text !== UNMAPPED && (typeof text !== 'string' || !allowed.includes(text))) {
          fail(path, `${cat}.values.${JSON.stringify(rawValue)}`, `${JSON.stringify(target)} is not one of ${allowed.join(', ')}, null or ${UNMAPPED}`);
        }
        checked[rawValue] = text as string | null;
      }
      values = checked;
    }
    columns[key] = {
      to,
      confidence: typeof column.confidence === 'number' ? column.confidence : 1,
      evidence: typeof column.evidence === 'string' ? column.evidence : '',
      ...(dateForms ? { date_forms: dateForms } : {}),
      ...(values ? { values } : {}),
    };
  }
  const headerLine = value.header_line ?? 1;
  if (typeof headerLine !== 'number' || !Number.isInteger(headerLine) || headerLine < 1) fail(path, `${at}.header_line`, 'must be a line number (1 or more)');
  // Absent for a workbook's sheet; a CSV without them is read as UTF-8, comma-separated.
  const encoding = value.encoding;
  if (encoding !== undefined && !['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'].includes(encoding as string)) fail(path, `${at}.encoding`, 'must be utf-8, utf-16le, utf-16be or windows-1252');
  const delimiter = value.delimiter;
  if (delimiter !== undefined && ![',', ';', '\t', '|'].includes(delimiter as string)) fail(path, `${at}.delimiter`, 'must be ",", ";", a tab or "|"');
  const assumptions = checkAssumptions(path, `${at}.assumptions`, value.assumptions);
  if (spec) {
    for (const a of assumptions) {
      const target = spec.columns.find((c) => c.name === a.column);
      if (!target) fail(path, `${at}.assumptions`, `"${a.column}" is not a column of ${spec.name}`);
      if (a.fill?.value !== undefined) {
        const allowed = target.type === 'boolean' ? ['true', 'false'] : target.type === 'enum' ? (target.values ?? []) : undefined;
        if (allowed && !allowed.includes(a.fill.value)) fail(path, `${at}.assumptions.${a.column}.fill.value`, `${JSON.stringify(a.fill.value)} is not one of ${allowed.join(', ')}`);
      }
    }
  }
  return {
    table: table as FileMapping['table'],
    confidence: typeof value.confidence === 'number' ? value.confidence : 1,
    evidence: Array.isArray(value.evidence) ? value.evidence.map(String) : [],
    ...(encoding !== undefined ? { encoding: encoding as NonNullable<FileMapping['encoding']> } : {}),
    ...(delimiter !== undefined ? { delimiter: delimiter as NonNullable<FileMapping['delimiter']> } : {}),
    header_line: headerLine,
    rows: typeof value.rows === 'number' ? value.rows : 0,
    columns,
    assumptions,
  };
}

function checkAssumptions(path: string, at: string, value: unknown): Assumption[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(path, at, 'must be a list');
  return value.map((item, i) => {
    const where = `${at}[${i}]`;
    if (!isObject(item) || typeof item.column !== 'string') fail(path, where, 'must have `column:`');
    if (typeof item.confirmed !== 'boolean') fail(path, `${where}.confirmed`, 'must be true or false');
    let fill: Assumption['fill'];
    if (item.fill !== undefined && item.fill !== null) {
      if (!isObject(item.fill)) fail(path, `${where}.fill`, 'must be { value: … } or { from: extract_date | line, plus_years: N }');
      const f = item.fill;
      if (f.from !== undefined && f.from !== 'extract_date' && f.from !== 'line') fail(path, `${where}.fill.from`, 'must be extract_date or line');
      if (f.plus_years !== undefined && (typeof f.plus_years !== 'number' || !Number.isInteger(f.plus_years))) fail(path, `${where}.fill.plus_years`, 'must be a whole number');
      if (f.value === undefined && f.from === undefined) fail(path, `${where}.fill`, 'must have value or from');
      fill = {
        ...(f.value !== undefined ? { value: String(f.value) } : {}),
        ...(f.from !== undefined ? { from: f.from as 'extract_date' | 'line' } : {}),
        ...(f.plus_years !== undefined ? { plus_years: f.plus_years as number } : {}),
      };
    }
    const rows = item.rows === 'missing' ? 'missing' : item.rows === 'all' ? 'all' : undefined;
    return {
      column: item.column,
      ...(rows ? { rows } : {}),
      ...(fill ? { fill } : {}),
      statement: typeof item.statement === 'string' ? item.statement : '',
      confirmed: item.confirmed,
    };
  });
}
