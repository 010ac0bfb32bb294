/**
 * Hand-made drops for the conformance suite, written from the text of
 * docs/standard/hmo-harmonised-v1.md (the published page) and nothing else: this helper
 * does not reuse ingest's scanner, the generator or the ingest tests'
 * fixtures, so that a misreading of the standard shared by those cannot hide
 * here. Its record counter follows section 1's counting rules on its own
 * RFC 4180 parser.
 *
 * @example
 *   const ws = workspace();
 *   writeBorough(ws.drop, { files: { licences: tableText('licences', [row('licences', { scheme: 'HMO' })]) } });
 *   const run = await ingest(ws);
 *   (await verdicts(run, 'E09000007', 'licences')).get(2)?.reason; // 'unknown_enum'
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Duck, sqlString } from '../../pipeline/db/Duck.js';
import { ingestDrop } from '../../pipeline/ingest/ingestDrop.js';
import type { QualityReport } from '../../pipeline/writers/quality/writeQualityReport.js';
import { outputLayout } from '../../pipeline/layout.js';
import { runHmo } from '../helpers/runHmo.js';
import { silentContext } from '../../pipeline/stage.js';

export type Table = 'properties' | 'council_tax' | 'electoral_register' | 'licences' | 'inspections' | 'housing_benefit' | 'complaints';

export const REQUIRED_TABLES: readonly Table[] = ['properties', 'council_tax', 'electoral_register', 'licences', 'inspections'];

/** Distinctive pseudonyms, so a test can look for them in every output. */
export const SECRETS = { landlord: 'LLZQXSECRET01', account: 'ACZQXSECRET02', elector: 'ELZQXSECRET03', surname: 'SKZQXSECRET04', claim: 'CLZQXSECRET05' };

/** One valid row per table, column → text, in the order of section 3 (also the header order unless a test says otherwise). */
export const VALID_ROW: Record<Table, Record<string, string>> = {
  properties: {
    uprn: '1001', address: '1 Test Road', postcode: 'NW1 0AB', ward_code: 'E05000001', ward_name: 'Test Ward', easting: '528000', northing: '184000',
    property_type: 'house', built_form: 'terraced', habitable_rooms: '4', floor_area_m2: '80.5', epc_rating: 'D', year_built: '1900',
    council_tax_band: 'C', tenure: 'private-rented', landlord_ref: SECRETS.landlord,
  },
  council_tax: {
    uprn: '1001', account_ref: SECRETS.account, start_date: '2020-01-01', end_date: '', single_person_discount: 'false', student_exemption: 'false',
    liable_persons: '2',
  },
  electoral_register: { uprn: '1001', elector_ref: SECRETS.elector, surname_key: SECRETS.surname, registered_date: '2019-01-01', removed_date: '' },
  licences: { uprn: '1001', licence_ref: 'LIC/1', scheme: 'selective', start_date: '2021-01-01', end_date: '2031-01-01', max_occupants: '5', max_households: '2' },
  inspections: { uprn: '1001', inspection_date: '2022-06-01', outcome: 'hmo', trigger: 'complaint' },
  housing_benefit: {
    uprn: '1001', claim_ref: SECRETS.claim, start_date: '2021-01-01', end_date: '', weekly_rent: '150.00', shared_accommodation_rate: 'true',
    landlord_ref: SECRETS.landlord,
  },
  complaints: { uprn: '1001', received_date: '2023-01-01', category: 'noise' },
};

/** The columns of a table in the order of section 3 (the keys of its valid row). */
export function columnsOf(table: Table): string[] {
  return Object.keys(VALID_ROW[table]);
}

/** A row of `table`: the valid row with some fields replaced (texts are written as given: quote them yourself). */
export function row(table: Table, overrides: Record<string, string> = {}): Record<string, string> {
  return { ...VALID_ROW[table], ...overrides };
}

export interface TextOptions {
  /** Header names in file order (default: the table's columns); a row's fields follow it. */
  header?: string[];
  eol?: '\n' | '\r\n';
  finalBreak?: boolean;
  bom?: boolean;
}

/** CSV text of a table: header, then each row's fields in header order (a missing key is an empty field). */
export function tableText(table: Table, rows: Array<Record<string, string>>, options: TextOptions = {}): string {
  const header = options.header ?? columnsOf(table);
  const eol = options.eol ?? '\n';
  const lines = [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))];
  return `${options.bom ? '\ufeff' : ''}${lines.join(eol)}${options.finalBreak === false ? '' : eol}`;
}

/** One CSV line of `table`: the valid row with some fields replaced, in `header` order (default: the table's columns). */
export function csvLine(table: Table, overrides: Record<string, string> = {}, header: string[] = columnsOf(table)): string {
  const r = row(table, overrides);
  return header.map((h) => r[h] ?? '').join(',');
}

/** A file of `table`: its header (default: the table's columns), then the given lines, each ended by LF. */
export function fileOf(table: Table, lines: string[], header: string[] = columnsOf(table)): string {
  return [header.join(','), ...lines].map((l) => `${l}\n`).join('');
}

/** A record of a CSV text: the physical line it starts on (header = 1 when no blank line precedes it) and its fields. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 as section 2 states it, counting as section 1 does: a leading
 * BOM is dropped, LF or CRLF end a record, a line break inside quotes does
 * not, a completely empty line and the final line break are not records, a
 * quote inside an unquoted field is literal. Throws on an open quote or on
 * text after a closing quote.
 */
export function parseCsv(text: string): CsvRecord[] {
  const s = text.startsWith('\ufeff') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < s.length) {
    const start = line;
    // A completely empty line is not a record.
    if (s[i] === '\n') { line++; i++; continue; }
    if (s[i] === '\r' && s[i + 1] === '\n') { line++; i += 2; continue; }
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (s[i] === '"') {
        i++;
        for (;;) {
          if (i >= s.length) throw new Error(`open quote from line ${start}`);
          const c = s[i] as string;
          if (c === '"') {
            if (s[i + 1] === '"') { value += '"'; i += 2; continue; }
            i++;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        const next = s[i];
        if (next !== undefined && next !== ',' && next !== '\n' && !(next === '\r' && s[i + 1] === '\n')) throw new Error(`text after a closing quote on line ${line}`);
      } else {
        while (i < s.length && s[i] !== ',' && s[i] !== '\n' && !(s[i] === '\r' && s[i + 1] === '\n')) value += s[i++];
      }
      fields.push(value);
      if (s[i] === ',') { i++; continue; }
      break;
    }
    records.push({ line: start, fields });
    if (s[i] === '\r') i++;
    if (s[i] === '\n') { line++; i++; }
  }
  return records;
}

/** The `rows` section 1 asks the manifest to state for a CSV text: records after the header. */
export function standardRows(text: string): number {
  return Math.max(0, parseCsv(text).length - 1);
}

export interface BoroughFixture {
  /** Folder name (default E09000007). */
  code?: string;
  extractDate?: string;
  /** Table → file content; replaces the valid one-row file; `null` leaves the table out (file and manifest). */
  files?: Partial<Record<Table, string | Buffer | null>>;
  /** Rewrites the manifest object before it is written. */
  manifest?: (manifest: Record<string, any>) => unknown;
  /** Raw manifest text instead (or `null`: no manifest). */
  manifestText?: string | null;
  /** Other files to put in the folder (name → content). */
  extraFiles?: Record<string, string | Buffer>;
}

/** Writes a borough folder whose manifest `rows` are counted as the standard counts them; returns the folder. */
export function writeBorough(drop: string, fixture: BoroughFixture = {}): string {
  const code = fixture.code ?? 'E09000007';
  const dir = join(drop, code);
  mkdirSync(dir, { recursive: true });
  const tables: Record<string, { file: string; rows: number }> = {};
  for (const table of [...REQUIRED_TABLES, 'housing_benefit', 'complaints'] as Table[]) {
    const given = fixture.files?.[table];
    if (given === null) continue;
    const optional = table === 'housing_benefit' || table === 'complaints';
    if (given === undefined && optional) continue;
    const content = given ?? tableText(table, [row(table)]);
    writeFileSync(join(dir, `${table}.csv`), content);
    const text = typeof content === 'string' ? content : safeUtf8(content);
    tables[table] = { file: `${table}.csv`, rows: text === undefined ? 0 : countOrZero(text) };
  }
  for (const [name, content] of Object.entries(fixture.extraFiles ?? {})) writeFileSync(join(dir, name), content);
  const manifest: Record<string, unknown> = {
    standard: 'hmo-harmonised/1.0',
    borough_code: code,
    borough_name: 'Test borough',
    extract_date: fixture.extractDate ?? '2026-09-30',
    tables,
  };
  if (fixture.manifestText !== null) {
    const text = fixture.manifestText ?? JSON.stringify(fixture.manifest ? fixture.manifest(manifest) : manifest, null, 2);
    writeFileSync(join(dir, 'manifest.json'), text);
  }
  return dir;
}

// An unreadable file has no count; a test about one sets `rows` itself.
function countOrZero(text: string): number {
  try {
    return standardRows(text);
  } catch {
    return 0;
  }
}

function safeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const roots: string[] = [];

/** A fresh folder under os.tmpdir() holding `drop/`; `out/` is its sibling. Removed by `cleanUp()`. */
export function workspace(): { root: string; drop: string; out: string } {
  const root = mkdtempSync(join(tmpdir(), 'hmo-conformance-'));
  roots.push(root);
  const drop = join(root, 'drop');
  mkdirSync(drop);
  return { root, drop, out: join(root, 'out') };
}

export function cleanUp(): void {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
}

export interface IngestRun {
  drop: string;
  out: string;
  report: QualityReport;
}

/** Runs `ingestDrop` on a workspace and also checks that report.json holds the returned report. */
export async function ingest(ws: { drop: string; out: string }): Promise<IngestRun> {
  const report = await ingestDrop({ drop: ws.drop, out: ws.out }, silentContext);
  return { drop: ws.drop, out: ws.out, report };
}

/** One borough folder alone in a fresh drop, ingested. */
export async function ingestOne(fixture: BoroughFixture = {}): Promise<IngestRun & { borough: QualityReport['boroughs'][string] }> {
  const ws = workspace();
  writeBorough(ws.drop, fixture);
  const run = await ingest(ws);
  const borough = run.report.boroughs[fixture.code ?? 'E09000007'];
  if (!borough) throw new Error(`no report for ${fixture.code ?? 'E09000007'}: ${JSON.stringify(run.report)}`);
  return { ...run, borough };
}

/** One quarantined row as the quarantine CSV gives it. */
export interface Verdict {
  reason: string;
  column: string;
  value: string;
}

/** Physical line → the quarantine row of that line (file, line, column, reason, value). */
export function verdicts(run: { out: string }, borough: string, table: Table): Map<number, Verdict> {
  const path = outputLayout(run.out).quarantineCsv(borough, table);
  const records = parseCsv(readFileSync(path, 'utf8'));
  const header = records[0]?.fields ?? [];
  const at = (name: string) => header.indexOf(name);
  const found = new Map<number, Verdict>();
  for (const r of records.slice(1)) {
    const line = Number(r.fields[at('line')]);
    if (found.has(line)) throw new Error(`line ${line} quarantined twice in ${path}`);
    found.set(line, { reason: r.fields[at('reason')] ?? '', column: r.fields[at('column')] ?? '', value: r.fields[at('value')] ?? '' });
  }
  return found;
}

/** The accepted rows of a table (from its Parquet), by source line, values as text. */
export async function accepted(run: { out: string }, borough: string, table: Table): Promise<Map<number, Record<string, string | null>>> {
  const path = outputLayout(run.out).acceptedTable(borough, table);
  const found = new Map<number, Record<string, string | null>>();
  if (!existsSync(path)) return found;
  const db = await Duck.open();
  try {
    const rows = await db.json<Record<string, string | null>>(`SELECT * FROM read_parquet(${sqlString(path)}) ORDER BY source_line`);
    for (const r of rows) found.set(Number(r.source_line), r);
  } finally {
    db.close();
  }
  return found;
}

/** The fate of the row on `line`: its quarantine reason, or 'accepted' when it is in the Parquet (else 'missing'). */
export async function fates(run: { out: string }, borough: string, table: Table): Promise<(line: number) => string> {
  const q = verdicts(run, borough, table);
  const a = await accepted(run, borough, table);
  return (line) => {
    const v = q.get(line);
    if (v && a.has(line)) return `both accepted and ${v.reason}`;
    return v ? v.reason : a.has(line) ? 'accepted' : 'missing';
  };
}

/** Every file under `dir`, relative to it. */
export function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      found.push(relative(dir, path));
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return found.sort();
}

/** Runs the `hmo` CLI in-process, capturing stdout and stderr (the shared test runner). */
export const cli = runHmo;
