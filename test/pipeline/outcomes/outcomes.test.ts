import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { OutcomesError } from '../../../pipeline/errors/OutcomesError.js';
import { runHmo } from '../../helpers/runHmo.js';
import { isRealDate, outcomesFromList } from '../../../pipeline/outcomes/outcomesFromList.js';
import { writeListOutcomes } from '../../../pipeline/outcomes/writeListOutcomes.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { INSPECTION_LIST_COLUMNS } from '../../../pipeline/rank/listColumns.js';
import { rankBorough } from '../../../pipeline/rank/rankBorough.js';
import { silentContext } from '../../../pipeline/stage.js';
import { loadSchema } from '../../../pipeline/standard/schema.js';
import { fakeCatalogue, fakeScorer, property, writeFixtureBorough } from '../rank/fixtures.js';

const TODAY = '2026-11-27';
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hmo-outcomes-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const header = INSPECTION_LIST_COLUMNS.join(',');
/** A list line with the given uprn, outcome and date (the rest as rank writes it). */
const line = (rank: number, uprn: string, outcome = '', date = '') =>
  `${rank},${uprn},"${uprn} Test Street, London",NW1 0AB,E05000130,Camden Town,0.512,high,6 electors registered (as of 2026-09-30),,,${outcome},${date}`;

/** Checks a row against the standard's rules for inspections.csv (section 3 and 4.2). */
function expectValidInspection(row: Record<string, string>): void {
  const table = loadSchema().table('inspections');
  expect(Object.keys(row)).toEqual(table.columns.map((c) => c.name));
  for (const column of table.columns) {
    const value = row[column.name] ?? '';
    if (column.required) expect(value).not.toBe('');
    if (column.type === 'uprn') expect(value).toMatch(/^[1-9][0-9]{0,11}$/);
    if (column.type === 'date') {
      expect(isRealDate(value)).toBe(true);
      expect(value <= TODAY).toBe(true);
    }
    if (column.type === 'enum') expect(column.values).toContain(value);
  }
  expect(row.trigger).toBe('model');
}

describe('outcomes from a filled-in list', () => {
  test('round trip: rank -> fill in -> outcomes -> rows valid under the standard', async () => {
    const out = join(root, 'roundtrip');
    await writeFixtureBorough(out, {
      code: 'E09000007',
      name: 'Camden',
      extract_date: '2026-09-30',
      tables: { properties: [property(101), property(102), property(103), property(104)] },
      features: [101, 102, 103, 104].map((uprn) => ({ uprn, electors_current: uprn - 100, distinct_surnames: 1, complaints_12m: 0, habitable_rooms: 3 })),
    });
    const summary = await rankBorough(
      { out, modelDir: 'unused', borough: 'E09000007', params: DEFAULT_PARAMS.rank, scorer: fakeScorer(), catalogue: fakeCatalogue },
      silentContext,
    );
    const list = Papa.parse<Record<string, string>>(readFileSync(summary.csv, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const filledIn: Record<string, [string, string]> = { '104': ['hmo', '2026-10-02'], '102': ['not-hmo', '2026-10-03'], '101': ['no-access', '2026-11-27'] };
    const filled = list.map((r) => {
      const entry = filledIn[r.uprn ?? ''];
      return entry === undefined ? r : { ...r, outcome: entry[0], inspected_on: entry[1] };
    });
    writeFileSync(summary.csv, Papa.unparse(filled, { columns: [...INSPECTION_LIST_COLUMNS], newline: '\r\n' }));

    const target = join(root, 'roundtrip-inspections.csv');
    const result = writeListOutcomes({ list: summary.csv, out: target, today: TODAY });
    expect(result).toMatchObject({ written: 3, skipped: 1, alreadyThere: 0 });
    const rows = Papa.parse<Record<string, string>>(readFileSync(target, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(readFileSync(target, 'utf8').split('\n')[0]).toBe('uprn,inspection_date,outcome,trigger');
    expect(rows).toHaveLength(3);
    rows.forEach(expectValidInspection);
    // In list (rank) order: 104 has the most electors, so the highest score.
    expect(rows.map((r) => [r.uprn, r.outcome, r.inspection_date])).toEqual([
      ['104', 'hmo', '2026-10-02'],
      ['102', 'not-hmo', '2026-10-03'],
      ['101', 'no-access', '2026-11-27'],
    ]);
  });

  test('bad values are refused with their line numbers and columns, and nothing is written', () => {
    const text = [
      header,
      line(1, '101', 'hmo', '2026-10-01'),
      line(2, '102', 'maybe', '2026-10-01'),
      line(3, '103', 'hmo', '2026-02-30'),
      line(4, '104', 'not-hmo', '2026-12-01'),
      line(5, '105', 'hmo', '01/10/2026'),
      line(6, '106', 'hmo', ''),
      line(7, '107', '', '2026-10-01'),
      line(8, '1.00023E+11', 'hmo', '2026-10-01'),
      line(9, '101', 'not-hmo', '2026-10-05'),
      line(10, '110'),
      '',
    ].join('\n');
    const file = join(root, 'bad.csv');
    writeFileSync(file, text);
    const result = outcomesFromList(text, file, TODAY);
    expect(result.errors).toEqual([
      `${file}, line 3, column outcome: outcome "maybe" is not one of hmo, not-hmo, no-access`,
      `${file}, line 4, column inspected_on: inspected_on "2026-02-30" is not a real date written YYYY-MM-DD (a spreadsheet may have reformatted it)`,
      `${file}, line 5, column inspected_on: inspected_on 2026-12-01 is after today (${TODAY})`,
      `${file}, line 6, column inspected_on: inspected_on "01/10/2026" is not a real date written YYYY-MM-DD (a spreadsheet may have reformatted it)`,
      `${file}, line 7, column inspected_on: inspected_on is blank but an outcome is recorded: write the date of the visit as YYYY-MM-DD`,
      `${file}, line 8, column outcome: outcome is blank but inspected_on is filled in: write hmo, not-hmo or no-access or clear the date`,
      `${file}, line 9, column uprn: UPRN "1.00023E+11" is not 1 to 12 digits without a leading zero (a spreadsheet may have turned it into a number: format the column as text)`,
      `${file}, line 10, column uprn: UPRN 101 already has an outcome on line 2`,
    ]);
    const target = join(root, 'bad-inspections.csv');
    let thrown: unknown;
    try {
      writeListOutcomes({ list: file, out: target, today: TODAY });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutcomesError);
    expect((thrown as OutcomesError).exitCode).toBe(1);
    expect((thrown as OutcomesError).message).toContain('8 bad lines; nothing was written');
    expect(existsSync(target)).toBe(false);
  });

  test('line numbers count the physical lines of quoted multi-line cells and blank lines', () => {
    const text = `\uFEFF${header}\r\n1,101,"Flat 1\r\n101 Test Street",NW1 0AB,E05000130,,0.5,high,,,,hmo,2026-10-01\r\n\r\n2,102,"x",NW1 0AB,E05000130,,0.4,medium,,,,nope,2026-10-01\r\n`;
    expect(outcomesFromList(text, 'list.csv', TODAY).errors).toEqual([
      'list.csv, line 5, column outcome: outcome "nope" is not one of hmo, not-hmo, no-access',
    ]);
  });

  test('spreadsheet habits are forgiven: case, spaces, a quote before the UPRN', () => {
    const text = [header, line(1, "'101", ' HMO ', '2026-10-01 '), line(2, '102', 'No-Access', '2026-10-02')].join('\n');
    const result = outcomesFromList(text, 'list.csv', TODAY);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { uprn: '101', inspection_date: '2026-10-01', outcome: 'hmo', trigger: 'model' },
      { uprn: '102', inspection_date: '2026-10-02', outcome: 'no-access', trigger: 'model' },
    ]);
  });

  test('a file that is not a list, or is broken, is refused', () => {
    expect(outcomesFromList('uprn,outcome\n101,hmo\n', 'x.csv', TODAY).errors).toEqual([
      'x.csv: the header lacks the column inspected_on; is this an inspection_list.csv written by "hmo rank"?',
    ]);
    const broken = `${header}\n${line(1, '101', 'hmo', '2026-10-01')}\n1,2,3\n`;
    expect(outcomesFromList(broken, 'x.csv', TODAY).errors).toEqual(['x.csv, line 3: 3 fields where the header has 13']);
  });

  test('--append adds to an existing inspections.csv without repeating rows; without it an existing file is refused', () => {
    const list = join(root, 'append-list.csv');
    writeFileSync(list, [header, line(1, '101', 'hmo', '2026-10-01'), line(2, '102', 'not-hmo', '2026-10-02'), ''].join('\n'));
    const target = join(root, 'append-inspections.csv');
    writeFileSync(target, 'trigger,uprn,outcome,inspection_date\r\ncomplaint,999,hmo,2025-01-01\r\n');
    expect(() => writeListOutcomes({ list, out: target, today: TODAY })).toThrow(/already exists: pass --append/);
    expect(writeListOutcomes({ list, out: target, today: TODAY, append: true })).toMatchObject({ written: 2, alreadyThere: 0 });
    expect(writeListOutcomes({ list, out: target, today: TODAY, append: true })).toMatchObject({ written: 0, alreadyThere: 2 });
    expect(readFileSync(target, 'utf8')).toBe(
      'trigger,uprn,outcome,inspection_date\r\ncomplaint,999,hmo,2025-01-01\r\nmodel,101,hmo,2026-10-01\r\nmodel,102,not-hmo,2026-10-02\r\n',
    );
  });
});

describe('hmo outcomes', () => {

  test('exits 0 on a good list, 1 on bad values, 2 on a usage error', async () => {
    const good = join(root, 'cli-good.csv');
    writeFileSync(good, [header, line(1, '101', 'hmo', '2026-10-01'), line(2, '102')].join('\n'));
    const target = join(root, 'cli-inspections.csv');
    const ok = await runHmo(['outcomes', '--list', good, '--out', target]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`1 inspection outcome written to ${target}; 1 row was left blank and skipped.`);

    const bad = join(root, 'cli-bad.csv');
    writeFileSync(bad, [header, line(1, '101', 'hmo', '2999-10-01')].join('\n'));
    const failed = await runHmo(['outcomes', '--list', bad, '--out', join(root, 'cli-bad-out.csv')]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('line 2, column inspected_on');

    expect((await runHmo(['outcomes', '--list', good])).code).toBe(2);
  });
});
