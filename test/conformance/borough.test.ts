/**
 * Section 1 (the drop and its manifest), section 2's header rules, section
 * 4.1 (failures of a whole borough) and section 5 (personal-data columns).
 * Every case is a borough of one shared drop, run through the CLI, next to a
 * valid control borough: a failing case must fail with an error naming its
 * file (and the value, line or column where there is one), the control must
 * stay usable, and `hmo ingest` must exit 1. A case that is not a failure
 * must leave its borough usable.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputLayout } from '../../pipeline/layout.js';
import type { QualityReport } from '../../pipeline/writers/quality/writeQualityReport.js';
import { cleanUp, cli, columnsOf, row, tableText, workspace, writeBorough, type BoroughFixture } from './conformanceDrop.js';

interface BoroughCase {
  name: string;
  fixture: BoroughFixture;
  /** Folder name, when the case is about it. */
  code?: string;
  /** Run after the folder is written (to remove or add files). */
  after?: (dir: string) => void;
  /** For a failure: texts one error must all contain (the file first). Absent: the borough must be usable. */
  error?: Array<string | RegExp>;
  /** For a usable borough: texts one warning must all contain. */
  warning?: Array<string | RegExp>;
}

const CONTROL = 'E09000033';
const bytes = (text: string) => Buffer.from(text, 'utf8');
const propertiesWith = (header: string[], extra: Record<string, string> = {}) => tableText('properties', [row('properties', extra)], { header });
const standardHeader = columnsOf('properties');
const replaceColumn = (from: string, to: string) => standardHeader.map((c) => (c === from ? to : c));
const manifestEdit = (edit: (m: Record<string, any>) => void) => (m: Record<string, any>) => {
  edit(m);
  return m;
};

const FAILURES: BoroughCase[] = [
  // The folder and the manifest's borough_code (section 1, 4.1).
  { name: 'folder E09000034 (not one of the 33) fails', code: 'E09000034', fixture: {}, error: ['E09000034'] },
  { name: 'folder E08000001 (not London) fails', code: 'E08000001', fixture: {}, error: ['E08000001'] },
  { name: 'folder named "camden" fails', code: 'camden', fixture: {}, error: ['camden'] },
  { name: 'borough_code E09000034 in the manifest fails', fixture: { manifest: manifestEdit((m) => (m.borough_code = 'E09000034')) }, error: ['manifest.json', 'E09000034'] },
  { name: 'borough_code lower case e09000002 fails', fixture: { manifest: manifestEdit((m) => (m.borough_code = 'e09000002')) }, error: ['manifest.json', 'e09000002'] },
  { name: 'borough_code disagreeing with the folder fails', fixture: { manifest: manifestEdit((m) => (m.borough_code = 'E09000001')) }, error: ['manifest.json', 'E09000001'] },
  { name: 'manifest missing fails', fixture: { manifestText: null }, error: ['manifest.json'] },
  { name: 'manifest not JSON fails', fixture: { manifestText: '{"standard": "hmo-harmonised/1.0",' }, error: ['manifest.json'] },
  { name: 'manifest a JSON array fails', fixture: { manifestText: '[]' }, error: ['manifest.json'] },
  { name: 'unknown standard hmo-harmonised/2.0 fails', fixture: { manifest: manifestEdit((m) => (m.standard = 'hmo-harmonised/2.0')) }, error: ['manifest.json', 'hmo-harmonised/2.0'] },
  { name: 'standard missing fails', fixture: { manifest: manifestEdit((m) => delete m.standard) }, error: ['manifest.json', 'standard'] },
  { name: 'extract_date 2026-02-30 fails', fixture: { extractDate: '2026-02-30' }, error: ['manifest.json', '2026-02-30'] },
  { name: 'extract_date 30/09/2026 fails', fixture: { extractDate: '30/09/2026' }, error: ['manifest.json', '30/09/2026'] },
  { name: 'extract_date with a time fails', fixture: { extractDate: '2026-09-30T00:00:00Z' }, error: ['manifest.json', '2026-09-30T00:00:00Z'] },
  { name: 'extract_date " 2026-09-30" (a leading space) fails', fixture: { extractDate: ' 2026-09-30' }, error: ['manifest.json', ' 2026-09-30'] },
  { name: 'extract_date as a JSON number fails', fixture: { manifest: manifestEdit((m) => (m.extract_date = 20260930)) }, error: ['manifest.json', '20260930'] },
  { name: 'borough_code missing fails', fixture: { manifest: manifestEdit((m) => delete m.borough_code) }, error: ['manifest.json', 'borough_code'] },
  { name: 'folder E09000000 fails', code: 'E09000000', fixture: {}, error: ['E09000000'] },
  { name: '"tables" missing fails (no required table listed)', fixture: { manifest: manifestEdit((m) => delete m.tables) }, error: ['manifest.json', 'tables'] },
  { name: 'extract_date missing fails', fixture: { manifest: manifestEdit((m) => delete m.extract_date) }, error: ['manifest.json', 'extract_date'] },
  // Tables and files.
  { name: 'a required table not listed (its file present) fails', fixture: { manifest: manifestEdit((m) => delete m.tables.inspections) }, error: ['inspections'] },
  { name: 'a required table absent altogether fails', fixture: { files: { licences: null } }, error: ['licences'] },
  { name: 'a listed required file missing fails', fixture: {}, after: (dir) => rmSync(join(dir, 'council_tax.csv')), error: ['council_tax.csv'] },
  { name: 'a listed optional file missing fails', fixture: { manifest: manifestEdit((m) => (m.tables.complaints = { file: 'complaints.csv', rows: 0 })) }, error: ['complaints.csv'] },
  {
    name: 'a file given as ../x.csv fails (a path)',
    fixture: { manifest: manifestEdit((m) => (m.tables.licences.file = '../licences.csv')) },
    after: (dir) => writeFileSync(join(dir, '..', 'licences.csv'), tableText('licences', [row('licences')])),
    error: ['../licences.csv'],
  },
  {
    name: 'a file given as sub/licences.csv fails (a path, even though it exists)',
    fixture: { manifest: manifestEdit((m) => (m.tables.licences.file = 'sub/licences.csv')) },
    after: (dir) => {
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'sub', 'licences.csv'), tableText('licences', [row('licences')]));
    },
    error: ['sub/licences.csv'],
  },
  { name: 'rows as a JSON string "1" fails', fixture: { manifest: manifestEdit((m) => (m.tables.inspections.rows = '1')) }, error: ['manifest.json', 'rows'] },
  { name: 'rows 1.5 fails', fixture: { manifest: manifestEdit((m) => (m.tables.inspections.rows = 1.5)) }, error: ['manifest.json', 'rows'] },
  { name: 'rows missing fails', fixture: { manifest: manifestEdit((m) => delete m.tables.inspections.rows) }, error: ['manifest.json', 'rows'] },
  { name: 'rows one more than the records fails', fixture: { manifest: manifestEdit((m) => (m.tables.properties.rows += 1)) }, error: ['properties.csv', /\b2\b/, /\b1\b/] },
  { name: 'rows one fewer than the records (a truncated copy) fails', fixture: { manifest: manifestEdit((m) => (m.tables.properties.rows -= 1)) }, error: ['properties.csv'] },
  // Files that cannot be read.
  {
    name: 'invalid UTF-8 (a Latin-1 é on line 3) fails, naming the line',
    fixture: { files: { properties: Buffer.concat([bytes(tableText('properties', [row('properties')])), bytes('1002,Caf'), Buffer.from([0xe9]), bytes(',NW1 0AB,E05000001,,,,flat,,,,,,A,unknown,\n')]) } },
    after: (dir) => fixRows(dir, 'properties', 2),
    error: ['properties.csv', /\b3\b/],
  },
  {
    name: 'invalid UTF-8 (an encoded surrogate ED A0 80) fails',
    fixture: { files: { inspections: Buffer.concat([bytes('uprn,inspection_date,outcome,trigger\n1001,2022-06-01,hmo,complaint'), Buffer.from([0xed, 0xa0, 0x80]), bytes('\n')]) } },
    after: (dir) => fixRows(dir, 'inspections', 1),
    error: ['inspections.csv'],
  },
  { name: 'a UTF-16 file (BOM FF FE) fails', fixture: { files: { inspections: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('uprn,inspection_date,outcome,trigger\n1001,2022-06-01,hmo,complaint\n', 'utf16le')]) } }, after: (dir) => fixRows(dir, 'inspections', 1), error: ['inspections.csv'] },
  { name: 'an overlong UTF-8 encoding (C0 AF) in the header fails', fixture: { files: { inspections: Buffer.concat([bytes('uprn,inspection_date,outcome,trigger'), Buffer.from([0xc0, 0xaf]), bytes('\n1001,2022-06-01,hmo,complaint\n')]) } }, after: (dir) => fixRows(dir, 'inspections', 1), error: ['inspections.csv', /\b1\b/] },
  { name: 'a byte-order mark and a line break alone fail (no header)', fixture: { files: { licences: '\ufeff\n' } }, error: ['licences.csv'] },
  { name: 'an empty file fails (no header)', fixture: { files: { licences: '' } }, error: ['licences.csv'] },
  { name: 'a byte-order mark alone fails (no header)', fixture: { files: { licences: '\ufeff' } }, error: ['licences.csv'] },
  { name: 'blank lines alone fail (no header)', fixture: { files: { licences: '\n\n\n' } }, error: ['licences.csv'] },
  { name: 'CRLF blank lines alone fail (no header)', fixture: { files: { licences: '\r\n\r\n' } }, error: ['licences.csv'] },
  {
    name: 'a quote left open on line 3 fails, naming the line',
    fixture: { files: { properties: `${tableText('properties', [row('properties')])}1002,"2 Open Road,NW1 0AB,E05000001,,,,flat,,,,,,A,unknown,\n1003,3 Road,NW1 0AB,E05000001,,,,flat,,,,,,A,unknown,\n` } },
    after: (dir) => fixRows(dir, 'properties', 3),
    error: ['properties.csv', /\b3\b/],
  },
  {
    name: 'text after a closing quote ("abc"def) on line 2 fails, naming the line',
    fixture: { files: { inspections: 'uprn,inspection_date,outcome,trigger\n1001,2022-06-01,"hmo"x,complaint\n' } },
    after: (dir) => fixRows(dir, 'inspections', 1),
    error: ['inspections.csv', /\b2\b/, 'outcome'],
  },
  // Headers (section 2, 4.1) and personal data (section 5).
  { name: 'a repeated column fails', fixture: { files: { properties: propertiesWith([...standardHeader, 'address']) } }, error: ['properties.csv', 'address'] },
  { name: 'a repeated unknown column fails', fixture: { files: { inspections: 'uprn,inspection_date,outcome,trigger,note,note\n1001,2022-06-01,hmo,complaint,a,b\n' } }, error: ['inspections.csv', 'note'] },
  { name: 'a required column missing (postcode) fails', fixture: { files: { properties: propertiesWith(standardHeader.filter((c) => c !== 'postcode')) } }, error: ['properties.csv', 'postcode'] },
  { name: 'a required column written UPRN is missing, fails', fixture: { files: { properties: propertiesWith(replaceColumn('uprn', 'UPRN'), { UPRN: '1001' }) } }, error: ['properties.csv', 'uprn'] },
  { name: 'a required column written " uprn" is missing, fails', fixture: { files: { licences: 'licence_ref,scheme,start_date,end_date, uprn\nL1,selective,2021-01-01,2031-01-01,1001\n' } }, error: ['licences.csv', 'uprn'] },
  { name: 'a required column written "Tenure" is missing, fails', fixture: { files: { properties: propertiesWith(replaceColumn('tenure', 'Tenure'), { Tenure: 'unknown' }) } }, error: ['properties.csv', 'tenure'] },
  { name: 'complaints without a uprn column fails (it must be present)', fixture: { files: { complaints: 'received_date,category\n2023-01-01,noise\n' } }, error: ['complaints.csv', 'uprn'] },
  { name: 'personal data: email in properties fails', fixture: { files: { properties: propertiesWith([...standardHeader, 'email']) } }, error: ['properties.csv', 'email'] },
  { name: 'personal data: " Email " in licences fails', fixture: { files: { licences: `${columnsOf('licences').join(',')}, Email \n1001,L1,selective,2021-01-01,2031-01-01,,,x\n` } }, error: ['licences.csv', 'Email'] },
  { name: 'personal data: Surname in electoral_register fails', fixture: { files: { electoral_register: 'uprn,elector_ref,surname_key,registered_date,removed_date,Surname\n1001,E1,S1,2019-01-01,,x\n' } }, error: ['electoral_register.csv', 'Surname'] },
  { name: 'personal data: dob in the optional complaints fails', fixture: { files: { complaints: 'uprn,received_date,category,dob\n1001,2023-01-01,noise,\n' } }, error: ['complaints.csv', 'dob'] },
  { name: 'personal data: NI_NUMBER in housing_benefit fails', fixture: { files: { housing_benefit: `${columnsOf('housing_benefit').join(',')},NI_NUMBER\n1001,C1,2021-01-01,,100,true,,\n` } }, error: ['housing_benefit.csv', 'NI_NUMBER'] },
  ...['name', 'forename', 'first_name', 'last_name', 'full_name', 'date_of_birth', 'nino', 'phone', 'telephone'].map(
    (column): BoroughCase => ({ name: `personal data: ${column} in inspections fails`, fixture: { files: { inspections: `uprn,inspection_date,outcome,trigger,${column}\n1001,2022-06-01,hmo,complaint,\n` } }, error: ['inspections.csv', column] }),
  ),
];

const USABLE: BoroughCase[] = [
  { name: 'an unknown table name in the manifest is a warning only', fixture: { manifest: manifestEdit((m) => (m.tables.parking = { file: 'parking.csv', rows: 1 })) }, warning: ['parking'] },
  { name: 'an unlisted CSV (unreadable, even) is ignored', fixture: { extraFiles: { 'notes.csv': Buffer.from([0x22, 0xff, 0x0a]), 'properties_old.csv': 'garbage' } } },
  { name: 'optional tables absent are fine', fixture: { files: { housing_benefit: null, complaints: null } } },
  { name: 'a header-only file is a valid empty table', fixture: { files: { licences: `${columnsOf('licences').join(',')}\n`, complaints: 'uprn,received_date,category\n' } } },
  { name: 'a header-only file without a final line break is a valid empty table', fixture: { files: { licences: columnsOf('licences').join(',') } } },
  { name: 'an unknown extra column is ignored with a warning', fixture: { files: { properties: propertiesWith([...standardHeader, 'notes'], { notes: 'x' }) } }, warning: ['properties.csv', 'notes'] },
  { name: 'a column "Uprn" next to "uprn" is an unknown extra column', fixture: { files: { properties: propertiesWith([...standardHeader, 'Uprn'], { Uprn: 'x' }) } }, warning: ['Uprn'] },
  { name: 'names that are not in the personal-data list ("names", "email_consent") do not fail', fixture: { files: { inspections: 'uprn,inspection_date,outcome,trigger,names,email_consent\n1001,2022-06-01,hmo,complaint,,\n' } } },
  { name: 'surname_key in properties is an unknown extra, not personal data', fixture: { files: { properties: propertiesWith([...standardHeader, 'surname_key'], { surname_key: 'S9' }) } } },
  { name: 'columns in any order', fixture: { files: { properties: propertiesWith([...standardHeader].reverse()) } } },
  { name: 'optional columns absent from the header', fixture: { files: { properties: propertiesWith(standardHeader.filter((c) => !['ward_name', 'easting', 'northing', 'built_form', 'habitable_rooms', 'floor_area_m2', 'epc_rating', 'year_built', 'landlord_ref'].includes(c))) } } },
  { name: 'a file of any plain name', fixture: { manifest: manifestEdit((m) => (m.tables.properties.file = 'props 2026-09.csv')) }, after: (dir) => renameFile(dir, 'properties.csv', 'props 2026-09.csv') },
  { name: 'extract_date 2024-02-29 (a leap day) is a date', fixture: { extractDate: '2024-02-29' } },
  { name: 'an unlisted complaints.csv (broken) is ignored: the table is not supplied', fixture: { extraFiles: { 'complaints.csv': 'uprn,received_date,category,email\n"open' } } },
  { name: "a file name with quotes, spaces and a percent sign", fixture: { manifest: manifestEdit((m) => (m.tables.properties.file = `o'brien "100%" props.csv`)) }, after: (dir) => renameFile(dir, 'properties.csv', `o'brien "100%" props.csv`) },
  { name: 'a quoted header name is that name', fixture: { files: { inspections: '"uprn","inspection_date",outcome,trigger\n1001,2022-06-01,hmo,complaint\n' } } },
];

function renameFile(dir: string, from: string, to: string): void {
  renameSync(join(dir, from), join(dir, to));
}
/** Sets a table's `rows` by hand, for files the helper cannot count (unreadable ones). */
function fixRows(dir: string, table: string, rows: number): void {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  manifest.tables[table].rows = rows;
  writeFileSync(path, JSON.stringify(manifest));
}

/** Which defects of the current `hmo ingest` each case shows (names → comment in KNOWN_DEFECTS below). */
const KNOWN_DEFECTS = new Set<string>([]);

const LONDON_POOL = Array.from({ length: 32 }, (_, i) => `E090000${String(i + 1).padStart(2, '0')}`);

async function runCases(cases: BoroughCase[]): Promise<{ report: QualityReport; code: number; codes: Map<string, string> }> {
  const ws = workspace();
  const pool = LONDON_POOL.filter((c) => !cases.some((x) => x.code === c));
  const codes = new Map<string, string>();
  for (const c of cases) {
    const code = c.code ?? pool.shift();
    if (code === undefined) throw new Error('too many cases for one drop');
    codes.set(c.name, code);
    const dir = writeBorough(ws.drop, { ...c.fixture, code });
    c.after?.(dir);
  }
  writeBorough(ws.drop, { code: CONTROL });
  const result = await cli(['ingest', '--drop', ws.drop, '--out', ws.out]);
  const report = JSON.parse(readFileSync(outputLayout(ws.out).qualityJson, 'utf8')) as QualityReport;
  return { report, code: result.code, codes };
}

function matches(message: string, parts: Array<string | RegExp>): boolean {
  return parts.every((p) => (typeof p === 'string' ? message.includes(p) : p.test(message)));
}

function defineCases(title: string, cases: BoroughCase[]): void {
  describe(title, () => {
    let result: Awaited<ReturnType<typeof runCases>>;
    beforeAll(async () => {
      result = await runCases(cases);
    });
    test('the control borough stays usable and the exit code says whether any borough failed', () => {
      expect(result.report.boroughs[CONTROL]?.status).toBe('ok');
      expect(result.report.boroughs[CONTROL]?.errors).toEqual([]);
      expect(result.code).toBe(cases.some((c) => c.error) ? 1 : 0);
    });
    for (const c of cases) {
      const check = () => {
        const b = result.report.boroughs[result.codes.get(c.name) as string];
        expect(b).toBeDefined();
        if (c.error) {
          expect(b?.status).toBe('failed');
          const found = (b?.errors ?? []).filter((e) => matches(e, c.error as Array<string | RegExp>));
          if (found.length === 0) throw new Error(`no error names ${c.error.map(String).join(' + ')}; errors: ${JSON.stringify(b?.errors)}`);
        } else {
          expect(b?.errors).toEqual([]);
          expect(b?.status).toBe('ok');
          if (c.warning) expect((b?.warnings ?? []).some((w) => matches(w, c.warning as Array<string | RegExp>))).toBe(true);
        }
      };
      if (KNOWN_DEFECTS.has(c.name)) test.failing(c.name, check);
      else test(c.name, check);
    }
  });
}

for (let start = 0; start < FAILURES.length; start += 25) defineCases(`4.1 failures (${start + 1}-${Math.min(start + 25, FAILURES.length)})`, FAILURES.slice(start, start + 25));
defineCases('drops that follow the standard stay usable', USABLE);
afterAll(cleanUp);
