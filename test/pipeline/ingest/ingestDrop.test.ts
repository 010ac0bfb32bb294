import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Duck, sqlString } from '../../../pipeline/db/Duck.js';
import { ingestDrop } from '../../../pipeline/ingest/ingestDrop.js';
import { validateDrop } from '../../../pipeline/ingest/validateDrop.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { runHmo } from '../../helpers/runHmo.js';
import { ingestMessages } from '../../../pipeline/messages/ingest.js';
import { silentContext } from '../../../pipeline/stage.js';
import { sha256File } from '../../../pipeline/util/hash.js';
import { tempWorkspace, VALID_TABLES, writeBorough } from './fixtureDrop.js';

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
function workspace() {
  const ws = tempWorkspace();
  roots.push(ws.root);
  return ws;
}

/** Every file and folder under `dir`, relative to it. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      found.push(relative(dir, path));
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return found.sort();
}

const cli = runHmo;

describe('ingestDrop', () => {
  test('report shape, accounting identity, other boroughs go on, hmo.duckdb views', async () => {
    const { drop, out } = workspace();
    writeBorough(drop, { code: 'E09000007' });
    writeBorough(drop, { code: 'E09000019', tables: { licences: null } });
    const report = await ingestDrop({ drop, out }, silentContext);
    const json = JSON.parse(readFileSync(outputLayout(out).qualityJson, 'utf8'));
    expect(json).toEqual(report);
    expect(json.standard).toBe('hmo-harmonised/1.0');
    expect(Object.keys(json.boroughs)).toEqual(['E09000007', 'E09000019']);
    expect(json.boroughs.E09000007).toMatchObject({ status: 'ok', errors: [] });
    expect(json.boroughs.E09000007.tables.properties).toMatchObject({ rows_read: 3, rows_accepted: 3, rows_quarantined: 0, reasons: {} });
    expect(json.boroughs.E09000019.status).toBe('failed');
    expect(json.boroughs.E09000019.errors).toEqual([ingestMessages.requiredTableNotListed('E09000019/manifest.json', 'licences')]);
    for (const borough of Object.values<{ tables: Record<string, { rows_read: number; rows_accepted: number; rows_quarantined: number }> }>(json.boroughs)) {
      for (const t of Object.values(borough.tables)) expect(t.rows_read).toBe(t.rows_accepted + t.rows_quarantined);
    }
    expect(readFileSync(outputLayout(out).qualityHtml, 'utf8')).toContain('E09000019');
    // The analysts' database: views by paths relative to OUT.
    const db = await Duck.open();
    try {
      await db.run(`SET file_search_path = ${sqlString(out)}`);
      await db.run(`ATTACH ${sqlString(outputLayout(out).database)} AS hmo (READ_ONLY)`);
      expect(await db.json('SELECT borough_code, count(*) AS n FROM hmo.properties GROUP BY ALL')).toEqual([{ borough_code: 'E09000007', n: '3' }]);
      expect(await db.json('SELECT borough_code FROM hmo.boroughs')).toEqual([{ borough_code: 'E09000007' }]);
    } finally {
      db.close();
    }
  });

  test('the same drop gives byte-identical outputs', async () => {
    const { drop, out } = workspace();
    writeBorough(drop, { tables: { properties: `${VALID_TABLES.properties}999,x,y,z,,,,castle,,,,,,A,unknown,\n` } });
    await ingestDrop({ drop, out }, silentContext);
    const layout = outputLayout(out);
    const files = [layout.acceptedTable('E09000007', 'properties'), layout.quarantineCsv('E09000007', 'properties'), layout.qualityJson, layout.qualityHtml, layout.boroughStatus('E09000007')];
    const first = await Promise.all(files.map(sha256File));
    await ingestDrop({ drop, out }, silentContext);
    expect(await Promise.all(files.map(sha256File))).toEqual(first);
  });

  test('outputs of a borough no longer in the drop are removed', async () => {
    const { drop, out } = workspace();
    writeBorough(drop, { code: 'E09000007' });
    writeBorough(drop, { code: 'E09000001' });
    await ingestDrop({ drop, out }, silentContext);
    rmSync(join(drop, 'E09000001'), { recursive: true });
    const report = await ingestDrop({ drop, out }, silentContext);
    expect(Object.keys(report.boroughs)).toEqual(['E09000007']);
    expect(existsSync(join(out, 'ingest', 'E09000001'))).toBe(false);
  });

  test('nothing is written outside OUT: hostile names, ../ in the manifest, symbolic links', async () => {
    const { root, drop, out } = workspace();
    const outside = join(root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'licences.csv'), VALID_TABLES.licences as string);
    // ../ in a file name, and a symbolic link to a file outside the borough.
    writeBorough(drop, { code: 'E09000007', manifest: (m) => ({ ...m, tables: { ...(m.tables as object), licences: { file: '../../outside/licences.csv', rows: 1 } } }) });
    const linked = writeBorough(drop, { code: 'E09000008' });
    rmSync(join(linked, 'licences.csv'));
    symlinkSync(join(outside, 'licences.csv'), join(linked, 'licences.csv'));
    // Hostile folder names: not London codes, with quotes, spaces, globs and a leading dash.
    for (const name of ["x'; DROP TABLE t; --", '-rf *', '..evil', 'E09000007 ']) writeBorough(drop, { code: name });
    // A symbolic link to a folder outside the drop is not a borough folder.
    symlinkSync(outside, join(drop, 'E09000009'));
    const before = tree(root).filter((p) => !p.startsWith('out'));
    const report = await ingestDrop({ drop, out }, silentContext);
    expect(tree(root).filter((p) => !p.startsWith('out'))).toEqual(before);
    expect(report.boroughs.E09000007?.errors).toEqual([ingestMessages.tableFileIsPath('E09000007/manifest.json', 'licences', '../../outside/licences.csv')]);
    expect(report.boroughs.E09000008?.errors).toEqual([ingestMessages.fileNotPlain('E09000008/licences.csv')]);
    expect(report.boroughs['-rf *']?.errors[0]).toBe(ingestMessages.notLondonFolder('-rf *'));
    expect(report.boroughs.E09000009).toBeUndefined();
    for (const path of tree(out)) expect(statSync(join(out, path)).isSymbolicLink()).toBe(false);
  });

  test('a folder that is not a London code fails as a borough whatever its name (hidden, backslashes); only version-control folders are skipped', async () => {
    const { drop, out } = workspace();
    writeBorough(drop, { code: 'E09000007' });
    for (const name of ['..\\..\\etc', '.hidden']) writeBorough(drop, { code: name });
    mkdirSync(join(drop, '.git'));
    const report = await ingestDrop({ drop, out }, silentContext);
    expect(report.boroughs['..\\..\\etc']?.errors[0]).toBe(ingestMessages.notLondonFolder('..\\..\\etc'));
    expect(report.boroughs['.hidden']?.errors[0]).toBe(ingestMessages.notLondonFolder('.hidden'));
    expect(ingestMessages.notLondonFolder('..\\..\\etc')).toContain('"..\\\\..\\\\etc"');
    expect(report.boroughs['.git']).toBeUndefined();
    expect(report.boroughs.E09000007?.errors).toEqual([]);
  });

  test('a byte-order mark before the manifest is accepted, as it is before a CSV', async () => {
    const { drop, out } = workspace();
    const dir = writeBorough(drop, { code: 'E09000007' });
    writeFileSync(join(dir, 'manifest.json'), `\uFEFF${readFileSync(join(dir, 'manifest.json'), 'utf8')}`);
    const report = await ingestDrop({ drop, out }, silentContext);
    expect(report.boroughs.E09000007?.errors).toEqual([]);
  });

  test('OUT inside the drop is refused', async () => {
    const { drop } = workspace();
    writeBorough(drop);
    await expect(ingestDrop({ drop, out: join(drop, 'out') }, silentContext)).rejects.toThrow(ingestMessages.outInsideDrop(join(drop, 'out'), drop));
  });
});

describe('validateDrop', () => {
  test('same checks, nothing written in the drop, no temporary folder left', async () => {
    const { root, drop } = workspace();
    writeBorough(drop, { code: 'E09000007', tables: { licences: '' } });
    writeBorough(drop, { code: 'E09000001' });
    const before = tree(root);
    const temporary = () => readdirSync(tmpdir()).filter((name) => name.startsWith('hmo-validate-')).length;
    const temporaryBefore = temporary();
    const report = await validateDrop({ drop }, silentContext);
    expect(tree(root)).toEqual(before);
    expect(temporary()).toBe(temporaryBefore);
    expect(report.boroughs.E09000007?.errors).toEqual([ingestMessages.noHeader('E09000007/licences.csv')]);
    expect(report.boroughs.E09000001?.status).toBe('ok');
  });
});

describe('hmo ingest / hmo validate exit codes', () => {
  test('0 when every borough is usable, with a per-borough summary', async () => {
    const { drop, out } = workspace();
    writeBorough(drop);
    const result = await cli(['ingest', '--drop', drop, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(ingestMessages.boroughLine('E09000007', 'Camden', 'ok'));
    expect(result.stdout).toContain(ingestMessages.tableLine('properties', 3, 3, 0, ''));
  });

  test('1 when a borough failed; the error is printed', async () => {
    const { drop, out } = workspace();
    writeBorough(drop, { tables: { licences: '' } });
    const result = await cli(['ingest', '--drop', drop, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(ingestMessages.noHeader('E09000007/licences.csv'));
    const validated = await cli(['validate', '--drop', drop]);
    expect(validated.code).toBe(1);
    expect(validated.stdout).toContain(ingestMessages.validateDone(1));
  });

  test('2 on a usage error: missing option, or a drop that does not exist', async () => {
    const { root, out } = workspace();
    expect((await cli(['ingest', '--out', out])).code).toBe(2);
    const missing = await cli(['ingest', '--drop', join(root, 'nope'), '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(ingestMessages.dropMissing(join(root, 'nope')));
    expect((await cli(['validate'])).code).toBe(2);
  });
});
