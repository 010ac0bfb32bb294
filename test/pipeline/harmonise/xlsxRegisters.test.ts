import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMapping } from '../../../pipeline/harmonise/apply/applyMapping.js';
import { mappingToYaml } from '../../../pipeline/harmonise/mapping/mappingYaml.js';
import { listRawSources, openRawSource, rawSourceFile } from '../../../pipeline/harmonise/read/rawReaders.js';
import { RawCsvReader } from '../../../pipeline/harmonise/read/RawCsvReader.js';
import { cellText } from '../../../pipeline/harmonise/read/XlsxSheetReader.js';
import { suggestMapping } from '../../../pipeline/harmonise/suggest/suggestMapping.js';
import { harmoniseMessages } from '../../../pipeline/messages/harmonise.js';
import type { StageContext } from '../../../pipeline/stage.js';
import { silentContext } from '../../../pipeline/stage.js';
import { standInAddressMatcher } from '../../helpers/standInAddressMatcher.js';
import { writeXlsx, type XlsxCell } from '../../helpers/writeXlsx.js';
import { confirmAssumptions, truthByAddress } from './harmoniseTestKit.js';

const BOROUGH = 'E09000012';
const HEADER: XlsxCell[] = ['Licence Number', 'Licence Type ', 'Property Address', 'Postcode', 'Licence Holder', 'Holder Telephone', 'Start Date', 'Expiry Date', 'Max households'];
// Invented streets, postcodes and people. Dates as date cells (what a sheet holds) and, in one row, typed as text.
const MANDATORY: (XlsxCell[] | null)[] = [
  ['London Borough of Example: register of licensed HMOs'],
  null,
  HEADER,
  ['HMO/0001', 'Mandatory', '18 Kestrel Avenue, London', 'NW10 9ZQ', 'Ann Example', '020 7946 0001', { date: '2019-12-06' }, { date: '2024-12-05' }, 5],
  ['HMO/0002', 'Mandatory HMO licence', 'Flat 5 20, Acacia Grove, Hackney, London', 'N4 9ZR', 'Bob Example', '07700 900002', '06/12/2019', '05/12/2024', 4],
  null,
  ['HMO/0003', 'M', 'FLAT 2, 39 MILTON BROADWAY, LONDON', 'NW2 9ZT', 'Cat Example', '07700 900003', { date: '2022-03-15' }, { date: '2027-03-14' }, 7],
  ['HMO/0003', 'M', 'FLAT 2, 39 MILTON BROADWAY, LONDON', 'NW2 9ZT', 'Cat Example', '07700 900003', { date: '2022-03-15' }, { date: '2027-03-14' }, 7],
  ['HMO/0004', 'Mandatory', '54 Elgin Road Plaistow London', 'E13 9ZS', 'Dan Example', '07700 900004', { date: '2021-02-01' }, { date: '2026-01-31' }, 3],
];
const ADDITIONAL: (XlsxCell[] | null)[] = [
  HEADER,
  ['AHL/0101', 'Additional', '7 Fairholt Road, London', 'N16 9ZW', 'Eve Example', '07700 900005', { date: '2020-04-02' }, { date: '2025-04-01' }, 3],
  ['AHL/0102', 'A', '114 Gordon Road, London', 'N19 9ZX', 'Fay Example', '07700 900006', { date: '2023-01-01' }, { date: '2027-12-31' }, 2],
];

function collectingContext(warnings: string[]): StageContext {
  return { ...silentContext, log: { ...silentContext.log, warn: (message: string) => warnings.push(message) } };
}

function readCsv(path: string): Record<string, string>[] {
  const records = [...new RawCsvReader(path).records()];
  const header = records[0]?.fields ?? [];
  return records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r.fields[i] ?? ''])));
}

describe('Excel workbooks (.xlsx) as raw exports', () => {
  let dir: string;
  let raw: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hmo-xlsx-'));
    raw = join(dir, 'raw');
    mkdirSync(raw, { recursive: true });
    writeXlsx(join(raw, 'hmo_register_2026-09-30.xlsx'), [
      { name: 'Mandatory', rows: MANDATORY },
      { name: 'Notes', rows: [] },
      { name: 'Additional', rows: ADDITIONAL },
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads cells as a CSV saved from the sheet holds them', () => {
    expect(cellText(null)).toBe('');
    expect(cellText('Licence Type ')).toBe('Licence Type ');
    expect(cellText('100021234567')).toBe('100021234567');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(new Date(Date.UTC(2019, 11, 6)))).toBe('2019-12-06');
    expect(cellText(new Date(Date.UTC(2019, 11, 6, 12, 30)))).toBe('2019-12-06T12:30:00');
  });

  it('lists each sheet with data of a workbook as a source (one sheet: the file name), and names formats it does not read', async () => {
    const list = join(dir, 'list');
    mkdirSync(list, { recursive: true });
    writeXlsx(join(list, 'hmo_register_2026-09-30.xlsx'), [{ name: 'Mandatory', rows: MANDATORY }, { name: 'Notes', rows: [] }, { name: 'Additional', rows: ADDITIONAL }]);
    writeXlsx(join(list, 'one_sheet.xlsx'), [{ name: 'Empty', rows: [] }, { name: 'Sheet1', rows: [['Licence No.', 'Address'], ['X/1', '1 Test Road, London, N1 9ZZ']] }]);
    writeFileSync(join(list, 'old_register.xls'), 'not read');
    const warnings: string[] = [];
    const sources = await listRawSources(list, collectingContext(warnings));
    expect(sources).toEqual(['hmo_register_2026-09-30.xlsx [Mandatory]', 'hmo_register_2026-09-30.xlsx [Additional]', 'one_sheet.xlsx']);
    expect(warnings).toEqual([harmoniseMessages.spreadsheetSkipped('old_register.xls')]);
    expect(rawSourceFile('hmo_register_2026-09-30.xlsx [Additional]')).toBe('hmo_register_2026-09-30.xlsx');
  });

  it("gives each record its sheet row number, its cells as text, numbers as stored and date cells as YYYY-MM-DD", async () => {
    const table = await openRawSource(raw, 'hmo_register_2026-09-30.xlsx [Mandatory]');
    const records = [...table.records()];
    expect(records.map((r) => r.line)).toEqual([1, 3, 4, 5, 7, 8, 9]);
    expect(records[1]?.fields).toEqual(HEADER);
    expect(records[2]?.fields).toEqual(['HMO/0001', 'Mandatory', '18 Kestrel Avenue, London', 'NW10 9ZQ', 'Ann Example', '020 7946 0001', '2019-12-06', '2024-12-05', '5']);
    expect(records[3]?.fields[6]).toBe('06/12/2019');
    expect(table.encoding).toBeUndefined();
    expect(table.format).toBe('xlsx');
  });

  it('says which workbook cannot be read, and what to do', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, 'broken.xlsx'), 'this is not a zip');
    await expect(listRawSources(bad)).rejects.toThrow(/broken\.xlsx cannot be read as an Excel workbook \(\.xlsx\).*save it again as \.xlsx, or save each sheet as CSV/);
  });

  it('suggest maps the sheets with no hand edits, and apply accounts for every row', async () => {
    const suggested = await suggestMapping({ raw, borough: BOROUGH });
    const mandatory = suggested.files['hmo_register_2026-09-30.xlsx [Mandatory]'];
    const additional = suggested.files['hmo_register_2026-09-30.xlsx [Additional]'];
    expect(mandatory?.table).toBe('licences');
    expect(additional?.table).toBe('licences');
    expect(mandatory?.header_line).toBe(3);
    expect(Object.fromEntries(Object.entries(mandatory?.columns ?? {}).map(([k, c]) => [k, c.to]))).toEqual({
      'Licence Number': 'licence_ref', 'Licence Type ': 'scheme', 'Property Address': 'address', Postcode: 'postcode', 'Licence Holder': 'drop',
      'Holder Telephone': 'drop', 'Start Date': 'start_date', 'Expiry Date': 'end_date', 'Max households': 'max_households',
    });
    expect(mandatory?.columns['Start Date']?.date_forms).toEqual(expect.arrayContaining(['YYYY-MM-DD', 'D/M/YYYY']));
    expect(mandatory?.columns['Licence Type ']?.values).toEqual({ Mandatory: 'mandatory-hmo', 'Mandatory HMO licence': 'mandatory-hmo', M: 'mandatory-hmo' });
    expect(additional?.columns['Licence Type ']?.values).toEqual({ Additional: 'additional-hmo', A: 'additional-hmo' });
    expect(suggested.extract_date).toBe('2026-09-30');
    // A sheet has no encoding or delimiter: the mapping names none.
    expect(mandatory).not.toHaveProperty('encoding');
    expect(mandatory).not.toHaveProperty('delimiter');
    expect(mappingToYaml(suggested)).toContain('hmo_register_2026-09-30.xlsx [Mandatory]:');

    const mapping = confirmAssumptions(suggested);
    const truth = await truthByAddress(raw, mapping, new Map([
      ['hmo_register_2026-09-30.xlsx [Mandatory]', new Map([[4, '100000000001'], [5, '100000000002'], [7, '100000000003'], [8, '100000000003']])],
      ['hmo_register_2026-09-30.xlsx [Additional]', new Map([[2, '100000000005'], [3, '100000000006']])],
    ]));
    const gazetteer = join(dir, 'gazetteer.csv');
    writeFileSync(gazetteer, ['uprn,address,postcode,ward_code,property_type,council_tax_band,tenure', ...['100000000001', '100000000002', '100000000003', '100000000004', '100000000005', '100000000006'].map((u, i) => `${u},"${i + 1} Fixture Road, London",N1 9ZZ,E05000001,flat,C,private-rented`)].join('\n') + '\n');
    const out = join(dir, 'out');
    const report = await applyMapping({ raw, mapping, gazetteer, out, matcher: standInAddressMatcher(truth) });
    const m = report.files['hmo_register_2026-09-30.xlsx [Mandatory]'];
    const a = report.files['hmo_register_2026-09-30.xlsx [Additional]'];
    expect([m?.rows_read, m?.rows_written, m?.rows_review, m?.rows_rejected]).toEqual([5, 3, 0, 2]);
    expect(m?.reasons).toEqual({ duplicate_row: 1, no_address_match: 1 });
    expect([a?.rows_read, a?.rows_written, a?.rows_rejected]).toEqual([2, 2, 0]);
    expect(m?.encoding).toBe('xlsx');
    expect(Object.values(m?.date_forms ?? {}).every((forms) => (forms.unread ?? 0) === 0)).toBe(true);

    const licences = readCsv(join(out, 'drop', BOROUGH, 'licences.csv'));
    const byRef = (rows: string[][]) => [...rows].sort((x, y) => (x[0] ?? '').localeCompare(y[0] ?? ''));
    expect(byRef(licences.map((l) => [l.licence_ref ?? '', l.uprn ?? '', l.scheme ?? '', l.start_date ?? '', l.end_date ?? '', l.max_households ?? '']))).toEqual(byRef([
      ['HMO/0001', '100000000001', 'mandatory-hmo', '2019-12-06', '2024-12-05', '5'],
      ['HMO/0002', '100000000002', 'mandatory-hmo', '2019-12-06', '2024-12-05', '4'],
      ['HMO/0003', '100000000003', 'mandatory-hmo', '2022-03-15', '2027-03-14', '7'],
      ['AHL/0101', '100000000005', 'additional-hmo', '2020-04-02', '2025-04-01', '3'],
      ['AHL/0102', '100000000006', 'additional-hmo', '2023-01-01', '2027-12-31', '2'],
    ]));
    // No holder's name or telephone reaches the drop.
    const dropText = readFileSync(join(out, 'drop', BOROUGH, 'licences.csv'), 'utf8');
    for (const person of ['Example', '020 7946', '07700']) expect(dropText).not.toContain(person);
    // The review sheet and the rejections are named after the sheet, with its row numbers.
    const rejected = readCsv(join(out, 'rejected', BOROUGH, 'hmo_register_2026-09-30.xlsx [Mandatory].csv'));
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([['8', 'duplicate_row'], ['9', 'no_address_match']]);
    expect(readCsv(join(out, 'matches', BOROUGH, 'hmo_register_2026-09-30.xlsx [Additional].csv')).map((r) => [r.line, r.decision])).toEqual([['2', 'sure'], ['3', 'sure']]);
    expect(report.validation?.errors.every((e) => /required table/.test(e))).toBe(true);
  });
});
