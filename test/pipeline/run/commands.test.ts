import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHmo } from '../../helpers/runHmo.js';
import { runMessages as m } from '../../../pipeline/messages/run.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { documentedParamsTable, paramsTableMarkdown } from '../../../pipeline/run/paramsDoc.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hmo-cmd-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('hmo run / runs / models: usage', () => {
  test('a missing --drop, a missing drop folder and a bad params file are usage errors (exit 2)', async () => {
    expect((await runHmo(['run', '--out', join(dir, 'out')])).code).toBe(2);
    const missing = await runHmo(['run', '--drop', join(dir, 'nope'), '--out', join(dir, 'out')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(m.dropMissing(join(dir, 'nope')));
    const params = join(dir, 'params.yaml');
    writeFileSync(params, 'rank:\n  top: 0\n');
    const bad = await runHmo(['run', '--drop', dir, '--out', join(dir, '..', 'elsewhere'), '--params', params]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"rank.top" is 0');
  });

  test('a drop without borough folders is refused before anything is written', async () => {
    const drop = join(dir, 'empty-drop');
    mkdirSync(drop);
    const result = await runHmo(['run', '--drop', drop, '--out', join(dir, 'out')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(m.dropEmpty(drop));
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  test('OUT inside the drop is refused', async () => {
    const result = await runHmo(['run', '--drop', dir, '--out', join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(m.outInsideDrop(join(dir, 'out'), dir));
  });

  test('runs list without runs, promote --force without --why, promote of an unknown run', async () => {
    const list = await runHmo(['runs', 'list', '--out', dir]);
    expect(list.code).toBe(1);
    expect(list.stderr).toContain(m.noRuns(dir));
    const force = await runHmo(['models', 'promote', 'latest', '--out', dir, '--force']);
    expect(force.code).toBe(2);
    expect(force.stderr).toContain(m.forceNeedsWhy);
    expect((await runHmo(['runs', 'diff', 'a', 'b', '--out', dir])).code).toBe(1);
  });
});

describe('docs/running.md', () => {
  test('its params table is the generated one (node dist/pipeline/run/paramsDoc.js regenerates it)', () => {
    expect(documentedParamsTable(join(packageRoot(), 'docs', 'running.md'))).toBe(paramsTableMarkdown());
  });
});
