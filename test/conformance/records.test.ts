/**
 * Section 1's counting rules for `rows` and section 2's CSV format: quoted
 * line breaks, CRLF, blank lines, byte-order mark, final line break or none,
 * literal quotes; and the PHYSICAL line numbers the quarantine gives (a
 * record is named by the line it starts on; records after a quoted line
 * break or a blank line shift). Each scenario is one borough of a shared
 * drop; `rows` in its manifest are counted by the suite's own reader.
 */
import { SECRETS, cleanUp, columnsOf, csvLine, fates, ingest, accepted, standardRows, workspace, writeBorough, type IngestRun, type Table } from './conformanceDrop.js';

const header = columnsOf('properties').join(',');
const p = (o: Record<string, string> = {}) => csvLine('properties', o);

interface Scenario {
  name: string;
  code: string;
  properties: string;
  rows: number;
  /** Physical line → fate. */
  lines: Record<number, string>;
  /** Physical line → address expected in the accepted table. */
  addresses?: Record<number, string>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a line break inside a quoted field does not start a record; later records keep their physical line',
    code: 'E09000011',
    properties: `${header}\n${p({ address: '"1 Test\nRoad"' })}\n${p({ uprn: '1002', property_type: 'castle' })}\n${p({ uprn: '1003', address: '"3\n\nTest Road"', tenure: 'x' })}\n${p({ uprn: '1004' })}\n`,
    rows: 4,
    lines: { 2: 'accepted', 4: 'unknown_enum', 5: 'unknown_enum', 8: 'accepted' },
    addresses: { 2: '1 Test\nRoad' },
  },
  {
    name: 'CRLF line ends, and CRLF inside a quoted field kept as written',
    code: 'E09000012',
    properties: `${header}\r\n${p({ address: '"1 Test\r\nRoad"' })}\r\n${p({ uprn: '1002', property_type: 'castle' })}\r\n${p({ uprn: '1003' })}\r\n`,
    rows: 3,
    lines: { 2: 'accepted', 4: 'unknown_enum', 5: 'accepted' },
    addresses: { 2: '1 Test\r\nRoad', 5: '1 Test Road' },
  },
  {
    name: 'completely empty lines are not records, but they are lines',
    code: 'E09000013',
    properties: `${header}\n\n${p()}\n\n\n${p({ uprn: '1002', property_type: 'castle' })}\n${p({ uprn: '1003' })}\n\n\n`,
    rows: 3,
    lines: { 3: 'accepted', 6: 'unknown_enum', 7: 'accepted' },
  },
  {
    name: 'empty CRLF lines are not records',
    code: 'E09000014',
    properties: `${header}\r\n\r\n${p()}\r\n\r\n${p({ uprn: '1002', property_type: 'castle' })}\r\n`,
    rows: 2,
    lines: { 3: 'accepted', 5: 'unknown_enum' },
  },
  {
    name: 'a byte-order mark is not part of the first column name, and not a record',
    code: 'E09000015',
    properties: `\ufeff${header}\n${p()}\n${p({ uprn: '1002', property_type: 'castle' })}\n`,
    rows: 2,
    lines: { 2: 'accepted', 3: 'unknown_enum' },
  },
  {
    name: 'no final line break: the last record counts',
    code: 'E09000016',
    properties: `${header}\n${p()}\n${p({ uprn: '1002', property_type: 'castle' })}`,
    rows: 2,
    lines: { 2: 'accepted', 3: 'unknown_enum' },
  },
  {
    name: 'BOM, CRLF and no final line break together',
    code: 'E09000017',
    properties: `\ufeff${header}\r\n${p()}\r\n${p({ uprn: '1002' })}`,
    rows: 2,
    lines: { 2: 'accepted', 3: 'accepted' },
    addresses: { 3: '1 Test Road' },
  },
  {
    name: 'LF and CRLF line ends in one file',
    code: 'E09000018',
    properties: `${header}\r\n${p()}\n${p({ uprn: '1002', property_type: 'castle' })}\r\n${p({ uprn: '1003' })}\n`,
    rows: 3,
    lines: { 2: 'accepted', 3: 'unknown_enum', 4: 'accepted' },
    addresses: { 4: '1 Test Road' },
  },
  {
    name: 'quotes: a literal quote in an unquoted field, doubled quotes, a quoted comma, a quoted header-looking value',
    code: 'E09000020',
    properties:
      `${header}\n${p({ address: '5 The "Old" Mill' })}\n${p({ uprn: '1002', address: '"Flat ""A"", 2 Road"' })}\n` +
      `${p({ uprn: '1003', address: 'a"' })}\n${p({ uprn: '1004', address: '"uprn,address"' })}\n`,
    rows: 4,
    lines: { 2: 'accepted', 3: 'accepted', 4: 'accepted', 5: 'accepted' },
    addresses: { 2: '5 The "Old" Mill', 3: 'Flat "A", 2 Road', 4: 'a"', 5: 'uprn,address' },
  },
  {
    name: 'a line of spaces or a lone "" is a record (malformed_row), not an empty line',
    code: 'E09000021',
    properties: `${header}\n${p()}\n   \n""\n${p({ uprn: '1002' })}\n`,
    rows: 4,
    lines: { 2: 'accepted', 3: 'malformed_row', 4: 'malformed_row', 5: 'accepted' },
  },
];

test('CRLF: the last column of a record is an enum, a date or a boolean without its CR (plain and irregular files)', async () => {
  const ws = workspace();
  const inspections = 'uprn,inspection_date,outcome,trigger\r\n1001,2022-06-01,hmo,complaint\r\n1001,2022-06-02,hmo,proactive\r\n';
  const quotedBreak = 'uprn,trigger,outcome,inspection_date\r\n1001,"complaint",hmo,2022-06-01\r\n1001,"pro\r\nactive",hmo,2022-06-02\r\n1001,model,not-hmo,2022-06-03\r\n';
  const mixed = 'uprn,account_ref,start_date,end_date,single_person_discount,liable_persons,student_exemption\r\n1001,A1,2020-01-01,,false,,true\n1001,A2,2020-01-01,,false,,false\r\n';
  writeBorough(ws.drop, { code: 'E09000001', files: { inspections } });
  writeBorough(ws.drop, { code: 'E09000002', files: { inspections: quotedBreak, council_tax: mixed } });
  const r = await ingest(ws);
  expect(r.report.boroughs.E09000001?.warnings).toEqual([]);
  expect(r.report.boroughs.E09000002?.warnings).toEqual([]);
  expect(r.report.boroughs.E09000001?.tables.inspections?.rows_accepted).toBe(2);
  const fate = await fates(r, 'E09000002', 'inspections');
  expect([fate(2), fate(3), fate(5)]).toEqual(['accepted', 'unknown_enum', 'accepted']);
  expect(r.report.boroughs.E09000002?.tables.council_tax?.rows_accepted).toBe(2);
});

/** Defects of the current `hmo ingest`, by scenario name (see docs/conformance.md). */
const KNOWN_DEFECTS = new Set<string>([]);

let run: IngestRun;
beforeAll(async () => {
  const ws = workspace();
  for (const s of SCENARIOS) writeBorough(ws.drop, { code: s.code, files: { properties: s.properties } });
  run = await ingest(ws);
});
afterAll(cleanUp);

test("the suite's own reader counts each scenario as stated", () => {
  for (const s of SCENARIOS) expect([s.name, standardRows(s.properties)]).toEqual([s.name, s.rows]);
});

for (const s of SCENARIOS) {
  const check = async () => {
    const b = run.report.boroughs[s.code];
    expect(b?.errors).toEqual([]);
    expect(b?.warnings).toEqual([]);
    expect(b?.status).toBe('ok');
    expect(b?.tables.properties?.rows_read).toBe(s.rows);
    // The last column keeps no CR of a CRLF line end.
    for (const r of (await accepted(run, s.code, 'properties')).values()) expect(r.landlord_ref).toBe(SECRETS.landlord);
    const fate = await fates(run, s.code, 'properties' as Table);
    expect(Object.fromEntries(Object.keys(s.lines).map((l) => [l, fate(Number(l))]))).toEqual(Object.fromEntries(Object.entries(s.lines)));
    const rows = await accepted(run, s.code, 'properties');
    for (const [line, address] of Object.entries(s.addresses ?? {})) expect([line, rows.get(Number(line))?.address]).toEqual([line, address]);
  };
  if (KNOWN_DEFECTS.has(s.name)) test.failing(s.name, check);
  else test(s.name, check);
}

describe('a manifest that counts otherwise fails the borough', () => {
  const MISCOUNTS: Array<{ name: string; code: string; properties: string; rows: number }> = [
    { name: 'counting the physical lines of a quoted line break', code: 'E09000022', properties: `${header}\n${p({ address: '"1\nRoad"' })}\n`, rows: 2 },
    { name: 'counting blank lines', code: 'E09000023', properties: `${header}\n\n${p()}\n\n`, rows: 3 },
    { name: 'counting the final line break', code: 'E09000024', properties: `${header}\n${p()}\n`, rows: 2 },
    { name: 'counting the header', code: 'E09000025', properties: `${header}\n${p()}\n${p({ uprn: '1002' })}\n`, rows: 3 },
    { name: 'counting a BOM-only first line as the header (one short)', code: 'E09000026', properties: `\ufeff${header}\n${p()}\n`, rows: 0 },
  ];
  let miscounted: IngestRun;
  beforeAll(async () => {
    const ws = workspace();
    for (const m of MISCOUNTS) {
      writeBorough(ws.drop, { code: m.code, files: { properties: m.properties }, manifest: (x) => ((x.tables.properties.rows = m.rows), x) });
    }
    writeBorough(ws.drop, { code: 'E09000033' });
    miscounted = await ingest(ws);
  });
  for (const m of MISCOUNTS) {
    test(m.name, () => {
      const b = miscounted.report.boroughs[m.code];
      expect(b?.status).toBe('failed');
      expect(b?.errors.some((e) => e.includes('properties.csv') && e.includes(String(m.rows)))).toBe(true);
      expect(miscounted.report.boroughs.E09000033?.status).toBe('ok');
    });
  }
});
