import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMapping } from '../../../pipeline/harmonise/apply/applyMapping.js';
import { Pseudonymiser, readKeyFile, writeNewKeyFile } from '../../../pipeline/harmonise/apply/Pseudonymiser.js';
import { RawCsvReader } from '../../../pipeline/harmonise/read/RawCsvReader.js';
import { suggestMapping } from '../../../pipeline/harmonise/suggest/suggestMapping.js';
import { harmoniseMessages } from '../../../pipeline/messages/harmonise.js';
import type { StageContext } from '../../../pipeline/stage.js';
import { silentContext } from '../../../pipeline/stage.js';
import { confirmAssumptions } from './harmoniseTestKit.js';

const BOROUGH = 'E09000012';

function rows(path: string): Record<string, string>[] {
  const records = [...new RawCsvReader(path).records()].map((r) => r.fields);
  const header = records[0] ?? [];
  return records.slice(1).map((f) => Object.fromEntries(header.map((h, i) => [h, f[i] ?? ''])));
}

function capture(): { ctx: StageContext; warnings: string[] } {
  const warnings: string[] = [];
  return { ctx: { ...silentContext, log: { ...silentContext.log, warn: (m: string) => warnings.push(m) } }, warnings };
}

describe('hmo harmonise apply: one landlord, one pseudonym, whether from the gazetteer or the exports', () => {
  let dir: string;
  let raw: string;
  let keyFile: string;
  const gazetteerHeader = 'uprn,address,postcode,ward_code,property_type,council_tax_band,tenure,landlord_ref,owner_name';
  const gazetteerRows = [
    '100001,"1 Fixture Road, London",N1 9ZZ,E05000001,flat,C,private-rented,LL00000000000000000017,Ann Example',
    '100002,"2 Fixture Road, London",N1 9ZZ,E05000001,flat,C,private-rented, ll00000000000000000017 ,Ann Example',
    '100003,"3 Fixture Road, London",N1 9ZZ,E05000001,terraced,D,private-rented,LL00000000000000000099,Bob Example',
    '100004,"4 Fixture Road, London",N1 9ZZ,E05000001,terraced,D,owner-occupied,,',
    '100005,5 Fixture Road, London,N1 9ZZ,E05000001,flat,C,private-rented,LL00000000000000000099,Bob Example',
  ];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hmo-gazetteer-landlords-'));
    raw = join(dir, 'raw');
    mkdirSync(raw);
    writeFileSync(
      join(raw, 'housing_benefit_claims_2026-09-30.csv'),
      [
        'Claim Reference,UPRN,Claim Start Date,Claim End Date,Weekly Eligible Rent,Shared Accommodation Rate,Landlord Id,Landlord Name',
        'HB001,100001,01/02/2024,,150.00,Y,LL00000000000000000017,A. Example',
        'HB002,100003,01/03/2024,,120.00,N,LL00000000000000000099,B. Example',
        'HB003,100004,01/04/2024,,110.00,N,LL00000000000000000123,C. Example',
      ].join('\n') + '\n',
    );
    keyFile = join(dir, 'borough.key');
    writeNewKeyFile(keyFile);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function gazetteer(name: string, lines: readonly string[]): string {
    const path = join(dir, name);
    writeFileSync(path, `${[gazetteerHeader, ...lines].join('\n')}\n`);
    return path;
  }

  it("pseudonymises the gazetteer's landlord numbers under the borough key, as the exports' Landlord Id, and carries no other column", async () => {
    const mapping = confirmAssumptions(await suggestMapping({ raw, borough: BOROUGH }));
    expect(mapping.files['housing_benefit_claims_2026-09-30.csv']?.columns['Landlord Id']?.to).toBe('landlord_ref');
    const out = join(dir, 'out');
    const { ctx, warnings } = capture();
    const path = gazetteer('properties.csv', gazetteerRows);
    const report = await applyMapping({ raw, mapping, gazetteer: path, out, keyFile, validate: false }, ctx);
    expect(report.files['housing_benefit_claims_2026-09-30.csv']?.rows_written).toBe(3);

    const p = new Pseudonymiser(readKeyFile(keyFile));
    const drop = join(out, 'drop', BOROUGH);
    const properties = rows(join(drop, 'properties.csv'));
    const claims = rows(join(drop, 'housing_benefit.csv'));
    const landlordOf = (table: Record<string, string>[], uprn: string) => table.find((r) => r.uprn === uprn)?.landlord_ref;
    // The same landlord number gives the same ref in both tables (spaces and case aside), and never the number itself.
    expect(landlordOf(properties, '100001')).toBe(p.pseudonym('landlord', 'LL00000000000000000017'));
    expect(landlordOf(properties, '100002')).toBe(landlordOf(properties, '100001'));
    expect(landlordOf(claims, '100001')).toBe(landlordOf(properties, '100001'));
    expect(landlordOf(claims, '100003')).toBe(landlordOf(properties, '100003'));
    expect(landlordOf(properties, '100003')).not.toBe(landlordOf(properties, '100001'));
    expect(landlordOf(properties, '100004')).toBe('');
    const text = readFileSync(join(drop, 'properties.csv'), 'utf8');
    expect(text).not.toMatch(/LL\d{20}|Example|owner_name/i);
    expect(text.split('\n')[0]).toBe('uprn,address,postcode,ward_code,property_type,council_tax_band,tenure,landlord_ref');
    // The malformed record (an address written bare, with its comma) stays malformed, with its UPRN only.
    expect(text.split('\n')).toContain('100005');
    expect(report.tables.properties).toBe(5);
    expect(warnings).toContain(harmoniseMessages.gazetteerColumnsLeft(path, ['owner_name']));
  });

  it('asks for the key when the gazetteer carries landlord numbers, and warns when they look hashed already', async () => {
    const mapping = confirmAssumptions(await suggestMapping({ raw, borough: BOROUGH }));
    const withoutPeople = { ...mapping, files: {} };
    const path = gazetteer('landlords.csv', gazetteerRows.slice(0, 1));
    await expect(applyMapping({ raw, mapping: withoutPeople, gazetteer: path, out: join(dir, 'nokey'), validate: false })).rejects.toThrow(
      harmoniseMessages.keyNeeded(['landlords.csv: landlord_ref']),
    );
    const hashed = gazetteer('hashed.csv', ['100001,"1 Fixture Road, London",N1 9ZZ,E05000001,flat,C,private-rented,0123456789abcdef,']);
    const { ctx, warnings } = capture();
    await applyMapping({ raw, mapping: withoutPeople, gazetteer: hashed, out: join(dir, 'hashed'), keyFile, validate: false }, ctx);
    expect(warnings).toContain(harmoniseMessages.gazetteerLandlordsLookHashed(hashed, 1));
  });
});
