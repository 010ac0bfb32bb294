import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeCodeVersion, importClosure } from '../../../pipeline/run/graph/codeVersion.js';
import { ContentHasher } from '../../../pipeline/run/graph/ContentHasher.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hmo-code-'));
  mkdirSync(join(dir, 'stage'), { recursive: true });
  writeFileSync(join(dir, 'stage', 'entry.js'), "import { helper } from '../util/helper.js';\nexport * from './more.js';\nconst LAZY = '../lazy/loaded.js';\n");
  mkdirSync(join(dir, 'util'));
  mkdirSync(join(dir, 'lazy'));
  writeFileSync(join(dir, 'util', 'helper.js'), 'export const helper = 1;\n');
  writeFileSync(join(dir, 'stage', 'more.js'), 'export const more = 2;\n');
  writeFileSync(join(dir, 'lazy', 'loaded.js'), 'export const lazy = 3;\n');
  writeFileSync(join(dir, 'util', 'unrelated.js'), 'export const x = 4;\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('code versions', () => {
  test('follow static, re-exported and constant-named imports, and change only with the code they cover', () => {
    const entry = join(dir, 'stage', 'entry.js');
    expect(importClosure([entry])).toEqual(
      [join(dir, 'lazy', 'loaded.js'), join(dir, 'stage', 'entry.js'), join(dir, 'stage', 'more.js'), join(dir, 'util', 'helper.js')].sort(),
    );
    const before = computeCodeVersion([entry]);
    expect(computeCodeVersion([`file://${entry}`])).toBe(before);
    writeFileSync(join(dir, 'util', 'unrelated.js'), 'export const x = 5;\n');
    expect(computeCodeVersion([entry])).toBe(before);
    writeFileSync(join(dir, 'lazy', 'loaded.js'), 'export const lazy = 4;\n');
    const afterLazy = computeCodeVersion([entry]);
    expect(afterLazy).not.toBe(before);
    writeFileSync(join(dir, 'util', 'helper.js'), 'export const helper = 2;\n');
    expect(computeCodeVersion([entry])).not.toBe(afterLazy);
    expect(computeCodeVersion([entry], [join(dir, 'util', 'unrelated.js')])).not.toBe(computeCodeVersion([entry]));
  });
});

describe('content hashes of a borough folder', () => {
  test('cover the manifest and the files it lists, not other files', async () => {
    const borough = join(dir, 'drop', 'E09000007');
    mkdirSync(borough, { recursive: true });
    writeFileSync(join(borough, 'manifest.json'), JSON.stringify({ tables: { properties: { file: 'properties.csv', rows: 1 }, licences: { file: 'lic.csv', rows: 0 } } }));
    writeFileSync(join(borough, 'properties.csv'), 'uprn\n1\n');
    writeFileSync(join(borough, 'extra.csv'), 'x\n');
    const hashes = await new ContentHasher().hashDropBorough(join(dir, 'drop'), 'E09000007');
    expect(Object.keys(hashes)).toEqual(['E09000007/lic.csv', 'E09000007/manifest.json', 'E09000007/properties.csv']);
    expect(hashes['E09000007/lic.csv']).toBe('missing');
    writeFileSync(join(borough, 'manifest.json'), '{ not json');
    const fallback = await new ContentHasher().hashDropBorough(join(dir, 'drop'), 'E09000007');
    expect(Object.keys(fallback)).toEqual(['E09000007/extra.csv', 'E09000007/manifest.json', 'E09000007/properties.csv']);
  });
});
