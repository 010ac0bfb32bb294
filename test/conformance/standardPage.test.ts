/**
 * The page wins: data/standard/hmo-harmonised-v1.json (what ingest reads)
 * must say what the published page, docs/standard/hmo-harmonised-v1.md, says.
 * This test reads the page itself (its tables of section 3, the lists of
 * sections 1, 4.2 and 5) and compares; it holds no copy of the column lists.
 * HMO_STANDARD_PAGE points it at another copy of the page (for example the
 * one shared with the boroughs) to check that copy too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSchema } from '../../pipeline/standard/schema.js';
import { packageRoot } from '../../pipeline/util/packageRoot.js';

const PAGE = process.env.HMO_STANDARD_PAGE ?? join(packageRoot(), 'docs', 'standard', 'hmo-harmonised-v1.md');
const page = readFileSync(PAGE, 'utf8');

interface PageColumn {
  name: string;
  required: boolean;
  type: string;
  min?: number;
  exclusiveMin?: number;
  values?: string[];
}

/** The section-3 table of one CSV file, as the page writes it. */
function pageTable(file: string): PageColumn[] {
  const start = page.indexOf(`### ${file}`);
  if (start < 0) throw new Error(`no section for ${file}`);
  const end = page.indexOf('\n##', start + 4);
  const lines = page.slice(start, end < 0 ? undefined : end).split('\n').filter((l) => l.startsWith('|') && !l.startsWith('|---') && !l.startsWith('| column'));
  return lines.map((line) => {
    const [rawName, rawType, meaning] = line.split('|').slice(1, 4).map((c) => (c ?? '').trim());
    const name = (rawName ?? '').replace('*', '');
    const column: PageColumn = { name, required: (rawName ?? '').endsWith('*'), type: (rawType ?? '').split(' ')[0] as string };
    const range = /(≥|>) (\d+)/.exec(rawType ?? '');
    if (range) column[range[1] === '≥' ? 'min' : 'exclusiveMin'] = Number(range[2]);
    if (column.type === 'enum') {
      const ticks = [...(meaning ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
      const ellipsis = /`([A-Z])` … `([A-Z])`/.exec(meaning ?? '');
      column.values = ellipsis
        ? Array.from({ length: (ellipsis[2] as string).charCodeAt(0) - (ellipsis[1] as string).charCodeAt(0) + 1 }, (_, i) => String.fromCharCode((ellipsis[1] as string).charCodeAt(0) + i))
        : ticks;
    }
    return column;
  });
}

const schema = loadSchema();

test('the identifier of the version', () => {
  expect(page).toContain(`Identifier of this version: \`${schema.standard}\``);
});

test('the tables and, for each, its columns in order, required marks, types, ranges and enum spellings', () => {
  const files = [...page.matchAll(/^### ([a-z_]+)\.csv/gm)].map((m) => m[1]);
  expect(schema.tables.map((t) => t.name)).toEqual(files);
  for (const spec of schema.tables) {
    const columns = pageTable(`${spec.name}.csv`);
    const fromJson = spec.columns.map((c) => {
      const col: PageColumn = { name: c.name, required: c.required && c.nullable !== true, type: c.type };
      if (c.min !== undefined) col.min = c.min;
      if (c.exclusiveMin !== undefined) col.exclusiveMin = c.exclusiveMin;
      if (c.values) col.values = [...c.values];
      return col;
    });
    expect([spec.name, fromJson]).toEqual([spec.name, columns]);
  }
});

test('optional tables are the ones the page marks (optional); complaints.uprn is present-but-nullable; licences.end_date alone skips future_date', () => {
  for (const spec of schema.tables) expect([spec.name, spec.required]).toEqual([spec.name, !new RegExp(`^### ${spec.name}\\.csv.*\\(optional\\)`, 'm').test(page)]);
  const nullable = schema.tables.flatMap((t) => t.columns.filter((c) => c.nullable).map((c) => `${t.name}.${c.name}`));
  expect(nullable).toEqual(['complaints.uprn']);
  expect(schema.table('complaints').columns.find((c) => c.name === 'uprn')?.required).toBe(true);
  const exempt = schema.tables.flatMap((t) => t.columns.filter((c) => c.futureAllowed).map((c) => `${t.name}.${c.name}`));
  expect(exempt).toEqual(['licences.end_date']);
});

test('the row reasons of 4.2, in order', () => {
  const section = page.slice(page.indexOf('### 4.2'), page.indexOf('## 5.'));
  const reasons = [...section.matchAll(/`([a-z_]+)`/g)].map((m) => m[1] as string).filter((r) => !r.includes('.') && !['complaints', 'uprn', 'extract_date'].includes(r) && /_/.test(r));
  expect([...new Set(reasons)]).toEqual([...schema.rowReasons]);
});

test('the personal-data column names of section 5', () => {
  const sentence = page.slice(page.indexOf('trimmed and lower-cased'), page.indexOf('fails\nthe borough'));
  const names = [...sentence.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]);
  expect([...schema.personalDataColumns]).toEqual(names);
});

test('the 33 London codes E09000001 … E09000033', () => {
  expect(page).toContain('E09000001 City of London … E09000033 Westminster');
  expect(schema.boroughs.map((b) => b.code)).toEqual(Array.from({ length: 33 }, (_, i) => `E090000${String(i + 1).padStart(2, '0')}`));
});
