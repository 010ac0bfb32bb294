import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { BoroughStatus } from '../../../pipeline/db/BoroughStatus.js';
import { Duck, sqlString } from '../../../pipeline/db/Duck.js';
import { ingestBorough } from '../../../pipeline/ingest/ingestBorough.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { ingestMessages } from '../../../pipeline/messages/ingest.js';
import { silentContext } from '../../../pipeline/stage.js';
import type { TableName } from '../../../pipeline/standard/schema.js';
import { tempWorkspace, VALID_TABLES, writeBorough, type BoroughFixture } from './fixtureDrop.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

interface Ingested {
  status: BoroughStatus;
  out: string;
  quarantine: (table: TableName) => Array<Record<string, string>>;
  accepted: (table: TableName) => Promise<Array<Record<string, unknown>>>;
}

async function ingest(fixture: BoroughFixture = {}): Promise<Ingested> {
  const { root, drop, out } = tempWorkspace();
  roots.push(root);
  writeBorough(drop, fixture);
  const borough = fixture.code ?? 'E09000007';
  const status = await ingestBorough({ drop, borough, out }, silentContext);
  const layout = outputLayout(out);
  return {
    status,
    out,
    quarantine: (table) =>
      Papa.parse<Record<string, string>>(readFileSync(layout.quarantineCsv(borough, table), 'utf8'), { header: true, skipEmptyLines: true }).data,
    accepted: async (table) => {
      const db = await Duck.open();
      try {
        return await db.json(`SELECT * FROM read_parquet(${sqlString(layout.acceptedTable(borough, table))}) ORDER BY source_line`);
      } finally {
        db.close();
      }
    },
  };
}

const PROPERTIES_HEADER = (VALID_TABLES.properties as string).split('\n')[0] as string;
const COUNCIL_TAX_HEADER = (VALID_TABLES.council_tax as string).split('\n')[0] as string;
/** A properties row with the standard's column order, with some fields replaced. */
function propertyRow(fields: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    uprn: '200', address: '9 Low Rd', postcode: 'E1 1AA', ward_code: 'E05000003', ward_name: '', easting: '', northing: '',
    property_type: 'flat', built_form: '', habitable_rooms: '', floor_area_m2: '', epc_rating: '', year_built: '',
    council_tax_band: 'D', tenure: 'unknown', landlord_ref: '',
  };
  return PROPERTIES_HEADER.split(',').map((c) => fields[c] ?? base[c]).join(',');
}
function councilTaxRow(fields: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    uprn: '100', account_ref: 'A9', start_date: '2020-01-01', end_date: '', single_person_discount: 'true', student_exemption: 'false', liable_persons: '',
  };
  return COUNCIL_TAX_HEADER.split(',').map((c) => fields[c] ?? base[c]).join(',');
}
const withProperties = (...rows: string[]) => ({ properties: `${VALID_TABLES.properties}${rows.join('\n')}\n` });
const withCouncilTax = (...rows: string[]) => ({ council_tax: `${VALID_TABLES.council_tax}${rows.join('\n')}\n` });

function expectIdentity(status: BoroughStatus): void {
  for (const table of Object.values(status.tables)) {
    expect(table?.rows_read).toBe((table?.rows_accepted ?? 0) + (table?.rows_quarantined ?? 0));
    const sum = Object.values(table?.reasons ?? {}).reduce((a, b) => a + b, 0);
    expect(sum).toBe(table?.rows_quarantined);
  }
}

describe('a valid borough', () => {
  test('is ok: typed Parquet with borough_code and source_line, empty quarantines, all tables listed', async () => {
    const result = await ingest();
    expect(result.status.status).toBe('ok');
    expect(result.status.errors).toEqual([]);
    expect(result.status.extract_date).toBe('2026-09-30');
    expect(Object.keys(result.status.tables)).toEqual([
      'properties', 'council_tax', 'electoral_register', 'licences', 'inspections', 'housing_benefit', 'complaints',
    ]);
    expect(result.status.tables.properties).toMatchObject({ supplied: true, rows_read: 3, rows_accepted: 3, rows_quarantined: 0 });
    expect(result.status.tables.complaints).toMatchObject({ supplied: false, rows_read: 0 });
    expectIdentity(result.status);
    const properties = await result.accepted('properties');
    expect(properties[0]).toMatchObject({
      borough_code: 'E09000007', source_line: '2', uprn: '100', address: '1 High St, London', easting: 528000.5,
      habitable_rooms: '5', floor_area_m2: 92.5, council_tax_band: 'C', landlord_ref: 'L1',
    });
    expect(properties.map((p) => p.source_line)).toEqual(['2', '3', '4']);
    expect(properties[1]?.address).toBe('2 "Old" High St');
    const councilTax = await result.accepted('council_tax');
    expect(councilTax[1]).toMatchObject({ start_date: '2019-05-01', end_date: '2021-03-31', single_person_discount: true, liable_persons: '1' });
    expect(result.quarantine('properties')).toEqual([]);
    expect(readFileSync(outputLayout(result.out).quarantineCsv('E09000007', 'properties'), 'utf8')).toBe('file,line,column,reason,value\n');
  });

  test('an optional column absent from the header is null and listed as missing', async () => {
    const result = await ingest({ tables: { licences: 'uprn,licence_ref,scheme,start_date,end_date\n100,L,selective,2021-01-01,2031-01-01\n' } });
    expect(result.status.tables.licences?.missing_optional_columns).toEqual(['max_occupants', 'max_households']);
    expect((await result.accepted('licences'))[0]).toMatchObject({ max_occupants: null, max_households: null });
  });

  test('CRLF, BOM, blank lines and a quoted newline: same rows, physical lines', async () => {
    const csv = '\ufeffuprn,inspection_date,outcome,trigger\r\n\r\n100,2022-06-01,hmo,complaint\r\n"101",2023-01-10,not-hmo,"pro\r\nactive"\r\n102,2023-01-10,not-hmo,proactive\r\n\r\n';
    const result = await ingest({ tables: { inspections: csv } });
    expect(result.status.tables.inspections).toMatchObject({ rows_read: 3, rows_accepted: 2, rows_quarantined: 1 });
    expect(result.quarantine('inspections')).toEqual([
      { file: 'E09000007/inspections.csv', line: '4', column: 'trigger', reason: 'unknown_enum', value: 'pro\r\nactive' },
    ]);
    expect((await result.accepted('inspections')).map((r) => [r.source_line, r.uprn])).toEqual([['3', '100'], ['6', '102']]);
  });

  test('a simple file read straight by DuckDB: BOM, CRLF, escaped quotes, a CR inside quotes, a quoted line break in the last record', async () => {
    const csv = '\ufeffuprn,inspection_date,outcome,trigger\r\n100,2022-06-01,"h""mo",complaint\r\n101,2023-01-10,"not-hmo\r",proactive\r\n102,2023-01-10,not-hmo,"pro\nactive"\r\n';
    const result = await ingest({ tables: { inspections: csv } });
    expect(result.quarantine('inspections')).toEqual([
      { file: 'E09000007/inspections.csv', line: '2', column: 'outcome', reason: 'unknown_enum', value: 'h"mo' },
      { file: 'E09000007/inspections.csv', line: '3', column: 'outcome', reason: 'unknown_enum', value: 'not-hmo\r' },
      { file: 'E09000007/inspections.csv', line: '4', column: 'trigger', reason: 'unknown_enum', value: 'pro\nactive' },
    ]);
  });

  test('records of the wrong field count in a file read straight by DuckDB: BOM, CRLF, quotes, a CR inside quotes, the last record without a line end', async () => {
    const csv =
      '\ufeffuprn,inspection_date,outcome,trigger\r\n' +
      '100,2022-06-01,"h""mo","x,\ry",extra\r\n' + // 5 fields
      '100,2022-06-01,hmo,complaint\r\n' +
      '  \r\n' + // one field of spaces
      '"100","2022-06-01"\r\n' +
      '101,2023-01-10,bogus,proactive\r\n' +
      '100,2022-06-01,hmo,complaint,,,';
    const result = await ingest({ tables: { inspections: csv } });
    expect(result.status.tables.inspections).toMatchObject({ rows_read: 6, rows_accepted: 1, reasons: { malformed_row: 4, unknown_enum: 1 } });
    expect(result.quarantine('inspections').map((r) => [r.line, r.reason, r.column, r.value])).toEqual([
      ['2', 'malformed_row', '', ''], ['4', 'malformed_row', '', ''], ['5', 'malformed_row', '', ''],
      ['6', 'unknown_enum', 'outcome', 'bogus'], ['7', 'malformed_row', '', ''],
    ]);
    expect((await result.accepted('inspections')).map((r) => [r.source_line, r.uprn, r.outcome])).toEqual([['3', '100', 'hmo']]);
  });

  test('optional tables supplied are checked like the others', async () => {
    const result = await ingest({
      tables: {
        housing_benefit: 'uprn,claim_ref,start_date,end_date,weekly_rent,shared_accommodation_rate,landlord_ref\n100,C1,2021-01-01,,150.5,true,L1\n100,C2,2021-01-01,,-1,true,L1\n',
        complaints: 'uprn,received_date,category\n100,2022-01-01,noise\n,2022-01-02,waste\n',
      },
    });
    expect(result.status.tables.housing_benefit).toMatchObject({ supplied: true, rows_accepted: 1, reasons: { invalid_number: 1 } });
    expect(result.quarantine('housing_benefit')[0]).toMatchObject({ column: 'weekly_rent', value: "'-1" }) // formula-neutralised, as every CSV for people;
    expect(result.status.tables.complaints).toMatchObject({ supplied: true, rows_accepted: 1, reasons: { null_uprn: 1 } });
  });
});

describe('row checks (section 4.2): one reason per row, in order', () => {
  test('every value reason, with file, line, column and value', async () => {
    const result = await ingest({
      tables: withCouncilTax(
        councilTaxRow({ uprn: '0100' }), // 5
        councilTaxRow({ liable_persons: '0' }), // 6
        councilTaxRow({ start_date: '2023-02-29' }), // 7
        councilTaxRow({ start_date: '2026-10-01' }), // 8
        councilTaxRow({ single_person_discount: 'TRUE' }), // 9
        councilTaxRow({ uprn: '999' }), // 10
        councilTaxRow({ account_ref: 'A1', single_person_discount: 'false', liable_persons: '2' }), // 11: same text as line 2
        councilTaxRow({ student_exemption: '' }), // 12
        '100,A1', // 13
      ),
    });
    expect(result.quarantine('council_tax')).toEqual([
      { file: 'E09000007/council_tax.csv', line: '4', column: 'uprn', reason: 'malformed_uprn', value: '0100' },
      { file: 'E09000007/council_tax.csv', line: '5', column: 'liable_persons', reason: 'invalid_number', value: '0' },
      { file: 'E09000007/council_tax.csv', line: '6', column: 'start_date', reason: 'bad_date', value: '2023-02-29' },
      { file: 'E09000007/council_tax.csv', line: '7', column: 'start_date', reason: 'future_date', value: '2026-10-01' },
      { file: 'E09000007/council_tax.csv', line: '8', column: 'single_person_discount', reason: 'bad_boolean', value: 'TRUE' },
      { file: 'E09000007/council_tax.csv', line: '9', column: 'uprn', reason: 'unmatched_uprn', value: '999' },
      { file: 'E09000007/council_tax.csv', line: '10', column: '', reason: 'duplicate_row', value: '' },
      { file: 'E09000007/council_tax.csv', line: '11', column: 'student_exemption', reason: 'missing_value', value: '' },
      { file: 'E09000007/council_tax.csv', line: '12', column: '', reason: 'malformed_row', value: '' },
    ]);
    expect(result.status.tables.council_tax?.reasons).toEqual({
      malformed_row: 1, missing_value: 1, malformed_uprn: 1, invalid_number: 1, bad_date: 1, future_date: 1, bad_boolean: 1, unmatched_uprn: 1, duplicate_row: 1,
    });
    expectIdentity(result.status);
  });

  test('the first failing check wins: malformed before missing before values; values in column order', async () => {
    const result = await ingest({
      tables: withCouncilTax(
        '100,,2020-01-01,,true', // malformed (5 fields) though also missing account_ref
        councilTaxRow({ account_ref: '', uprn: 'x' }), // missing_value beats malformed_uprn
        councilTaxRow({ start_date: '2099-01-01', end_date: 'bad' }), // start_date before end_date
        councilTaxRow({ uprn: 'x', liable_persons: '0' }), // uprn column first
        councilTaxRow({ end_date: '2030-01-01', single_person_discount: 'no' }), // end_date future before boolean
      ),
    });
    expect(result.quarantine('council_tax').map((r) => [r.reason, r.column])).toEqual([
      ['malformed_row', ''], ['missing_value', 'account_ref'], ['future_date', 'start_date'], ['malformed_uprn', 'uprn'], ['future_date', 'end_date'],
    ]);
  });

  test('the pseudonymous value is never written to the quarantine', async () => {
    const result = await ingest({ tables: { electoral_register: 'uprn,elector_ref,surname_key,registered_date,removed_date\n555,E1,SECRETKEY,2019-01-01,\n100,E1,S,2019-01-01,\n100,E1,S,2019-01-01,\n' } });
    const rows = result.quarantine('electoral_register');
    expect(rows.map((r) => r.reason)).toEqual(['unmatched_uprn', 'duplicate_row']);
    expect(readFileSync(outputLayout(result.out).quarantineCsv('E09000007', 'electoral_register'), 'utf8')).not.toMatch(/SECRETKEY|E1/);
  });

  test('values are taken as written: spaces not trimmed, only empty and "" are null', async () => {
    const result = await ingest({
      tables: withCouncilTax(
        councilTaxRow({ uprn: ' 100' }),
        councilTaxRow({ single_person_discount: 'true ' }),
        councilTaxRow({ end_date: 'NULL' }),
        councilTaxRow({ end_date: 'NA' }),
        councilTaxRow({ end_date: '""', account_ref: 'Q1' }), // "" is a null: accepted
      ),
    });
    expect(result.quarantine('council_tax').map((r) => [r.reason, r.value])).toEqual([
      ['malformed_uprn', ' 100'], ['bad_boolean', 'true '], ['bad_date', 'NULL'], ['bad_date', 'NA'],
    ]);
    expect(result.status.tables.council_tax?.rows_accepted).toBe(3);
  });

  test('number and integer grammars and ranges', async () => {
    const rows = ['1e5', 'nan', 'inf', '"1,000"', '-0', '0', '.5', '5.', '-.5', '+5', '0x10', '12.5.1', '99999999999999999999999'].map((area, k) =>
      propertyRow({ uprn: String(300 + k), floor_area_m2: area }),
    );
    const result = await ingest({ tables: withProperties(...rows, propertyRow({ uprn: '400', habitable_rooms: '1.0' }), propertyRow({ uprn: '401', year_built: '-50' })) });
    const bad = result.quarantine('properties').map((r) => r.value);
    // Accepted: .5, 5., and 99999... (a valid number, no upper bound); -0 and 0 are not > 0; -.5 is negative.
    expect(bad).toEqual(['1e5', 'nan', 'inf', '1,000', "'-0", '0', "'-.5", "'+5", '0x10', '12.5.1', '1.0']);
    expect(result.quarantine('properties').every((r) => r.reason === 'invalid_number')).toBe(true);
    expect((await result.accepted('properties')).find((p) => p.uprn === '401')).toMatchObject({ year_built: '-50' });
  });

  test('uprn grammar: 1 to 12 digits, no leading zero', async () => {
    const result = await ingest({
      tables: withProperties(propertyRow({ uprn: '999999999999' }), propertyRow({ uprn: '1000000000000' }), propertyRow({ uprn: '0' }), propertyRow({ uprn: '12a' })),
    });
    expect(result.quarantine('properties').map((r) => [r.reason, r.value])).toEqual([
      ['malformed_uprn', '1000000000000'], ['malformed_uprn', '0'], ['malformed_uprn', '12a'],
    ]);
    expect((await result.accepted('properties')).some((p) => p.uprn === '999999999999')).toBe(true);
  });

  test('enums are exact: case and spacing matter', async () => {
    const result = await ingest({ tables: withProperties(propertyRow({ property_type: 'House' }), propertyRow({ uprn: '201', council_tax_band: 'c' }), propertyRow({ uprn: '202', epc_rating: 'A ' })) });
    expect(result.quarantine('properties').map((r) => [r.reason, r.column])).toEqual([
      ['unknown_enum', 'property_type'], ['unknown_enum', 'council_tax_band'], ['unknown_enum', 'epc_rating'],
    ]);
  });

  test('future_date applies to every date column but licences.end_date; the extract date itself is fine', async () => {
    const result = await ingest({
      tables: {
        licences: 'uprn,licence_ref,scheme,start_date,end_date,max_occupants,max_households\n100,L1,mandatory-hmo,2026-09-30,2099-01-01,6,\n100,L2,additional-hmo,2026-10-01,2030-01-01,,\n100,L3,selective,2020-01-01,2030-02-30,,\n',
      },
    });
    expect(result.quarantine('licences').map((r) => [r.line, r.reason, r.column])).toEqual([['3', 'future_date', 'start_date'], ['4', 'bad_date', 'end_date']]);
  });

  test('complaints: null uprn is null_uprn, before missing_value', async () => {
    const result = await ingest({ tables: { complaints: 'uprn,received_date,category\n,,noise\n"",2022-01-01,waste\n100,,noise\n555,2022-01-01,noise\n' } });
    expect(result.quarantine('complaints').map((r) => r.reason)).toEqual(['null_uprn', 'null_uprn', 'missing_value', 'unmatched_uprn']);
  });

  test('unmatched_uprn is against ACCEPTED properties only', async () => {
    // 201 is in properties.csv but quarantined (bad enum): its council tax row is unmatched.
    const result = await ingest({ tables: { ...withProperties(propertyRow({ uprn: '201', tenure: 'rented' })), ...withCouncilTax(councilTaxRow({ uprn: '201' })) } });
    expect(result.quarantine('council_tax')).toEqual([{ file: 'E09000007/council_tax.csv', line: '4', column: 'uprn', reason: 'unmatched_uprn', value: '201' }]);
  });

  test('duplicate_row compares the standard columns only, against an earlier ACCEPTED row', async () => {
    const inspections = 'uprn,inspection_date,outcome,trigger,note\n100,2022-06-01,hmo,complaint,a\n100,2022-06-01,hmo,complaint,b\n555,2022-06-01,hmo,complaint,c\n555,2022-06-01,hmo,complaint,d\n';
    const result = await ingest({ tables: { inspections } });
    // Lines 4 and 5 are unmatched, never duplicates of each other: the earlier one was not accepted.
    expect(result.quarantine('inspections').map((r) => [r.line, r.reason])).toEqual([['3', 'duplicate_row'], ['4', 'unmatched_uprn'], ['5', 'unmatched_uprn']]);
    expect(result.status.warnings).toContain(ingestMessages.unknownColumn('E09000007/inspections.csv', 'note'));
  });

  test('properties: duplicate_row when equal to the kept row, else duplicate_uprn; the first accepted row is kept', async () => {
    const result = await ingest({
      tables: withProperties(
        propertyRow({ uprn: '200', tenure: 'bad' }), // 5 quarantined: does not count as "accepted"
        propertyRow({ uprn: '200' }), // 6 kept
        propertyRow({ uprn: '200', address: 'Other' }), // 7 duplicate_uprn
        propertyRow({ uprn: '200' }), // 8 duplicate_row
        propertyRow({ uprn: '200', address: 'Other' }), // 9 duplicate_uprn (its twin was not accepted)
      ),
    });
    expect(result.quarantine('properties').map((r) => [r.line, r.reason])).toEqual([
      ['5', 'unknown_enum'], ['7', 'duplicate_uprn'], ['8', 'duplicate_row'], ['9', 'duplicate_uprn'],
    ]);
    expect((await result.accepted('properties')).filter((p) => p.uprn === '200').map((p) => p.source_line)).toEqual(['6']);
  });

  test('no check between columns: an end date before its start date is accepted', async () => {
    const result = await ingest({ tables: withCouncilTax(councilTaxRow({ start_date: '2022-01-01', end_date: '2021-01-01' })) });
    expect(result.status.tables.council_tax?.rows_quarantined).toBe(0);
  });

  test('a formula-like value is neutralised in the quarantine CSV', async () => {
    const result = await ingest({ tables: withProperties(propertyRow({ uprn: '=HYPERLINK("x")' })) });
    expect(result.quarantine('properties')[0]?.value).toBe('\'=HYPERLINK("x")');
  });
});

describe('borough-level failures (section 4.1)', () => {
  const file = (name: string) => `E09000007/${name}`;
  test.each<[string, BoroughFixture, string]>([
    ['folder not a London code', { code: 'E09000034' }, ingestMessages.notLondonFolder('E09000034')],
    ['borough_code disagrees with the folder', { manifest: (m) => ({ ...m, borough_code: 'E09000008' }) }, ingestMessages.boroughCodeMismatch(file('manifest.json'), 'E09000008', 'E09000007')],
    ['borough_code not London', { manifest: (m) => ({ ...m, borough_code: 'W06000015' }) }, ingestMessages.badBoroughCode(file('manifest.json'), 'W06000015')],
    ['manifest not JSON', { manifestText: '{"standard": ' }, 'E09000007/manifest.json: the manifest is not JSON'],
    ['unknown standard', { manifest: (m) => ({ ...m, standard: 'hmo-harmonised/2.0' }) }, ingestMessages.unknownStandard(file('manifest.json'), 'hmo-harmonised/2.0', 'hmo-harmonised/1.0')],
    ['extract_date not a date', { manifest: (m) => ({ ...m, extract_date: '2026-02-30' }) }, ingestMessages.badExtractDate(file('manifest.json'), '2026-02-30')],
    ['a required table not listed', { tables: { licences: null } }, ingestMessages.requiredTableNotListed(file('manifest.json'), 'licences')],
    ['a file that is a path', { manifest: (m) => ({ ...m, tables: { ...(m.tables as object), licences: { file: '../licences.csv', rows: 1 } } }) }, ingestMessages.tableFileIsPath(file('manifest.json'), 'licences', '../licences.csv')],
    ['a listed file missing', { manifest: (m) => ({ ...m, tables: { ...(m.tables as object), complaints: { file: 'complaints.csv', rows: 0 } } }) }, ingestMessages.fileMissing(file('complaints.csv'))],
    ['rows not an integer', { manifest: (m) => ({ ...m, tables: { ...(m.tables as object), licences: { file: 'licences.csv', rows: '1' } } }) }, ingestMessages.tableRowsInvalid(file('manifest.json'), 'licences', '1')],
    ['a rows mismatch (truncated copy)', { manifest: (m) => ({ ...m, tables: { ...(m.tables as object), inspections: { file: 'inspections.csv', rows: 3 } } }) }, ingestMessages.rowsMismatch(file('inspections.csv'), 3, 2)],
    ['an empty file', { tables: { licences: '' } }, ingestMessages.noHeader(file('licences.csv'))],
    ['a BOM alone', { tables: { licences: '\ufeff' } }, ingestMessages.noHeader(file('licences.csv'))],
    ['blank lines alone', { tables: { licences: '\n\n' } }, ingestMessages.noHeader(file('licences.csv'))],
    ['a quote left open', { tables: { inspections: 'uprn,inspection_date,outcome,trigger\n100,2022-06-01,hmo,complaint\n101,"2023-01-10,not-hmo,proactive\n' } }, ingestMessages.unclosedQuote(file('inspections.csv'), 3)],
    ['text after a closing quote', { tables: { inspections: 'uprn,inspection_date,outcome,trigger\n100,2022-06-01,"hmo"x,complaint\n' } }, ingestMessages.textAfterQuote(file('inspections.csv'), 2, '"outcome" (#3)')],
    ['a repeated column', { tables: { inspections: 'uprn,inspection_date,outcome,trigger,outcome\n100,2022-06-01,hmo,complaint,hmo\n' } }, ingestMessages.repeatedColumn(file('inspections.csv'), 1, 'outcome')],
    ['a required column missing', { tables: { inspections: 'uprn,inspection_date,Outcome,trigger\n100,2022-06-01,hmo,complaint\n' } }, ingestMessages.requiredColumnMissing(file('inspections.csv'), 'outcome')],
    ['a personal-data column, trimmed and lower-cased', { tables: { inspections: 'uprn,inspection_date,outcome,trigger, Email \n100,2022-06-01,hmo,complaint,x@y.z\n' } }, ingestMessages.personalDataColumn(file('inspections.csv'), ' Email ')],
  ])('%s', async (_name, fixture, message) => {
    const result = await ingest(fixture);
    expect(result.status.status).toBe('failed');
    expect(result.status.errors.some((e) => e.startsWith(message))).toBe(true);
    const layout = outputLayout(result.out);
    const code = fixture.code ?? 'E09000007';
    expect(existsSync(layout.boroughStatus(code))).toBe(true);
    expect(existsSync(layout.acceptedTable(code, 'properties'))).toBe(false);
    expect(existsSync(`${layout.quarantineDir}/${code}`)).toBe(false);
  });

  test('a file after properties that fails: the row checks already started on properties leave nothing, earlier outputs go too', async () => {
    const { root, drop, out } = tempWorkspace();
    roots.push(root);
    const dir = writeBorough(drop);
    const progress: string[] = [];
    const ctx = { ...silentContext, progress: { start: () => progress.push('start'), update: () => progress.push('update'), finish: () => progress.push('finish') } };
    expect((await ingestBorough({ drop, borough: 'E09000007', out }, ctx)).status).toBe('ok');
    expect(progress[0]).toBe('start');
    const { writeFileSync, readdirSync } = await import('node:fs');
    writeFileSync(`${dir}/licences.csv`, 'uprn,licence_ref,scheme,start_date,end_date\n100,"L1,mandatory,2020-01-01,\n');
    progress.length = 0;
    const status = await ingestBorough({ drop, borough: 'E09000007', out }, ctx);
    expect(status.status).toBe('failed');
    expect(status.errors).toEqual([ingestMessages.unclosedQuote('E09000007/licences.csv', 2)]);
    expect(status.tables).toEqual({});
    expect(progress).toEqual([]);
    const layout = outputLayout(out);
    expect(readdirSync(join(layout.ingestDir, 'E09000007'))).toEqual(['borough.json']);
    expect(JSON.parse(readFileSync(layout.boroughStatus('E09000007'), 'utf8'))).toEqual(status);
    expect(existsSync(join(layout.quarantineDir, 'E09000007'))).toBe(false);
    expect(readdirSync(layout.ingestDir)).toEqual(['E09000007']);
    expect(existsSync(layout.quarantineDir) ? readdirSync(layout.quarantineDir) : []).toEqual([]);
  });

  test('not UTF-8, with the line', async () => {
    const { root, drop, out } = tempWorkspace();
    roots.push(root);
    const dir = writeBorough(drop);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/inspections.csv`, Buffer.concat([Buffer.from('uprn,inspection_date,outcome,trigger\n100,2022-06-01,hmo,complaint\n101,2023-01-10,not-hm'), Buffer.from([0xe9]), Buffer.from('o,proactive\n')]));
    const status = await ingestBorough({ drop, borough: 'E09000007', out }, silentContext);
    expect(status.errors).toEqual([ingestMessages.notUtf8('E09000007/inspections.csv', 3)]);
  });

  test('a header-only file is a valid empty table', async () => {
    const result = await ingest({ tables: { licences: 'uprn,licence_ref,scheme,start_date,end_date\n' } });
    expect(result.status.status).toBe('ok');
    expect(result.status.tables.licences).toMatchObject({ rows_read: 0, rows_accepted: 0 });
    expect(await result.accepted('licences')).toEqual([]);
  });

  test('all problems of a borough are reported at once', async () => {
    const result = await ingest({ manifest: (m) => ({ ...m, extract_date: 'soon' }), tables: { licences: '', inspections: 'uprn,uprn\n' } });
    expect(result.status.errors.length).toBeGreaterThanOrEqual(4);
  });
});

describe('manifest and header rules that do not fail', () => {
  test('unknown table: warning; CSV present but not listed: ignored; unknown and personal-looking columns: warnings', async () => {
    const { root, drop, out } = tempWorkspace();
    roots.push(root);
    const dir = writeBorough(drop, {
      manifest: (m) => ({ ...m, tables: { ...(m.tables as object), pets: { file: 'pets.csv', rows: 1 } } }),
      tables: { inspections: 'uprn,inspection_date,outcome,trigger,Trigger,officer_name\n100,2022-06-01,hmo,complaint,x,y\n' },
    });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${dir}/complaints.csv`, 'garbage "unclosed\n');
    const status = await ingestBorough({ drop, borough: 'E09000007', out }, silentContext);
    expect(status.status).toBe('ok');
    expect(status.tables.complaints?.supplied).toBe(false);
    expect(status.warnings).toEqual([
      ingestMessages.unknownTable('E09000007/manifest.json', 'pets'),
      ingestMessages.unknownColumn('E09000007/inspections.csv', 'Trigger'),
      ingestMessages.personalLookingColumn('E09000007/inspections.csv', 'officer_name'),
    ]);
  });
});

test('a record longer than DuckDB\'s default line limit (2 MB) is read', async () => {
  const note = 'x'.repeat(3 * 1024 * 1024);
  const result = await ingest({ tables: { inspections: `uprn,inspection_date,outcome,trigger,note\n100,2022-06-01,hmo,complaint,"${note}"\n100,2022-06-01,hmo,complaint,y\n` } });
  expect(result.status.tables.inspections).toMatchObject({ rows_read: 2, rows_accepted: 1, reasons: { duplicate_row: 1 } });
});

describe('line numbers of a large simple file read straight by DuckDB', () => {
  test('source_line and quarantine lines follow the file over many row groups and threads', async () => {
    const rows: string[] = [];
    // uprn 100 is accepted in properties; the licence_ref carries the line the row is on.
    for (let line = 2; line < 300_002; line++) {
      rows.push(line % 50_000 === 0 ? `100,L${line},bogus,2021-01-01,2031-01-01,,` : `100,L${line},selective,2021-01-01,2031-01-01,,`);
    }
    rows[240_000 - 2] = '100,L7,selective,2021-01-01,2031-01-01,,'; // line 240000 repeats line 7
    // Records of the wrong field count, read straight from the drop too: one short, one long (a quoted comma in its extra field), one that would repeat line 7.
    rows[60_000 - 2] = '100,L60000,selective';
    rows[120_000 - 2] = '100,L120000,selective,2021-01-01,2031-01-01,,,"x,y",z';
    rows[280_000 - 2] = '100,L7,selective,2021-01-01,2031-01-01,,,';
    const licences = `uprn,licence_ref,scheme,start_date,end_date,max_occupants,max_households\n${rows.join('\n')}\n`;
    const result = await ingest({ tables: { licences } });
    expect(result.status.tables.licences).toMatchObject({ rows_read: 300_000, rows_quarantined: 10 });
    expect(result.quarantine('licences').map((r) => [r.line, r.reason])).toEqual([
      ['50000', 'unknown_enum'], ['60000', 'malformed_row'], ['100000', 'unknown_enum'], ['120000', 'malformed_row'], ['150000', 'unknown_enum'],
      ['200000', 'unknown_enum'], ['240000', 'duplicate_row'], ['250000', 'unknown_enum'], ['280000', 'malformed_row'], ['300000', 'unknown_enum'],
    ]);
    const db = await Duck.open();
    try {
      const parquet = sqlString(outputLayout(result.out).acceptedTable('E09000007', 'licences'));
      const wrong = await db.json(`SELECT count(*) AS n FROM read_parquet(${parquet}) WHERE licence_ref <> 'L' || source_line`);
      expect(wrong).toEqual([{ n: '0' }]);
      // The file itself is in line order (read in file order, one thread).
      const lines = (await db.all<{ line: bigint }>(`SELECT source_line AS line FROM read_parquet(${parquet})`)).map((r) => Number(r.line));
      expect(lines.every((line, k) => k === 0 || line > (lines[k - 1] as number))).toBe(true);
    } finally {
      db.close();
    }
  });
});

describe('tables checked side by side', () => {
  test('the outputs are the same whether the tables after properties are checked one, two or three at a time', async () => {
    // Faults in every table (value reasons, duplicates, malformed and unmatched UPRNs, a record of the wrong field
    // count), and a file that goes through the normalized copy (CRLF and a quoted line break). With two lanes or more,
    // the largest other table (council tax) is loaded while properties runs, and gets its unmatched_uprn check after.
    const rows = (n: number, row: (k: number) => string) => Array.from({ length: n }, (_, k) => row(k)).join('\n');
    const fixture: BoroughFixture = {
      tables: {
        properties: `${PROPERTIES_HEADER}\n${rows(400, (k) => propertyRow({ uprn: String(100 + (k % 390)), address: k % 3 === 0 && k >= 390 ? 'Other' : '9 Low Rd', tenure: k % 97 === 5 ? 'bad' : 'unknown' }))}\n`,
        council_tax: `${COUNCIL_TAX_HEADER}\n${rows(3000, (k) => councilTaxRow({ uprn: k === 50 ? 'U12' : k === 51 ? '0112' : String(100 + (k % 450)), account_ref: `A${k % 2900}`, start_date: k % 301 === 7 ? '2021-02-30' : '2020-01-01' }))}\n`,
        electoral_register: `uprn,elector_ref,surname_key,registered_date,removed_date\n${rows(2000, (k) => (k === 900 ? '101,E1' : `${100 + (k % 420)},E${k % 1990},S${k % 7},2019-01-01,`))}\n`,
        licences: `uprn,licence_ref,scheme,start_date,end_date,max_occupants,max_households\r\n${rows(500, (k) => `${100 + (k % 400)},"LIC/${k}${k === 10 ? '\r\nsecond line' : ''}",${k % 53 === 0 ? 'bogus' : 'selective'},2021-01-01,2031-01-01,,`).replace(/\n(?!second)/g, '\r\n')}\r\n`,
        inspections: `uprn,inspection_date,outcome,trigger\n${rows(800, (k) => `${100 + (k % 500)},2022-06-0${1 + (k % 3)},${k % 2 === 0 ? 'hmo' : 'not-hmo'},complaint`)}\n`,
        complaints: `uprn,received_date,category\n${rows(900, (k) => `${k % 61 === 0 ? '' : String(100 + (k % 480))},2024-0${1 + (k % 9)}-01,${k % 3 === 0 ? 'noise' : 'disrepair'}`)}\n`,
      },
    };
    const runs = [];
    for (const tableLanes of [1, 2, 3]) {
      const { root, drop, out } = tempWorkspace();
      roots.push(root);
      writeBorough(drop, fixture);
      const status = await ingestBorough({ drop, borough: 'E09000007', out, tableLanes }, silentContext);
      expect(status.status).toBe('ok');
      const layout = outputLayout(out);
      const tables = Object.keys(status.tables).filter((t) => status.tables[t as TableName]?.supplied) as TableName[];
      const db = await Duck.open();
      try {
        const accepted: Record<string, unknown> = {};
        for (const table of tables) accepted[table] = await db.json(`SELECT * FROM read_parquet(${sqlString(layout.acceptedTable('E09000007', table))}, file_row_number = true)`);
        runs.push({
          status: readFileSync(join(layout.ingestDir, 'E09000007', 'borough.json'), 'utf8'),
          quarantine: tables.map((t) => readFileSync(layout.quarantineCsv('E09000007', t), 'utf8')),
          accepted,
        });
      } finally {
        db.close();
      }
    }
    const [one, ...others] = runs;
    // The fixture does exercise every kind of outcome.
    const status = JSON.parse(one?.status ?? '{}') as BoroughStatus;
    expect(Object.values(status.tables).filter((t) => t.rows_quarantined > 0).map((t) => t.file)).toHaveLength(6);
    expect(Object.values(status.tables).flatMap((t) => Object.keys(t.reasons))).toEqual(
      expect.arrayContaining(['malformed_row', 'bad_date', 'unknown_enum', 'duplicate_row', 'duplicate_uprn', 'unmatched_uprn', 'null_uprn', 'malformed_uprn']),
    );
    for (const other of others) expect(other).toEqual(one);
  });

  test('accepted rows are written as Parquet without dictionary pages (DuckDB keeps one only for a column of a single value)', async () => {
    const result = await ingest();
    const db = await Duck.open();
    try {
      const parquet = sqlString(outputLayout(result.out).acceptedTable('E09000007', 'properties'));
      const chunks = await db.json<{ column: string; dictionary: string | null; encodings: string; single: boolean }>(
        `SELECT path_in_schema AS column, dictionary_page_offset AS dictionary, encodings, stats_min_value = stats_max_value AS single FROM parquet_metadata(${parquet})`,
      );
      expect(chunks.map((c) => c.column)).toEqual(expect.arrayContaining(['uprn', 'address', 'property_type', 'tenure']));
      const withDictionary = chunks.filter((c) => c.dictionary !== null || /DICTIONARY/.test(c.encodings));
      expect(withDictionary.map((c) => c.column)).toContain('borough_code');
      expect(withDictionary.filter((c) => !c.single)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
