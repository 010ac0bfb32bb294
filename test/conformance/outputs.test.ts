/**
 * What `hmo ingest` writes: the quality report's shape (issue 2), the
 * quarantine CSV (file, line, column, reason, value), section 5's rule that
 * no output carries a `*_ref` or `surname_key` value, nothing written outside
 * OUT or into the drop, and the CLI's exit codes.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { outputLayout } from '../../pipeline/layout.js';
import { cleanUp, cli, columnsOf, csvLine, fileOf, parseCsv, SECRETS, tree, workspace, writeBorough, type Table } from './conformanceDrop.js';

const REASONS = ['malformed_row', 'null_uprn', 'missing_value', 'malformed_uprn', 'invalid_number', 'bad_date', 'future_date', 'bad_boolean', 'unknown_enum', 'unmatched_uprn', 'duplicate_row', 'duplicate_uprn'];

const ws = workspace();
let dropBefore: Record<string, string>;
let cwdBefore: string[];
let cwdAfter: string[];
let rootBefore: string[];
let result: { code: number; stdout: string; stderr: string };

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(tree(dir).map((p) => [p, statSync(join(dir, p)).isDirectory() ? 'dir' : createHash('sha256').update(readFileSync(join(dir, p))).digest('hex')]));
}

beforeAll(async () => {
  const ct = (o: Record<string, string> = {}) => csvLine('council_tax', o);
  // Bad rows that carry pseudonyms, in every way a reason could be tempted to echo them.
  writeBorough(ws.drop, {
    code: 'E09000007',
    files: {
      properties: fileOf('properties', [csvLine('properties'), `${csvLine('properties', { uprn: '1002' })},${SECRETS.landlord}`, csvLine('properties', { uprn: '1003', habitable_rooms: ' 12' }), csvLine('properties', { uprn: 'abc' })]),
      council_tax: fileOf('council_tax', [ct(), ct(), ct({ start_date: '2026-13-01' }), ct({ uprn: '9999' }), ct({ account_ref: '' }), `${ct()},x`]),
      electoral_register: fileOf('electoral_register', [csvLine('electoral_register'), csvLine('electoral_register', { registered_date: '' }), csvLine('electoral_register', { uprn: '9999' })]),
      // landlord_ref and surname_key are not licences columns: unknown extras whose values must go nowhere.
      licences: fileOf('licences', [`${csvLine('licences')},${SECRETS.landlord},${SECRETS.surname}`], [...columnsOf('licences'), 'landlord_ref', 'surname_key']),
      housing_benefit: fileOf('housing_benefit', [csvLine('housing_benefit'), csvLine('housing_benefit', { weekly_rent: '-1' }), csvLine('housing_benefit', { uprn: '9999' })]),
    },
  });
  writeBorough(ws.drop, { code: 'E09000019', files: { inspections: '' } });
  writeFileSync(join(ws.root, 'marker'), 'x');
  dropBefore = hashes(ws.drop);
  rootBefore = readdirSync(ws.root).sort();
  // Run from an empty working folder of its own, so that anything written "here" shows.
  const previousCwd = process.cwd();
  const cwd = workspace().root;
  cwdBefore = readdirSync(cwd).sort();
  process.chdir(cwd);
  try {
    result = await cli(['ingest', '--drop', ws.drop, '--out', ws.out]);
    cwdAfter = readdirSync(cwd).sort();
  } finally {
    process.chdir(previousCwd);
  }
});
afterAll(cleanUp);

describe('the quality report', () => {
  test('report.json has the shape of issue 2', () => {
    const report = JSON.parse(readFileSync(outputLayout(ws.out).qualityJson, 'utf8'));
    expect(report.standard).toBe('hmo-harmonised/1.0');
    expect(Object.keys(report.boroughs).sort()).toEqual(['E09000007', 'E09000019']);
    for (const b of Object.values<any>(report.boroughs)) {
      expect(['ok', 'failed']).toContain(b.status);
      expect(Array.isArray(b.errors)).toBe(true);
      for (const e of b.errors) expect(typeof e).toBe('string');
      expect(typeof b.tables).toBe('object');
      for (const t of Object.values<any>(b.tables)) {
        for (const k of ['rows_read', 'rows_accepted', 'rows_quarantined']) expect(Number.isInteger(t[k])).toBe(true);
        expect(t.rows_read).toBe(t.rows_accepted + t.rows_quarantined);
        for (const [reason, n] of Object.entries<any>(t.reasons)) {
          expect(REASONS).toContain(reason);
          expect(Number.isInteger(n) && n > 0).toBe(true);
        }
      }
    }
    expect(report.boroughs.E09000019.status).toBe('failed');
    expect(report.boroughs.E09000019.errors.some((e: string) => e.includes('inspections.csv'))).toBe(true);
    const b = report.boroughs.E09000007;
    expect(b.status).toBe('ok');
    for (const t of ['properties', 'council_tax', 'electoral_register', 'licences', 'inspections', 'housing_benefit']) expect(b.tables[t]).toBeDefined();
    expect(b.tables.council_tax).toMatchObject({ rows_read: 6, rows_accepted: 1, rows_quarantined: 5, reasons: { malformed_row: 1, missing_value: 1, bad_date: 1, unmatched_uprn: 1, duplicate_row: 1 } });
    expect(b.tables.properties).toMatchObject({ rows_read: 4, rows_accepted: 1, rows_quarantined: 3, reasons: { malformed_row: 1, malformed_uprn: 1, invalid_number: 1 } });
  });

  test('the exit code is 1 when a borough failed, and the summary names it', () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('E09000019');
  });
});

describe('the quarantine CSV', () => {
  const quarantine = (table: Table) => parseCsv(readFileSync(outputLayout(ws.out).quarantineCsv('E09000007', table), 'utf8'));

  test('columns file,line,column,reason,value; one row per quarantined row', () => {
    for (const table of ['properties', 'council_tax', 'electoral_register', 'housing_benefit'] as Table[]) {
      const records = quarantine(table);
      expect(records[0]?.fields).toEqual(['file', 'line', 'column', 'reason', 'value']);
      for (const r of records.slice(1)) {
        expect(r.fields).toHaveLength(5);
        expect(r.fields[0]).toContain(`${table}.csv`);
        expect(r.fields[1]).toMatch(/^[1-9][0-9]*$/);
        expect(REASONS).toContain(r.fields[3]);
      }
    }
  });

  test('the offending column and value, as written (no trimming)', () => {
    const rows = quarantine('properties').slice(1).map((r) => r.fields.slice(1));
    expect(rows).toEqual([
      ['3', '', 'malformed_row', ''],
      ['4', 'habitable_rooms', 'invalid_number', ' 12'],
      ['5', 'uprn', 'malformed_uprn', 'abc'],
    ]);
    const ct = quarantine('council_tax').slice(1).map((r) => r.fields.slice(1, 4));
    expect(ct).toEqual([
      ['3', '', 'duplicate_row'],
      ['4', 'start_date', 'bad_date'],
      ['5', 'uprn', 'unmatched_uprn'],
      ['6', 'account_ref', 'missing_value'],
      ['7', '', 'malformed_row'],
    ]);
  });
});

describe('section 5 and the output folder', () => {
  test('no *_ref or surname_key value in any output file (Parquet and the DuckDB file aside: see docs/conformance.md)', () => {
    const files = tree(ws.out).filter((p) => !p.endsWith('.parquet') && !p.endsWith('.duckdb') && statSync(join(ws.out, p)).isFile());
    expect(files.length).toBeGreaterThan(4);
    for (const p of files) {
      const text = readFileSync(join(ws.out, p), 'latin1');
      for (const secret of Object.values(SECRETS)) expect([p, text.includes(secret)]).toEqual([p, false]);
    }
  });

  test('unknown extra columns (even named like pseudonyms) are not kept in the accepted table', async () => {
    const { Duck, sqlString } = await import('../../pipeline/db/Duck.js');
    const db = await Duck.open();
    try {
      const cols = await db.json<{ column_name: string }>(`DESCRIBE SELECT * FROM read_parquet(${sqlString(outputLayout(ws.out).acceptedTable('E09000007', 'licences'))})`);
      expect(cols.map((c) => c.column_name)).not.toContain('surname_key');
      expect(cols.map((c) => c.column_name)).not.toContain('landlord_ref');
    } finally {
      db.close();
    }
  });

  test('nothing is written into the drop, next to OUT, or in the working folder', () => {
    expect(hashes(ws.drop)).toEqual(dropBefore);
    expect(readdirSync(ws.root).sort()).toEqual([...rootBefore, 'out'].sort());
    expect(cwdAfter).toEqual(cwdBefore);
  });
});

describe('exit codes', () => {
  test('0 when every borough is usable', async () => {
    const w = workspace();
    writeBorough(w.drop);
    expect((await cli(['ingest', '--drop', w.drop, '--out', w.out])).code).toBe(0);
  });
  test('2 on a usage error (no --drop, or a drop that is not a folder)', async () => {
    const w = workspace();
    expect((await cli(['ingest', '--out', w.out])).code).toBe(2);
    expect((await cli(['ingest', '--drop', join(w.root, 'nowhere'), '--out', w.out])).code).toBe(2);
  });
});
