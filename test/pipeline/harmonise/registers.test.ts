import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { BoroughStatus } from '../../../pipeline/db/BoroughStatus.js';
import { ingestBorough } from '../../../pipeline/ingest/ingestBorough.js';
import { loadSchema, type TableName } from '../../../pipeline/standard/schema.js';
import { silentContext } from '../../../pipeline/stage.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMapping } from '../../../pipeline/harmonise/apply/applyMapping.js';
import { UNMAPPED } from '../../../pipeline/harmonise/mapping/Mapping.js';
import { RawCsvReader } from '../../../pipeline/harmonise/read/RawCsvReader.js';
import { columnKeys } from '../../../pipeline/harmonise/suggest/profileFile.js';
import { suggestMapping } from '../../../pipeline/harmonise/suggest/suggestMapping.js';
import { standInAddressMatcher } from '../../helpers/standInAddressMatcher.js';
import { confirmAssumptions, truthByAddress } from './harmoniseTestKit.js';
import { REGISTER_FIXTURES, writeFixture, writeFixtureGazetteer } from './registerFixtures.js';

const BOROUGH = 'E09000012';
const schema = loadSchema();

/** Copies a harmonised borough, adds header-only files for `missing` tables, and ingests it. */
async function validateWithEmptyTables(drop: string, borough: string, missing: readonly string[], scratch: string): Promise<BoroughStatus> {
  const copy = join(scratch, 'drop');
  rmSync(scratch, { recursive: true, force: true });
  cpSync(join(drop, borough), join(copy, borough), { recursive: true });
  const manifestPath = join(copy, borough, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  for (const name of missing) {
    const spec = schema.table(name as TableName);
    writeFileSync(join(copy, borough, spec.file), `${spec.columns.map((c) => c.name).join(',')}\n`);
    manifest.tables[name] = { file: spec.file, rows: 0 };
  }
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return ingestBorough({ drop: copy, borough, out: join(scratch, 'out') }, silentContext);
}

function readCsv(path: string): Record<string, string>[] {
  const records = [...new RawCsvReader(path).records()];
  const header = records[0]?.fields ?? [];
  return records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])));
}

describe('licence registers in the forms published London registers take', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hmo-registers-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const fixture of REGISTER_FIXTURES) {
    describe(fixture.name, () => {
      let raw: string;
      beforeAll(() => {
        raw = join(dir, fixture.file.replace(/[^A-Za-z0-9]+/g, '_'), 'raw');
        writeFixture(raw, fixture);
      });

      it('suggest maps every column, every type spelling and every date form, and states the assumptions', async () => {
        const mapping = await suggestMapping({ raw, borough: BOROUGH, ...(fixture.extractDate ? { extractDate: fixture.extractDate } : {}) });
        const file = mapping.files[fixture.file];
        expect(file?.table).toBe('licences');
        const targets = Object.fromEntries(Object.entries(file?.columns ?? {}).map(([k, c]) => [k, c.to]));
        expect(targets).toEqual(expect.objectContaining(fixture.expectColumns));
        for (const c of Object.values(file?.columns ?? {})) {
          expect(c.evidence.length).toBeGreaterThan(10);
          expect(c.confidence).toBeGreaterThan(0);
          expect(c.confidence).toBeLessThanOrEqual(1);
        }
        const schemeKey = Object.keys(file?.columns ?? {}).find((k) => file?.columns[k]?.to === 'scheme');
        if (fixture.expectSchemes) {
          const values = file?.columns[schemeKey as string]?.values ?? {};
          for (const [spelling, scheme] of Object.entries(fixture.expectSchemes)) expect([spelling, values[spelling]]).toEqual([spelling, scheme]);
          // every value met is listed, and only what is not a type spelling is left UNMAPPED
          for (const [value, to] of Object.entries(values)) if (to === UNMAPPED) expect(Object.keys(fixture.expectSchemes)).not.toContain(value);
        }
        for (const [column, forms] of Object.entries(fixture.expectDateForms ?? {})) {
          expect(file?.columns[column]?.date_forms).toEqual(expect.arrayContaining([...forms]));
        }
        const assumed = (file?.assumptions ?? []).map((a) => a.column);
        expect(assumed).toEqual(expect.arrayContaining([...(fixture.expectAssumptions ?? [])]));
        for (const column of fixture.expectNoAssumptions ?? []) expect(assumed).not.toContain(column);
        for (const a of file?.assumptions ?? []) expect(a.confirmed).toBe(false);
      });

      it('apply accounts for every row (written, review or rejected with its line and reason) and the drop validates', async () => {
        const suggested = await suggestMapping({ raw, borough: BOROUGH, ...(fixture.extractDate ? { extractDate: fixture.extractDate } : {}) });
        const mapping = confirmAssumptions(suggested);
        const gazetteer = join(dir, `${fixture.file}.gazetteer.csv`);
        writeFixtureGazetteer(gazetteer, [fixture]);
        const truth = await truthByAddress(raw, mapping, new Map([[fixture.file, new Map(Object.entries(fixture.truth).map(([l, u]) => [Number(l), u]))]]));
        const out = join(dir, `${fixture.file.replace(/[^A-Za-z0-9]+/g, '_')}_out`);
        const report = await applyMapping({ raw, mapping, gazetteer, out, matcher: standInAddressMatcher(truth) });
        const f = report.files[fixture.file];
        expect(f?.rows_read).toBe(fixture.rows);
        expect((f?.rows_written ?? 0) + (f?.rows_review ?? 0) + (f?.rows_rejected ?? 0)).toBe(f?.rows_read);
        expect(f?.reasons).toEqual(fixture.expectRejected);
        // A licence register alone is not a whole drop: validation names the required tables still missing, nothing else.
        const missing = schema.tables.filter((t) => t.required && t.name !== 'licences' && t.name !== 'properties').map((t) => t.name);
        expect(report.validation?.errors).toEqual(missing.map((t) => `${BOROUGH}/manifest.json: the required table "${t}" is not listed in "tables"`));
        // With those tables supplied empty, every licence row written passes the standard's checks.
        const status = await validateWithEmptyTables(join(out, 'drop'), BOROUGH, missing, join(dir, 'scratch'));
        expect(status.errors).toEqual([]);
        expect(status.tables.licences?.rows_accepted).toBe(f?.rows_written);
        // every date value met was read by one of the mapped forms
        const unread = Object.values(f?.date_forms ?? {}).reduce((sum, forms) => sum + (forms.unread ?? 0), 0);
        expect(unread).toBe(fixture.expectUnreadDates ?? 0);

        const rejected = readCsv(join(out, 'rejected', BOROUGH, `${fixture.file}.csv`));
        expect(rejected).toHaveLength(f?.rows_rejected ?? -1);
        for (const r of rejected) {
          expect(Number(r.line)).toBeGreaterThan(0);
          expect(r.reason).not.toBe('');
          expect(r.detail).not.toBe('');
        }
        const licences = readCsv(join(out, 'drop', BOROUGH, 'licences.csv'));
        expect(licences).toHaveLength(f?.rows_written ?? -1);
        // No value of a column mapped to drop (people's names, addresses, contacts) reaches the drop.
        const fileMapping = mapping.files[fixture.file];
        const dropped = Object.entries(fileMapping?.columns ?? {}).filter(([, c]) => c.to === 'drop').map(([k]) => k);
        const records = [...new RawCsvReader(join(raw, fixture.file)).records()];
        const keys = columnKeys(records.find((r) => r.line === fileMapping?.header_line)?.fields ?? []);
        const dropText = readFileSync(join(out, 'drop', BOROUGH, 'licences.csv'), 'utf8');
        for (const record of records.filter((r) => r.line > (fileMapping?.header_line ?? 1))) {
          for (const key of dropped) {
            const value = (record.fields[keys.indexOf(key)] ?? '').trim();
            if (value.length > 2) expect(dropText).not.toContain(value);
          }
        }
        const byRef = new Map(licences.map((l) => [l.licence_ref, l]));
        for (const [ref, expected] of Object.entries(fixture.expectRows ?? {})) expect(byRef.get(ref)).toEqual(expect.objectContaining(expected));
        const sheet = readFileSync(join(out, 'matches', BOROUGH, `${fixture.file}.csv`), 'utf8');
        expect(sheet.split('\n')[0]).toBe('line,raw_address,raw_postcode,uprn,score,decision,candidate_2_uprn,candidate_2_score,candidate_1_uprn,candidate_1_address,candidate_2_address');
        const manifest = JSON.parse(readFileSync(join(out, 'drop', BOROUGH, 'manifest.json'), 'utf8'));
        expect(manifest.tables.licences.rows).toBe(f?.rows_written);
        expect(manifest.extract_date).toBe(mapping.extract_date);
      });
    });
  }
});
