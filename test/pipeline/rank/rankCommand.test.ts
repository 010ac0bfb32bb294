import { mkdtempSync, rmSync } from 'node:fs';
import { listsMessages } from '../../../pipeline/messages/run.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../pipeline/main.js';
import { property, writeFixtureBorough } from './fixtures.js';

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  const write = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await main(args), stderr };
  } finally {
    process.stderr.write = write;
  }
}

describe('hmo rank', () => {
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'hmo-rank-cli-'));
    await writeFixtureBorough(join(root, 'out'), {
      code: 'E09000007',
      name: 'Camden',
      extract_date: '2026-09-30',
      tables: { properties: [property(1)] },
      features: [{ uprn: 1, electors_current: 3 }],
    });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('usage errors exit 2', async () => {
    expect((await run(['rank', '--model', 'm'])).code).toBe(2);
    const top = await run(['rank', '--model', 'm', '--drop-db', join(root, 'out'), '--top', '0']);
    expect(top.code).toBe(2);
    expect(top.stderr).toContain('--top must be a whole number of at least 1, not 0.');
    // OUT/lists is the champion's only: another model's lists need a folder of their own.
    const other = await run(['rank', '--model', join(root, 'no-model'), '--drop-db', join(root, 'out')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain(listsMessages.notChampionIntoLists(join(root, 'out')));
  });

  test('a missing model or an unusable borough exits 1, naming it', async () => {
    // without --model, the champion of --drop-db (hmo models promote); there is none here
    const champion = await run(['rank', '--drop-db', join(root, 'out')]);
    expect(champion.code).toBe(1);
    expect(champion.stderr).toContain('No champion model under');
    const lists = join(root, 'other-lists');
    const model = await run(['rank', '--model', join(root, 'no-model'), '--drop-db', join(root, 'out'), '--out', lists]);
    expect(model.code).toBe(1);
    expect(model.stderr).toContain(`Cannot load the model at ${join(root, 'no-model')}`);
    const borough = await run(['rank', '--model', join(root, 'no-model'), '--drop-db', join(root, 'out'), '--out', lists, '--borough', 'E09000001']);
    expect(borough.code).toBe(1);
    expect(borough.stderr).toContain('No usable borough E09000001; usable boroughs: E09000007.');
    const empty = await run(['rank', '--model', join(root, 'no-model'), '--drop-db', join(root, 'nothing'), '--out', lists]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('No usable borough under');
  });
});
