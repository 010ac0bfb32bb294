/**
 * Section 2 (values as written: nulls, no trimming, the grammars of uprn,
 * integer, number, date, boolean, enum) and the ranges of section 3, one row
 * per case in a single borough; each case names the reason the row must get
 * (or 'accepted') and the column the quarantine must name.
 */
import { cleanUp, fates, ingest, row, tableText, verdicts, workspace, writeBorough, type IngestRun, type Table, type Verdict } from './conformanceDrop.js';

interface Case {
  name: string;
  table: Table;
  fields: Record<string, string>;
  expected: string;
  column?: string;
}

// Extract date of the borough: 2026-09-30.
const CASES: Case[] = [];
const add = (table: Table, column: string, value: string, expected: string, name?: string) =>
  CASES.push({ name: name ?? `${table}.${column} ${JSON.stringify(value)} → ${expected}`, table, fields: { [column]: value }, expected, column: expected === 'accepted' || expected === 'malformed_row' ? undefined : column });

// uprn: [1-9][0-9]{0,11}
for (const v of ['7', '123456789012']) add('properties', 'uprn', v, 'accepted');
for (const v of ['0', '012', '1234567890123', '+5', '-5', ' 12', '12 ', '1.0', '1e3', '12a', 'NULL']) add('properties', 'uprn', v, 'malformed_uprn');
add('council_tax', 'uprn', '01001', 'malformed_uprn', 'council_tax.uprn "01001" (the known 1001 with a leading zero) → malformed_uprn');

// integer: -?[0-9]+, then the column's range.
for (const v of ['1900', '-0', '-5', '0', '00']) add('properties', 'year_built', v, 'accepted');
add('properties', 'year_built', '1,000', 'malformed_row', 'properties.year_built 1,000 unquoted → malformed_row (the comma splits the field)');
for (const v of ['+5', ' 12', '12 ', '1.', '1.0', '1e3', '"1,000"', 'nan', 'inf', 'NA', 'NULL', '-', '0x10', '١٢']) add('properties', 'year_built', v, 'invalid_number');
add('properties', 'year_built', '99999999999999999999999', 'accepted', 'properties.year_built beyond 64 bits "99999999999999999999999" → accepted (matches -?[0-9]+, no range stated)');
for (const v of ['0', '-0', '12']) add('properties', 'habitable_rooms', v, 'accepted');
add('properties', 'habitable_rooms', '-1', 'invalid_number');
for (const v of ['1', '007']) add('council_tax', 'liable_persons', v, 'accepted');
for (const v of ['0', '-0', '-1']) add('council_tax', 'liable_persons', v, 'invalid_number');
add('licences', 'max_occupants', '0', 'invalid_number');
add('licences', 'max_households', '0', 'invalid_number');
add('licences', 'max_households', '1', 'accepted');

// number: -?([0-9]+(\.[0-9]*)?|\.[0-9]+), no exponent, no thousands separator, no nan/inf.
for (const v of ['1', '1.', '.5', '-.5', '-0', '0.0', '528000.25', '-12.']) add('properties', 'easting', v, 'accepted');
for (const v of ['+1', '1e3', '1E3', 'nan', 'NaN', 'inf', 'Infinity', '-inf', '"1,000"', '1 000', ' 1', '1 ', '.', '-', '--1', '1.2.3', '0x10', 'NULL', 'NA']) {
  add('properties', 'easting', v, 'invalid_number');
}
add('properties', 'northing', `1${'0'.repeat(400)}`, 'accepted', 'properties.northing 401 digits → accepted (matches the grammar, no range stated)');
for (const v of ['0', '0.0', '-0', '.0', '-1']) add('properties', 'floor_area_m2', v, 'invalid_number');
const TINY = `0.${'0'.repeat(400)}1`;
add('properties', 'floor_area_m2', TINY, 'accepted', 'properties.floor_area_m2 0.(400 zeros)1 → accepted (> 0, though a double rounds it to 0)');
add('housing_benefit', 'weekly_rent', `-${TINY}`, 'invalid_number', 'housing_benefit.weekly_rent -0.(400 zeros)1 → invalid_number (< 0, though a double rounds it to -0)');
for (const v of ['0.01', '1']) add('properties', 'floor_area_m2', v, 'accepted');
for (const v of ['0', '-0', '0.00']) add('housing_benefit', 'weekly_rent', v, 'accepted');
add('housing_benefit', 'weekly_rent', '-0.01', 'invalid_number');

// date: a real calendar date written YYYY-MM-DD; not after extract_date.
for (const v of ['2024-02-29', '2000-02-29', '2026-09-30', '1900-01-01']) add('council_tax', 'start_date', v, 'accepted');
for (const v of ['2026-02-29', '2023-02-29', '1900-02-29', '2026-1-05', '2026-01-5', '2026-01-05T00:00', '2026-01-05 ', ' 2026-01-05', ' ', '20260105', '2026/01/05', '05/01/2026', '2026-13-01', '2026-00-10', '2026-04-31', '2026-01-00', 'NULL', '26-01-05']) {
  add('council_tax', 'start_date', v, 'bad_date');
}
add('council_tax', 'start_date', '2026-10-01', 'future_date');
add('council_tax', 'start_date', '2099-01-01', 'future_date');
add('council_tax', 'end_date', ' ', 'bad_date', 'council_tax.end_date (optional) " " → bad_date (a space is a value, not a null)');
add('council_tax', 'end_date', '2026-10-01', 'future_date');
add('council_tax', 'end_date', '""', 'accepted', 'council_tax.end_date "" (quoted empty) → accepted as null');
add('electoral_register', 'registered_date', '2026-10-01', 'future_date');
add('electoral_register', 'removed_date', '2026-10-01', 'future_date');
add('licences', 'start_date', '2026-10-01', 'future_date');
add('licences', 'end_date', '2040-12-31', 'accepted', 'licences.end_date after extract_date → accepted (an expiry)');
add('licences', 'end_date', '2031-02-30', 'bad_date', 'licences.end_date "2031-02-30" → bad_date (exempt from future_date only)');
add('inspections', 'inspection_date', '2026-10-01', 'future_date');
add('housing_benefit', 'start_date', '2026-10-01', 'future_date');
add('housing_benefit', 'end_date', '2026-10-01', 'future_date');
add('complaints', 'received_date', '2026-10-01', 'future_date');
add('complaints', 'received_date', '2026-09-30', 'accepted');

// boolean: exactly true or false.
add('council_tax', 'single_person_discount', 'true', 'accepted');
// (The valid row itself has "false"; a liable_persons of its own keeps this row from being a duplicate of the `end_date ""` case.)
CASES.push({ name: 'council_tax.single_person_discount "false" → accepted', table: 'council_tax', fields: { single_person_discount: 'false', liable_persons: '9' }, expected: 'accepted' });
for (const v of ['True', 'TRUE', 'FALSE', '1', '0', 'yes', 't', ' true', 'false ', 'NULL']) add('council_tax', 'single_person_discount', v, 'bad_boolean');
add('housing_benefit', 'shared_accommodation_rate', 'False', 'bad_boolean');

// enum: exactly one of the listed spellings.
for (const v of ['House', 'HOUSE', ' house', 'house ', 'bedsit', 'NULL']) add('properties', 'property_type', v, 'unknown_enum');
add('properties', 'built_form', 'semi detached', 'unknown_enum');
add('properties', 'built_form', 'semi-detached', 'accepted');
add('properties', 'built_form', ' ', 'unknown_enum', 'properties.built_form (optional) " " → unknown_enum (a space is a value)');
add('properties', 'epc_rating', 'a', 'unknown_enum');
add('properties', 'epc_rating', 'H', 'unknown_enum', 'properties.epc_rating "H" → unknown_enum (EPC is A…G)');
add('properties', 'council_tax_band', 'H', 'accepted');
add('properties', 'council_tax_band', 'c', 'unknown_enum');
add('properties', 'council_tax_band', 'I', 'unknown_enum');
add('properties', 'tenure', 'Unknown', 'unknown_enum');
add('properties', 'tenure', 'NA', 'unknown_enum');
add('licences', 'scheme', 'HMO', 'unknown_enum');
add('licences', 'scheme', 'additional-hmo', 'accepted');
add('inspections', 'outcome', 'HMO', 'unknown_enum');
add('inspections', 'trigger', 'licence-application', 'accepted');
add('inspections', 'trigger', 'licence_application', 'unknown_enum');
add('complaints', 'category', 'asb', 'accepted');
add('complaints', 'category', 'ASB', 'unknown_enum');

// Nulls and text: only empty and "" are null; NULL, NA and a space are values; nothing is trimmed.
add('properties', 'address', 'NULL', 'accepted', 'properties.address "NULL" → accepted (a value)');
add('properties', 'address', 'NA', 'accepted', 'properties.address "NA" → accepted (a value)');
add('properties', 'address', ' ', 'accepted', 'properties.address " " → accepted (a required text column with a space is not missing)');
add('properties', 'address', '""', 'missing_value', 'properties.address "" (quoted empty) → missing_value');
add('properties', 'address', '', 'missing_value');
add('properties', 'address', '5 The "Old" Mill', 'accepted', 'properties.address with a quote inside an unquoted field → accepted (taken literally)');
add('properties', 'easting', '""', 'accepted', 'properties.easting "" (quoted empty, optional) → accepted as null');
add('properties', 'ward_name', '', 'accepted');
add('electoral_register', 'surname_key', ' ', 'accepted', 'electoral_register.surname_key " " → accepted (a required pseudonym with a space is not missing)');
add('council_tax', 'account_ref', '""', 'missing_value');

// Quoting is not part of the value: a quoted valid value is that value.
CASES.push({ name: 'quoted valid values ("1001", "house", "2020-01-01", "true") → accepted', table: 'council_tax', fields: { uprn: '"1001"', start_date: '"2020-02-02"', single_person_discount: '"true"', liable_persons: '"3"' }, expected: 'accepted' });
CASES.push({ name: 'properties: quoted enum and number "flat", "45.5" → accepted', table: 'properties', fields: { uprn: '"4999"', property_type: '"flat"', floor_area_m2: '"45.5"' }, expected: 'accepted' });

/** Defects of the current `hmo ingest`, by case name (see the report and docs/conformance.md). */
const KNOWN_DEFECTS = new Set<string>([
  // DEFECT D1 (strict reading; the page states no bound): an integer beyond 64 bits matches -?[0-9]+ and year_built states no range,
  // but ingest quarantines it as invalid_number because its Parquet column is BIGINT.
  'properties.year_built beyond 64 bits "99999999999999999999999" → accepted (matches -?[0-9]+, no range stated)',
  // DEFECT D2 (strict reading, same family): a number that matches the grammar but overflows a double is quarantined as invalid_number.
  'properties.northing 401 digits → accepted (matches the grammar, no range stated)',
]);

let run: IngestRun;
// Where each case's row is: table and physical line.
const placed = new Map<string, { table: Table; line: number }>();

beforeAll(async () => {
  const ws = workspace();
  const rows: Record<Table, Array<Record<string, string>>> = {
    properties: [row('properties')], council_tax: [], electoral_register: [], licences: [], inspections: [], housing_benefit: [], complaints: [],
  };
  let nextUprn = 5000;
  for (const c of CASES) {
    // Every properties row gets its own UPRN (unless the case is about the UPRN), so no case is a duplicate of another.
    const fields = c.table === 'properties' && !('uprn' in c.fields) ? { uprn: String(nextUprn++), ...c.fields } : c.fields;
    // Rows of other tables differ in a way that cannot be a duplicate: each case changes one field, and no two cases are equal.
    rows[c.table].push(row(c.table, fields));
    placed.set(c.name, { table: c.table, line: rows[c.table].length + 1 });
  }
  const files: Partial<Record<Table, string>> = {};
  for (const [table, list] of Object.entries(rows) as Array<[Table, Array<Record<string, string>>]>) {
    files[table] = tableText(table, list.length > 0 ? list : [row(table)]);
  }
  writeBorough(ws.drop, { files });
  run = await ingest(ws);
});
afterAll(cleanUp);

test('the value-grammar borough is usable and its counts add up', () => {
  const b = run.report.boroughs.E09000007;
  expect(b?.errors).toEqual([]);
  expect(b?.status).toBe('ok');
  for (const t of Object.values(b?.tables ?? {})) expect(t?.rows_read).toBe((t?.rows_accepted ?? NaN) + (t?.rows_quarantined ?? NaN));
});

const names = CASES.map((c) => c.name);
test('case names are unique', () => expect(new Set(names).size).toBe(names.length));

async function check(name: string): Promise<void> {
  const c = CASES.find((x) => x.name === name) as Case;
  const where = placed.get(name) as { table: Table; line: number };
  const fate = await fates(run, 'E09000007', where.table);
  expect(fate(where.line)).toBe(c.expected);
  if (c.column !== undefined) {
    const v = verdicts(run, 'E09000007', where.table).get(where.line) as Verdict;
    expect(v.column).toBe(c.column);
  }
}

const conforming = names.filter((n) => !KNOWN_DEFECTS.has(n));
const defects = names.filter((n) => KNOWN_DEFECTS.has(n));
test.each(conforming)('%s', check);
if (defects.length > 0) test.failing.each(defects)('%s', check);
