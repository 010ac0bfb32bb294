import Papa from 'papaparse';
import { csvForPeople, csvRecord, csvTable } from '../../../pipeline/writers/csvForPeople.js';

// The writer this one replaced: papaparse with the same options. Its bytes are the contract.
function papaparseCsv(columns: readonly string[], rows: ReadonlyArray<Record<string, unknown>>): string {
  const cell = (value: unknown): string | number => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return Number.isFinite(value) ? value : '';
    return String(value);
  };
  const body = Papa.unparse(
    { fields: [...columns], data: rows.map((row) => columns.map((c) => cell(row[c]))) },
    { escapeFormulae: true, newline: '\n', quotes: false },
  );
  return body.endsWith('\n') ? body : `${body}\n`;
}

const awkward: unknown[] = [
  '', 'plain', '=SUM(A1)', '+44 20', '-5 Acacia Avenue', '@home', '\tTab', '\rCR', '=a\nb', 'a,b', 'say "hi"', '"', ' lead', 'trail ',
  'line\nbreak', 'cr\rhere', '\ufeffbom', "it's", 'ünïcödé', -1.5, 0, 1e21, 12345678901, Number.NaN, Number.POSITIVE_INFINITY, null, undefined,
  true, 10n, new Date(0), { toString: () => '=obj' },
];

test('writes byte for byte what papaparse wrote, for every awkward cell', () => {
  const columns = ['a', 'b', 'c'];
  const rows = awkward.map((value, i) => ({ a: value, b: awkward[(i * 7) % awkward.length], c: i }));
  expect(csvForPeople(columns, rows)).toBe(papaparseCsv(columns, rows));
});

test('header-only, one-column and blank-last-line tables match papaparse too', () => {
  expect(csvForPeople(['rank', 'uprn'], [])).toBe(papaparseCsv(['rank', 'uprn'], []));
  expect(csvForPeople(['rank', 'uprn'], [])).toBe('rank,uprn\n');
  const oneColumn = [{ a: 'x' }, { a: '' }];
  expect(csvForPeople(['a'], oneColumn)).toBe(papaparseCsv(['a'], oneColumn));
  expect(csvForPeople(['a'], [{ a: '-1' }, { a: -1 }])).toBe('a\n"\'-1"\n-1\n');
});

test('csvRecord is one line of the same quoting', () => {
  expect(csvRecord([1, '-5 Acacia Avenue', null, 'a,b'])).toBe('1,"\'-5 Acacia Avenue",,"a,b"');
});

test('csvTable, cells by row index in column order, gives csvForPeople\'s text', () => {
  const columns = ['rank', 'address', 'note'];
  const rows = [
    { rank: 1, address: '=HYPERLINK("x")', note: null },
    { rank: 2, address: ' 5 Acacia Avenue', note: 'a\nb' },
  ];
  const table = csvTable(columns, rows.length, (r) => columns.map((c) => (rows[r] as Record<string, unknown>)[c]));
  expect(table).toBe(csvForPeople(columns, rows));
  expect(table).toBe('rank,address,note\n1,"\'=HYPERLINK(""x"")",\n2," 5 Acacia Avenue","a\nb"\n');
});
