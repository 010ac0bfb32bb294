import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Small licence registers written in the forms published London registers
 * take (issue 14): every column name, licence type spelling, date form,
 * address form, encoding, line ending and key/row oddity listed there. No
 * real register and no real name: streets, postcodes and references are
 * invented. Each fixture says what a correct harmonisation gives.
 */
export interface RegisterFixture {
  readonly name: string;
  readonly file: string;
  readonly encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16le' | 'utf-16be-bom' | 'windows-1252';
  readonly lineEnd: '\n' | '\r\n' | '\r';
  /** The file's lines (joined with lineEnd), header first. */
  readonly lines: readonly string[];
  /** Physical line → the UPRN the stand-in matcher gives its address (lines not listed: no match). */
  readonly truth: Readonly<Record<number, string>>;
  /** Raw column → standard target suggest must propose. */
  readonly expectColumns: Readonly<Record<string, string>>;
  /** Raw type spelling → scheme (every spelling of the fixture). */
  readonly expectSchemes?: Readonly<Record<string, string | null>>;
  /** Date forms suggest must find, per raw column. */
  readonly expectDateForms?: Readonly<Record<string, readonly string[]>>;
  /** Data rows (records after the header, blank ones excluded). */
  readonly rows: number;
  /** Expected rejected rows by reason after apply (with every suggested assumption confirmed). */
  readonly expectRejected: Readonly<Record<string, number>>;
  /** licence_ref (as written to the drop) → expected values of the drop row. */
  readonly expectRows?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Standard columns suggest must state an assumption for. */
  readonly expectAssumptions?: readonly string[];
  /** Standard columns suggest must state no assumption for. */
  readonly expectNoAssumptions?: readonly string[];
  /** Date cells that are not dates (a shifted record's "4" in a date column). */
  readonly expectUnreadDates?: number;
  /** Given as --extract-date when the register carries no date at all. */
  readonly extractDate?: string;
}

export const REGISTER_FIXTURES: readonly RegisterFixture[] = [
  {
    // A published register: BOM, CRLF, "Licence Type " with a trailing space, an empty header,
    // a council Property Ref that is not a UPRN, every type spelling, D/M/YYYY and JS dates in
    // one column, the address forms of issue 14, a duplicate row.
    name: 'published register (UTF-8 BOM, CRLF)',
    file: 'hmo_licence_register_2026-09-30.csv',
    encoding: 'utf-8-bom',
    lineEnd: '\r\n',
    lines: [
      'Licence No.,Property Address,Licence Type ,Start Date,Expiry Date,Max Occupancy,Max households,Storeys,Property Ref,',
      'HMO/0001,"18 Kestrel Avenue, London, NW10 9ZQ",Mandatory,06/12/2019,05/12/2024,6,5,3,PI/000000101,',
      'HMO/0002,"Flat 5 20, Acacia Grove, Hackney, London, N4 9ZR",Additional,1/2/2021,31/1/2026,4,4,2,PI/000000102,',
      'HMO/0003,54 Elgin Road Plaistow London E13 9ZS,Selective,Fri Dec 06 2019 12:00:00 GMT+0000 (Greenwich Mean Time),Thu Dec 05 2024 12:00:00 GMT+0000 (Greenwich Mean Time),5,2,2,PI/000000103,',
      '"HMO/0004","FLAT 2, 39 MILTON BROADWAY, LONDON, NW2 9ZT",Mandatory HMO licence,15/03/2022,14/03/2027,7,7,3,PI/000000104,',
      'HMO/0005,"Ground Floor Flat 85, Acacia Grove, London, N4 9ZR.",Additional HMO licence,02/04/2020,01/04/2025,3,3,2,PI/000000105,',
      'HMO/0006,"Lower Ground Floor Flat A 19, Cedar Road, London, N19 9ZU",Selective licence,Mon Jun 01 2020 00:00:00 GMT+0100 (British Summer Time),31/05/2025,5,3,2,PI/000000106,',
      'HMO/0007,"Flat C 152-154, Dunlace Street, London, E8 9ZV",M,7/7/2021,6/7/2026,8,6,4,PI/000000107,',
      'HMO/0008,"Bedsit A, 7 Fairholt Road, London, N16 9ZW",A,20/10/2022,19/10/2027,5,5,3,PI/000000108,',
      'HMO/0009,"Mezzzanine Floor Flat 2 114 Gordon Road, London, N19 9ZX",S,01/01/2023,31/12/2027,3,3,2,PI/000000109,',
      'HMO/0010,"Flat 1 3, Hazel Road, Hackney, London, N19 3JX\n                                    TEMPORARY EXEMPTION",,09/09/2021,08/09/2026,6,5,3,PI/000000110,',
      'HMO/0011,"Ravensdale House, 12 Linden Road, London, N",Mandatory,10/10/2020,09/10/2025,9,8,3,PI/000000111,',
      'HMO/0011,"Ravensdale House, 12 Linden Road, London, N",Mandatory,10/10/2020,09/10/2025,9,8,3,PI/000000111,',
    ],
    truth: { 2: '100000000001', 3: '100000000002', 4: '100000000003', 5: '100000000004', 6: '100000000005', 7: '100000000006', 8: '100000000007', 9: '100000000008', 10: '100000000009', 11: '100000000010', 13: '100000000011', 14: '100000000011' },
    expectColumns: {
      'Licence No.': 'licence_ref', 'Property Address': 'address', 'Licence Type ': 'scheme', 'Start Date': 'start_date', 'Expiry Date': 'end_date',
      'Max Occupancy': 'max_occupants', 'Max households': 'max_households', Storeys: 'ignore', 'Property Ref': 'ignore', 'column 10': 'ignore',
    },
    expectSchemes: {
      Mandatory: 'mandatory-hmo', Additional: 'additional-hmo', Selective: 'selective', 'Mandatory HMO licence': 'mandatory-hmo', 'Additional HMO licence': 'additional-hmo',
      'Selective licence': 'selective', M: 'mandatory-hmo', A: 'additional-hmo', S: 'selective', '': null,
    },
    expectDateForms: { 'Start Date': ['D/M/YYYY', 'JS date string'], 'Expiry Date': ['D/M/YYYY', 'JS date string'] },
    rows: 12,
    expectRejected: { duplicate_row: 1 },
    expectAssumptions: ['scheme'],
    expectRows: {
      'HMO/0001': { scheme: 'mandatory-hmo', start_date: '2019-12-06', end_date: '2024-12-05', max_occupants: '6', max_households: '5', uprn: '100000000001' },
      'HMO/0002': { scheme: 'additional-hmo', start_date: '2021-02-01', end_date: '2026-01-31' },
      'HMO/0003': { scheme: 'selective', start_date: '2019-12-06', end_date: '2024-12-05' },
      'HMO/0004': { scheme: 'mandatory-hmo', start_date: '2022-03-15' },
      'HMO/0006': { scheme: 'selective', start_date: '2020-06-01', end_date: '2025-05-31' },
      'HMO/0007': { scheme: 'mandatory-hmo', start_date: '2021-07-07', end_date: '2026-07-06' },
      'HMO/0008': { scheme: 'additional-hmo' },
      'HMO/0009': { scheme: 'selective' },
      'HMO/0010': { scheme: 'mandatory-hmo' },
    },
  },
  {
    // A register without dates or types, licence numbers "Unknown" in every row, the postcode in
    // its own column (once disagreeing with the address), Windows-1252 (a curly apostrophe, an
    // accented letter), LF line ends.
    name: 'register without dates or types (Windows-1252, LF)',
    file: 'houses_in_multiple_occupation.csv',
    encoding: 'windows-1252',
    lineEnd: '\n',
    lines: [
      'License Number,HMO Address,Postcode,No. of Households',
      'Unknown,"117 Acacia Street, London",E5 9ZA,5',
      'Unknown,"St John’s Court, 4 Cedar Road, London",N19 9ZU,6',
      'Unknown,"2 Café Parade, London, E5 9ZB",E5 9ZC,4',
      'Unknown,"9 Elm Walk, London",E5 9ZD,3',
      'Unknown,"40 Nowhere Lane, London",E5 9ZZ,3',
    ],
    truth: { 2: '200000000001', 3: '200000000002', 4: '200000000003', 5: '200000000004' },
    expectColumns: { 'License Number': 'licence_ref', 'HMO Address': 'address', Postcode: 'postcode', 'No. of Households': 'max_households' },
    rows: 5,
    expectRejected: { no_address_match: 1 },
    expectAssumptions: ['licence_ref', 'scheme', 'start_date', 'end_date'],
    extractDate: '2026-09-30',
  },
  {
    // Excel's "Unicode text": UTF-16 LE with a BOM, tab separated, CRLF; licence numbers in two
    // formats and some empty; ISO dates with times.
    name: 'register in UTF-16 (tab separated, CRLF)',
    file: 'licensing_export.txt',
    encoding: 'utf-16le-bom',
    lineEnd: '\r\n',
    lines: [
      'Licence Number\tAddress\tLicence Type\tLicence Start Date\tLicence Expiry Date\tMax Occupancy\tLicence Holder\tContact Phone',
      'HMO/2019/0001\t1 Sandringham Walk, London, N16 9ZE\tMandatory HMO licence\t2019-05-27 00:00:00\t2024-05-26 00:00:00\t5\tA. Landlord\t020 7946 0000',
      '20/00123/HMOMAN\t1, Sandringham Walk, Hackney, London, N16 9ZE\tAdditional HMO licence\t2020-01-15 00:00:00\t2025-01-14 00:00:00\t4\tB. Owner\t020 7946 0001',
      '\tFlat 1 3 Henley Road, London, N4 9ZF\tSelective licence\t2021-03-01 09:30:00\t2026-02-28 09:30:00\t2\tC. Holder\t07700 900000',
      'HMO/2021/0003\tFlat A 379, Lewisham Way, Hither Green, London, SE13 9ZG\tMandatory HMO licence\t2021-08-01 00:00:00\t2026-07-31 00:00:00\t6\tD. Agent\t07700 900001',
    ],
    truth: { 2: '300000000001', 3: '300000000001', 4: '300000000002', 5: '300000000003' },
    expectColumns: {
      'Licence Number': 'licence_ref', Address: 'address', 'Licence Type': 'scheme', 'Licence Start Date': 'start_date', 'Licence Expiry Date': 'end_date',
      'Max Occupancy': 'max_occupants', 'Licence Holder': 'drop', 'Contact Phone': 'drop',
    },
    expectSchemes: { 'Mandatory HMO licence': 'mandatory-hmo', 'Additional HMO licence': 'additional-hmo', 'Selective licence': 'selective' },
    expectDateForms: { 'Licence Start Date': ['YYYY-MM-DD hh:mm:ss'] },
    rows: 4,
    expectRejected: {},
    expectAssumptions: ['licence_ref'],
    expectRows: { 'HMO/2019/0001': { start_date: '2019-05-27', end_date: '2024-05-26', scheme: 'mandatory-hmo' } },
  },
  {
    // A PDF converted to CSV: a title row and a blank line above the header, a record split over two
    // rows with its fields shifted one column, an address wrapped onto a second row, a row cut short,
    // old Mac CR line ends.
    name: 'register converted from a PDF (CR line ends, title rows, split records)',
    file: 'Register of Licences (PDF).csv',
    encoding: 'utf-8',
    lineEnd: '\r',
    lines: [
      'London Borough of Nowhere - Public Register of HMO Licences,,,,,',
      ',,,,,',
      'Licence Number,Property Address,Licence Type,Licence Start Date,Licence Expiry Date,Max households',
      'LN-0001,"5 Beaumont Rise, London, E9 9ZH",Mandatory,01/02/2020,31/01/2025,5',
      'LN-0002,"21 Beaumont Rise, London,",Additional,03/03/2021,,',
      ',E9 9ZH,02/03/2026,4,,',
      'LN-0003,"8 Chatsworth Close, London, E9 9ZJ",Selective,04/04/2022,03/04/2027',
      'LN-0004,"30 Chatsworth Close, London, E9 9ZJ",mandatory,05/05/2023,04/05/2028,3',
      'LN-0005,"Flat 3, Orchard Mansions, 40",Additional,06/06/2022,05/06/2027,6',
      ',"Chatsworth Close, London, E9 9ZJ",,,,',
    ],
    truth: { 4: '400000000001', 5: '400000000002', 7: '400000000003', 8: '400000000004', 9: '400000000005' },
    expectColumns: { 'Licence Number': 'licence_ref', 'Property Address': 'address', 'Licence Type': 'scheme', 'Licence Start Date': 'start_date', 'Licence Expiry Date': 'end_date', 'Max households': 'max_households' },
    expectSchemes: { Mandatory: 'mandatory-hmo', Additional: 'additional-hmo', Selective: 'selective', mandatory: 'mandatory-hmo' },
    rows: 7,
    // LN-0002's second row (the rest of its address, then its expiry and households shifted left) and
    // LN-0005's (the rest of its address) are joined to their records and accounted for as continuation
    // rows; LN-0003 is cut short (malformed_row).
    expectRejected: { continuation_row: 2, malformed_row: 1 },
    expectNoAssumptions: ['end_date', 'licence_ref', 'scheme'],
    expectRows: {
      'LN-0004': { scheme: 'mandatory-hmo', start_date: '2023-05-05' },
      'LN-0002': { uprn: '400000000002', scheme: 'additional-hmo', start_date: '2021-03-03', end_date: '2026-03-02', max_households: '4' },
      'LN-0005': { uprn: '400000000005', scheme: 'additional-hmo', end_date: '2027-06-05', max_households: '6' },
    },
  },
  {
    // Saved by Excel with its "sep=," line; headers in odd case with stray spaces; the licence holder's
    // name and address and the managing agent (people: dropped); "Date Licence Granted" / "Licence
    // Expires"; dates as 06.12.2019, 6th December 2019 and ISO date-times; "HMO Mandatory", "Additional (HMO)".
    name: 'register with holder columns and odd headers (sep= line, CRLF)',
    file: 'Licence_Register_December_2026.csv',
    encoding: 'utf-8',
    lineEnd: '\r\n',
    lines: [
      'sep=,',
      'LICENCE NUMBER ,Licensee, Licensee Address,Property address ,licence type,DATE LICENCE GRANTED,Licence Expires,Managing Agent,Number of Storeys',
      'HMO/1,A. Fixture,"9 Elsewhere Street, London, E1 9ZA","1 Quill Road, London, N1 9ZB",HMO Mandatory,06.12.2019,05.12.2024,B. Fixture Lettings,3',
      'HMO/2,C. Fixture,"8 Elsewhere Street, London, E1 9ZA","2 Quill Road, London, N1 9ZB",Additional (HMO),6th December 2019,5th December 2024,,2',
      'HMO/3,D. Fixture,"7 Elsewhere Street, London, E1 9ZA","3 Quill Road, London, N1 9ZB",HMO Mandatory,2019-12-06 00:00:00,2024-12-05 00:00:00,,2',
    ],
    truth: { 3: '600000000001', 4: '600000000002', 5: '600000000003' },
    expectColumns: {
      'LICENCE NUMBER ': 'licence_ref', Licensee: 'drop', ' Licensee Address': 'drop', 'Property address ': 'address', 'licence type': 'scheme',
      'DATE LICENCE GRANTED': 'start_date', 'Licence Expires': 'end_date', 'Managing Agent': 'drop', 'Number of Storeys': 'ignore',
    },
    expectSchemes: { 'HMO Mandatory': 'mandatory-hmo', 'Additional (HMO)': 'additional-hmo' },
    expectDateForms: { 'DATE LICENCE GRANTED': ['D.M.YYYY', 'D MMM YYYY', 'YYYY-MM-DD hh:mm:ss'] },
    rows: 3,
    expectRejected: {},
    extractDate: '2026-09-30',
    expectRows: {
      'HMO/1': { uprn: '600000000001', scheme: 'mandatory-hmo', start_date: '2019-12-06', end_date: '2024-12-05' },
      'HMO/2': { scheme: 'additional-hmo', start_date: '2019-12-06', end_date: '2024-12-05' },
      'HMO/3': { start_date: '2019-12-06', end_date: '2024-12-05' },
    },
  },
  {
    // Windows-1252 and semicolons; the holder's name twice (accented); the address under "Premises",
    // a header no synonym names (found by its values); no licence number column at all.
    name: 'register without licence numbers, address under "Premises" (Windows-1252)',
    file: 'hmo_register_2026-09-30.csv',
    encoding: 'windows-1252',
    lineEnd: '\r\n',
    lines: [
      'Licence Holder Name;Licence holder;Premises;Post Code;Type of licence;Issued;Expiry;Occupants',
      'José Fixture;Peña Fixture;"Flat 1, 4 Quill Road";N1 9ZB;Mandatory;06/12/2019;05/12/2024;5',
      'X. Fixture;Y. Fixture;"Flat 2, 4 Quill Road";N1 9ZB;Additional;07/12/2019;06/12/2024;4',
      'Z. Fixture;Z. Fixture;4A Quill Road;N1 9ZB;Additional;08/12/2019;07/12/2024;3',
    ],
    truth: { 2: '700000000001', 3: '700000000002', 4: '700000000003' },
    expectColumns: {
      'Licence Holder Name': 'drop', 'Licence holder': 'drop', Premises: 'address', 'Post Code': 'postcode', 'Type of licence': 'scheme',
      Issued: 'start_date', Expiry: 'end_date', Occupants: 'max_occupants',
    },
    expectSchemes: { Mandatory: 'mandatory-hmo', Additional: 'additional-hmo' },
    rows: 3,
    expectRejected: {},
    expectAssumptions: ['licence_ref'],
    expectRows: { 'hmo_register_2026-09-30.csv:2': { uprn: '700000000001', scheme: 'mandatory-hmo', start_date: '2019-12-06', max_occupants: '5' } },
  },
  {
    // The barest register published: a licence number and an address, nothing else (no type, no dates).
    name: 'register of licence numbers and addresses only',
    file: 'register.csv',
    encoding: 'utf-8',
    lineEnd: '\n',
    lines: ['Licence Number,Address', 'HMO/1,"1 Quill Road, London, N1 9ZB"', 'HMO/2,"2 Quill Road, London, N1 9ZB"', 'HMO/3,"Flat 1, 4 Quill Road, London, N1 9ZB"'],
    truth: { 2: '800000000001', 3: '800000000002', 4: '800000000003' },
    expectColumns: { 'Licence Number': 'licence_ref', Address: 'address' },
    rows: 3,
    expectRejected: {},
    extractDate: '2026-09-30',
    expectAssumptions: ['scheme', 'start_date', 'end_date'],
    expectRows: { 'HMO/3': { uprn: '800000000003', scheme: 'mandatory-hmo', start_date: '2026-09-30', end_date: '2031-09-30' } },
  },
  {
    // Latin-1 with semicolons (a European spreadsheet), dates as 06-Dec-2019 and ISO, types as letters.
    name: 'selective register (Latin-1, semicolons, D-MMM-YYYY)',
    file: 'selective_licences_20260930.csv',
    encoding: 'windows-1252',
    lineEnd: '\r\n',
    lines: [
      'Licence Ref;Licence Type;Address;Postcode;Date Issued;Expiry;Max Occupancy',
      'SL/1;S;"Flat, 1, 13A Deptford Row, London, SE8 9ZK.";SE8 9ZK;06-Dec-2019;05-Dec-2024;4',
      'SL/2;S;1 Flat 13a, Deptford Row, London, SE8 9ZK;SE8 9ZK;2020-01-31;2025-01-30;3',
      'SL/3;A;"379A Lewisham Way, Hither Green, London, SE13 9ZG.";SE13 9ZG;7 Mar 2021;6 Mar 2026;5',
      'SL/4;M;"Flat 2, Chaussée House, 6 Rosebery Mews, London, SE8 9ZL";SE8 9ZL;12-Nov-2022;11-Nov-2027;7',
    ],
    truth: { 2: '500000000001', 3: '500000000001', 4: '500000000002', 5: '500000000003' },
    expectColumns: { 'Licence Ref': 'licence_ref', 'Licence Type': 'scheme', Address: 'address', Postcode: 'postcode', 'Date Issued': 'start_date', Expiry: 'end_date', 'Max Occupancy': 'max_occupants' },
    expectSchemes: { S: 'selective', A: 'additional-hmo', M: 'mandatory-hmo' },
    expectDateForms: { 'Date Issued': ['YYYY-MM-DD', 'D MMM YYYY'] },
    rows: 4,
    expectRejected: {},
    expectRows: { 'SL/1': { start_date: '2019-12-06', end_date: '2024-12-05', scheme: 'selective' }, 'SL/3': { start_date: '2021-03-07', scheme: 'additional-hmo' } },
  },
];

/** Encodes text as the fixture says (Windows-1252 by its single-byte table for the few characters used). */
export function encodeFixture(text: string, encoding: RegisterFixture['encoding']): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.from(text, 'utf16le');
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be-bom': {
      const le = Buffer.from(text, 'utf16le');
      for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    }
    case 'windows-1252': {
      const special: Record<string, number> = { '’': 0x92, '‘': 0x91, '€': 0x80, '–': 0x96 };
      return Buffer.from([...text].map((ch) => special[ch] ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
    }
  }
}

/** Writes a fixture's file into `dir` and returns its path. */
export function writeFixture(dir: string, fixture: RegisterFixture): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fixture.file);
  writeFileSync(path, encodeFixture(fixture.lines.join(fixture.lineEnd) + fixture.lineEnd, fixture.encoding));
  return path;
}

/** A gazetteer (properties.csv of the standard) holding every UPRN the fixtures' truth names. */
export function writeFixtureGazetteer(path: string, fixtures: readonly RegisterFixture[]): void {
  const uprns = [...new Set(fixtures.flatMap((f) => Object.values(f.truth)))].sort();
  const lines = ['uprn,address,postcode,ward_code,property_type,council_tax_band,tenure'];
  uprns.forEach((uprn, i) => lines.push(`${uprn},"${i + 1} Fixture Road, London",N1 9ZZ,E05000001,flat,C,private-rented`));
  writeFileSync(path, `${lines.join('\n')}\n`);
}
