import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck, sqlString } from '../../../pipeline/db/Duck.js';
import { buildBoroughFeatures } from '../../../pipeline/features/buildBoroughFeatures.js';
import { generateDrop } from '../../../pipeline/generate/generateDrop.js';
import { rawStyle, type RawStyle } from '../../../pipeline/generate/raw/RawStyle.js';
import { SHEET_ERROR } from '../../../pipeline/generate/raw/writeRawBorough.js';
import { applyMapping } from '../../../pipeline/harmonise/apply/applyMapping.js';
import { writeNewKeyFile } from '../../../pipeline/harmonise/apply/Pseudonymiser.js';
import { UNMAPPED, type Mapping } from '../../../pipeline/harmonise/mapping/Mapping.js';
import { RawCsvReader } from '../../../pipeline/harmonise/read/RawCsvReader.js';
import { suggestMapping } from '../../../pipeline/harmonise/suggest/suggestMapping.js';
import { ingestBorough } from '../../../pipeline/ingest/ingestBorough.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { loadSchema, type TableName } from '../../../pipeline/standard/schema.js';
import { silentContext } from '../../../pipeline/stage.js';
import { standInAddressMatcher } from '../../helpers/standInAddressMatcher.js';
import { confirmAssumptions, truthByAddress } from './harmoniseTestKit.js';

/** `--raw-style mixed` gives the boroughs, in code order, the styles in turn. */
const CASES: readonly { borough: string; style: RawStyle }[] = [
  { borough: 'E09000007', style: rawStyle('default') as RawStyle },
  { borough: 'E09000012', style: rawStyle('register') as RawStyle },
  { borough: 'E09000025', style: rawStyle('legacy') as RawStyle },
];

/** What suggest must say a raw column of the style holds. */
function expectedTarget(holds: string): string {
  if (holds.startsWith('address')) return 'address';
  if (['person_name', 'phone', 'email'].includes(holds)) return 'drop';
  if (['council_ref', 'blank'].includes(holds)) return 'ignore';
  return holds;
}

/** Raw file → line → UPRN, from raw_truth.csv. */
function readRawTruth(path: string): Map<string, Map<number, string>> {
  const truth = new Map<string, Map<number, string>>();
  const records = new RawCsvReader(path).records();
  records.next();
  for (let next = records.next(); !next.done; next = records.next()) {
    const [, file, line, uprn] = next.value.fields as [string, string, string, string];
    if (uprn === '') continue;
    const lines = truth.get(file) ?? new Map<number, string>();
    truth.set(file, lines);
    lines.set(Number(line), uprn);
  }
  return truth;
}

describe('hmo generate --raw --raw-style mixed → suggest → apply', () => {
  let dir: string;
  let gen: string;
  const mappings = new Map<string, Mapping>();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hmo-raw-'));
    gen = join(dir, 'gen');
    await generateDrop({ out: gen, boroughs: CASES.map((c) => c.borough), scale: 0.2, seed: 11, workers: 1, rawStyle: 'mixed' });
    for (const { borough } of CASES) mappings.set(borough, await suggestMapping({ raw: join(gen, 'raw', borough), borough }));
  });
  afterAll(() => {
    if (!process.env.KEEP_TMP) rmSync(dir, { recursive: true, force: true });
  });

  it('writes raw exports, a gazetteer and the truth of each raw row', () => {
    const truth = readFileSync(join(gen, 'raw_truth.csv'), 'utf8').trim().split('\n');
    expect(truth[0]).toBe('borough_code,file,line,uprn');
    expect(truth.length).toBeGreaterThan(1000);
    const borough = 'E09000007';
    const extract = JSON.parse(readFileSync(join(gen, 'drop', borough, 'manifest.json'), 'utf8')).extract_date;
    const council = readFileSync(join(gen, 'raw', borough, `council_tax_accounts_${extract}.csv`), 'utf8').split('\n')[0];
    expect(council).toBe('Account Number,UPRN,Property Address,Postcode,Liability Start Date,Liability End Date,Single Person Discount,Student Exemption,Liable Persons,Lead Liable Name,Contact Phone');
    // The gazetteer is the drop's properties.csv as the council holds it: its own landlord numbers, not the drop's pseudonyms.
    const rows = (path: string) => [...new RawCsvReader(path).records()].map((r) => r.fields);
    const gazetteer = rows(join(gen, 'gazetteer', borough, 'properties.csv'));
    const properties = rows(join(gen, 'drop', borough, 'properties.csv'));
    expect(gazetteer[0]).toEqual(properties[0]);
    expect(gazetteer.length).toBe(properties.length);
    const landlordAt = (gazetteer[0] as string[]).indexOf('landlord_ref');
    const landlords = gazetteer.slice(1).filter((f) => f.length === gazetteer[0]?.length).map((f) => f[landlordAt] ?? '').filter((v) => v !== '');
    expect(landlords.length).toBeGreaterThan(0);
    for (const v of landlords) expect(v).toMatch(/^LL\d{20}$/);
    // the register style writes the postcode inside the address and in a BOM'd UTF-8 file with CRLF
    const register = readFileSync(join(gen, 'raw', 'E09000012', `HMO register ${JSON.parse(readFileSync(join(gen, 'drop', 'E09000012', 'manifest.json'), 'utf8')).extract_date}.csv`));
    expect([...register.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(register.toString('utf8')).toContain('\r\n');
  });

  for (const { borough, style } of CASES) {
    it(`suggest maps every file, column and code of the ${style.name} style right, with no hand edits`, () => {
      const schema = loadSchema();
      const mapping = mappings.get(borough) as Mapping;
      expect(mapping.extract_date).toBe(JSON.parse(readFileSync(join(gen, 'drop', borough, 'manifest.json'), 'utf8')).extract_date);
      const fileDate = style.fileDate === 'YYYYMMDD' ? mapping.extract_date.replaceAll('-', '') : mapping.extract_date;
      for (const [table, tableStyle] of Object.entries(style.tables)) {
        const file = tableStyle.file.replace('{date}', fileDate);
        const fileMapping = mapping.files[file];
        if (!fileMapping) {
          // a table the borough does not supply (housing benefit, complaints)
          expect(['housing_benefit', 'complaints']).toContain(table);
          continue;
        }
        expect([file, fileMapping.table]).toEqual([file, table]);
        const keys = Object.keys(fileMapping.columns);
        tableStyle.columns.forEach((column, i) => {
          const key = keys[i] as string;
          expect([file, column.header, fileMapping.columns[key]?.to]).toEqual([file, column.header, expectedTarget(column.holds)]);
          const spec = schema.table(table as TableName).columns.find((c) => c.name === column.holds);
          const values = fileMapping.columns[key]?.values;
          if (spec?.type === 'enum') {
            for (const [standard, spelling] of Object.entries(style.codes[`${table}.${column.holds}`] ?? {})) {
              if (values && spelling in values) expect([spelling, values[spelling]]).toEqual([spelling, standard]);
            }
          }
          if (spec?.type === 'boolean') {
            expect(values?.[style.booleans[0]]).toBe('true');
            expect(values?.[style.booleans[1]]).toBe('false');
          }
          // Only a spreadsheet error is left for a person: every code the system writes is mapped.
          for (const [value, to] of Object.entries(values ?? {})) if (to === UNMAPPED) expect(value).toBe(SHEET_ERROR);
        });
        // No file needs an assumption: every style carries every required column.
        expect([file, fileMapping.assumptions]).toEqual([file, []]);
      }
    });

    it(`apply (perfect stand-in matcher) on the ${style.name} style writes a drop that validates and gives exactly the clean drop's features`, async () => {
      const keyFile = join(dir, `${borough}.key`);
      writeNewKeyFile(keyFile);
      const confirmed = confirmAssumptions(mappings.get(borough) as Mapping);
      const raw = join(gen, 'raw', borough);
      const truth = await truthByAddress(raw, confirmed, readRawTruth(join(gen, 'raw_truth.csv')));
      const out = join(dir, `harmonised-${borough}`);
      const report = await applyMapping({ raw, mapping: confirmed, gazetteer: join(gen, 'gazetteer', borough, 'properties.csv'), out, keyFile, matcher: standInAddressMatcher(truth) });
      expect(report.validation?.status).toBe('ok');
      for (const f of Object.values(report.files)) expect(f.rows_written + f.rows_review + f.rows_rejected).toBe(f.rows_read);
      expect(report.address_matching.sure).toBeGreaterThan(0);

      // Nothing of a person reaches the drop: no raw identifier, no invented name, phone or e-mail.
      for (const table of ['council_tax.csv', 'electoral_register.csv', 'properties.csv', 'housing_benefit.csv']) {
        if (!existsSync(join(out, 'drop', borough, table))) continue;
        const text = readFileSync(join(out, 'drop', borough, table), 'utf8');
        expect(text).not.toMatch(/(CT|EL|HB|LL)\d{20}|07700 9|@example\.org/);
      }

      const clean = join(dir, `clean-out-${borough}`);
      const harmonised = join(dir, `harmonised-out-${borough}`);
      for (const [drop, o] of [[join(gen, 'drop'), clean], [join(out, 'drop'), harmonised]] as const) {
        const status = await ingestBorough({ drop, borough, out: o }, silentContext);
        expect(status.status).toBe('ok');
        await buildBoroughFeatures({ out: o, borough, params: DEFAULT_PARAMS.features }, silentContext);
      }
      // Every feature, the landlord network's too: the gazetteer's landlord numbers and the housing benefit
      // export's are pseudonymised under the same key, so one landlord has one ref in every table.
      const db = await Duck.open();
      try {
        for (const file of ['score.parquet', 'train.parquet']) {
          const a = sqlString(join(clean, 'features', borough, file));
          const b = sqlString(join(harmonised, 'features', borough, file));
          const [counts] = await db.all<{ a: bigint; b: bigint; same: bigint }>(
            `SELECT (SELECT count(*) FROM read_parquet(${a})) AS a, (SELECT count(*) FROM read_parquet(${b})) AS b,
                    (SELECT count(*) FROM (SELECT * FROM read_parquet(${a}) INTERSECT ALL SELECT * FROM read_parquet(${b}))) AS same`,
          );
          expect([file, Number(counts?.a)]).toEqual([file, Number(counts?.b)]);
          expect([file, Number(counts?.same)]).toEqual([file, Number(counts?.a)]);
        }
      } finally {
        db.close();
      }
    });
  }
});
