import { Duck, sqlString } from '../../../pipeline/db/Duck.js';
import { isCalendarDate } from '../../../pipeline/ingest/isCalendarDate.js';
import { firstFailureSql, ident, verdictCode } from '../../../pipeline/ingest/rowChecksSql.js';
import { loadSchema, type RowReason, type TableName } from '../../../pipeline/standard/schema.js';

// The checks are written for speed (one regexp for grammar and calendar or
// bound, casts only where overflow is possible); these tests hold them to the
// plain rules of the standard, written out in JS, value by value.

const EXTRACT_DATE = '2026-08-31';
const INT64_MAX = 2n ** 63n - 1n;

/** A row of the table whose columns all pass, but `column`, which takes each of `values`: the verdict of each value. */
async function verdicts(db: Duck, table: TableName, valid: Record<string, string>, column: string, values: string[]): Promise<Map<string, number | null>> {
  const spec = loadSchema().table(table);
  const names = spec.columns.map((c) => c.name);
  const failure = firstFailureSql(spec, new Set(names), names.length, EXTRACT_DATE);
  const literal = (name: string) => {
    const value = valid[name];
    return value === undefined ? 'NULL' : sqlString(value);
  };
  const columns = names.map((name) => `${name === column ? 'v' : literal(name)} AS ${ident(name)}`);
  const rows = await db.all<{ v: string; code: number | null }>(
    `SELECT v, ${failure} AS code FROM (SELECT ${names.length} AS __fields, v, ${columns.join(', ')} FROM unnest([${values.map(sqlString).join(', ')}]) t(v))`,
  );
  expect(rows).toHaveLength(values.length);
  return new Map(rows.map(({ v, code }) => [v, code === null ? null : Number(code)]));
}

function expectVerdicts(actual: Map<string, number | null>, expected: (v: string) => number | null): void {
  const wrong = [...actual].filter(([v, code]) => code !== expected(v)).map(([v, code]) => `${v}: ${code} (expected ${expected(v)})`);
  expect(wrong).toEqual([]);
}

const LICENCE = {
  uprn: '100',
  licence_ref: 'L/1',
  scheme: 'selective',
  start_date: '2024-01-01',
  end_date: '2029-01-01',
  max_occupants: '5',
  max_households: '1',
};

describe('firstFailureSql value checks', () => {
  let db: Duck;
  beforeAll(async () => {
    db = await Duck.open();
  });
  afterAll(() => db.close());

  test('dates: bad_date exactly when not a real YYYY-MM-DD day, else future_date after the extract date', async () => {
    const spec = loadSchema().table('licences');
    const code = (reason: RowReason) => verdictCode(spec, reason, 'start_date');
    const values: string[] = [];
    for (const year of ['0000', '0004', '0100', '0400', '1900', '1996', '2000', '2023', '2024', '2026', '2027', '2100', '9999']) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) values.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
      }
    }
    values.push('2024-2-29', '2024-02-9', ' 2024-02-29', '2024-02-29 ', '20240-02-29', '2024/02/29', '+024-02-29', '-024-02-29', '2024-02-29T00:00', 'x');
    const actual = await verdicts(db, 'licences', LICENCE, 'start_date', values);
    expectVerdicts(actual, (v) => (!isCalendarDate(v) ? code('bad_date') : v > EXTRACT_DATE ? code('future_date') : null));
    // Both outcomes occur, many times over.
    const counts = [...actual.values()].reduce((n, c) => n.set(c, (n.get(c) ?? 0) + 1), new Map<number | null, number>());
    expect(counts.get(code('bad_date'))).toBeGreaterThan(1000);
    expect(counts.get(code('future_date'))).toBeGreaterThan(1000);
    expect(counts.get(null)).toBeGreaterThan(1000);
  });

  test('an integer with min 1: the grammar, above 0, and within BIGINT', async () => {
    const bad = verdictCode(loadSchema().table('licences'), 'invalid_number', 'max_occupants');
    const values = ['0', '1', '-1', '-0', '00', '007', '10', '1.0', '1.', 'x', '+1', ' 1', '1 ', '0x1', '-5', '000000000000000000000000000001'];
    values.push(String(INT64_MAX), String(INT64_MAX + 1n), `-${INT64_MAX + 1n}`, '9'.repeat(18), '9'.repeat(19), `0${'9'.repeat(18)}`);
    const actual = await verdicts(db, 'licences', LICENCE, 'max_occupants', values);
    expectVerdicts(actual, (v) => (/^-?[0-9]+$/.test(v) && BigInt(v) <= INT64_MAX && BigInt(v) >= 1n ? null : bad));
  });

  test('a number with exclusive min 0: the grammar, above 0, and finite', async () => {
    const spec = loadSchema().table('properties');
    const bad = verdictCode(spec, 'invalid_number', 'floor_area_m2');
    const values = ['0', '0.0', '.0', '0.', '00.000', '.5', '5.', '5', '-0.5', '-0', '-.0', '0.000001', '00.10', '10', '1e5', '1.2.3', '.', '-', '-.', 'x', '+1', ' 1', '0.0.1'];
    // (Text of more than 308 integer digits is left out: DuckDB's cast gives NULL, not infinity, so it passes.)
    values.push('9'.repeat(300), `0.${'0'.repeat(400)}1`, `${'0'.repeat(400)}.5`, `-${'0'.repeat(400)}.5`);
    const valid = {
      uprn: '100',
      address: 'a',
      postcode: 'p',
      ward_code: 'w',
      property_type: 'flat',
      council_tax_band: 'A',
      tenure: 'unknown',
    };
    const actual = await verdicts(db, 'properties', valid, 'floor_area_m2', values);
    const grammar = /^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/;
    expectVerdicts(actual, (v) => (grammar.test(v) && Number.isFinite(Number(v)) && !v.startsWith('-') && /[1-9]/.test(v) ? null : bad));
  });
});
