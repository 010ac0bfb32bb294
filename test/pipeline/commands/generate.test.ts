import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../pipeline/main.js';
import { generateMessages } from '../../../pipeline/messages/generate.js';
import { worldNames } from '../../../pipeline/generate/worlds/registry.js';

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  const write = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: string) => {
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await main(args), stderr };
  } finally {
    process.stderr.write = write;
  }
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hmo-generate-cli-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('hmo generate', () => {
  test('--boroughs N generates the first N boroughs (sample ones first) and exits 0', async () => {
    const out = join(root, 'two');
    const result = await run(['generate', '--out', out, '--boroughs', '2', '--scale', '0.05', '--seed', '3', '--world', 'legacy']);
    expect(result.code).toBe(0);
    expect(readdirSync(join(out, 'drop')).sort()).toEqual(['E09000007', 'E09000012']);
    expect(result.stderr).toContain('E09000012 Hackney');
    expect(result.stderr).toContain('world legacy');
    // In the legacy world, with two boroughs one supplies no housing benefit: the last by code when Newham is absent.
    const manifest = JSON.parse(readFileSync(join(out, 'drop', 'E09000012', 'manifest.json'), 'utf8')) as { tables: Record<string, unknown> };
    expect(Object.keys(manifest.tables)).not.toContain('housing_benefit');
  });

  test('--boroughs takes GSS codes, and the omissions can be named', async () => {
    const out = join(root, 'codes');
    const result = await run(['generate', '--out', out, '--boroughs', 'E09000001,E09000033', '--scale', '0.05', '--without-housing-benefit', '', '--without-complaints', 'E09000033']);
    expect(result.code).toBe(0);
    expect(readdirSync(join(out, 'drop')).sort()).toEqual(['E09000001', 'E09000033']);
    const files = (code: string) => readdirSync(join(out, 'drop', code)).sort();
    expect(files('E09000001')).toContain('housing_benefit.csv');
    expect(files('E09000033')).toContain('housing_benefit.csv');
    expect(files('E09000033')).not.toContain('complaints.csv');
  });

  test('an unknown borough code is a usage error (exit 2) naming the code', async () => {
    const result = await run(['generate', '--out', join(root, 'bad'), '--boroughs', 'E09000007,E09000099']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(generateMessages.unknownBoroughs(['E09000099']));
  });

  test('a scale or seed out of range is a usage error', async () => {
    expect((await run(['generate', '--out', join(root, 'bad'), '--scale', '0'])).code).toBe(2);
    expect((await run(['generate', '--out', join(root, 'bad'), '--seed', '-1'])).code).toBe(2);
    expect((await run(['generate', '--out', join(root, 'bad'), '--boroughs', '2', '--without-complaints', 'E09000025'])).code).toBe(2);
  });

  test('--world names a registered world; an unknown one is a usage error (exit 2) listing the known ones', async () => {
    const out = join(root, 'sparse');
    const ok = await run(['generate', '--out', out, '--boroughs', '2', '--scale', '0.05', '--world', 'sparse-supply']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('world sparse-supply');
    // sparse-supply: no borough supplies housing benefit.
    for (const code of ['E09000007', 'E09000012']) expect(readdirSync(join(out, 'drop', code))).not.toContain('housing_benefit.csv');
    const bad = await run(['generate', '--out', join(root, 'bad'), '--world', 'atlantis']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(generateMessages.unknownWorld('atlantis', worldNames()));
  });

  test('--out is required', async () => {
    expect((await run(['generate'])).code).toBe(2);
  });
});
