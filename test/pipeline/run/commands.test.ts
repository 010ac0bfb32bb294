import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHmo } from '../../helpers/runHmo.js';
import { ingestMessages } from '../../../pipeline/messages/ingest.js';
import { runMessages as m } from '../../../pipeline/messages/run.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { paramsTableMarkdown } from '../../../pipeline/params/paramsTable.js';
import { documentedParamsTable } from '../../../scripts/docs/paramsDoc.js';

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
    for (const workers of ['0', '1.5']) {
      const wrong = await runHmo(['run', '--drop', dir, '--out', join(dir, '..', 'elsewhere'), '--workers', workers]);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain(m.badWorkers(workers));
    }
  });

  test('a drop without borough folders is refused before anything is written', async () => {
    const drop = join(dir, 'empty-drop');
    mkdirSync(drop);
    const result = await runHmo(['run', '--drop', drop, '--out', join(dir, 'out')]);
    // The same exit code and words as hmo validate and hmo ingest (a usage error: --drop names no drop).
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${ingestMessages.noBoroughs(drop)}\n`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    for (const args of [['validate', '--drop', drop], ['ingest', '--drop', drop, '--out', join(dir, 'out2')]]) {
      const other = await runHmo(args);
      expect(other.code).toBe(2);
      expect(other.stderr).toBe(`${ingestMessages.noBoroughs(drop)}\n`);
    }
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
    expect((await runHmo(['runs', 'diff', 'a', 'b', '--out', dir])).code).toBe(1); // no runs at all: nothing to name yet
  });
});

describe('docs/running.md', () => {
  test('its params table is the generated one (npm run docs:params regenerates it)', () => {
    expect(documentedParamsTable(join(packageRoot(), 'docs', 'running.md'))).toBe(paramsTableMarkdown());
  });
});

describe('hmo run with a borough that fails ingest', () => {
  test('the other boroughs get their lists, the summary names the failed one, and the exit code is 1 (as hmo ingest)', async () => {
    const drop = join(dir, 'drop');
    cpSync(join(packageRoot(), 'data', 'sample', 'drop'), drop, { recursive: true });
    const manifest = join(drop, 'E09000012', 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), standard: 'hmo-harmonised/2.0' }));
    const out = join(dir, 'out');
    const result = await runHmo(['run', '--drop', drop, '--out', out, '--quiet']);
    expect(result.code).toBe(1);
    // Errors are never quiet: the borough's own error, and the summary's line that names it.
    expect(result.stderr).toMatch(/^error \[ingest E09000012\]: .*hmo-harmonised\/2\.0/m);
    expect(result.stderr).toContain(m.boroughsFailed(['E09000012'], 2, 3, join(out, 'quality', 'report.html')));
    expect(result.stdout).toBe('');
    // The run's lists go with its record (no model is promoted, so OUT/lists holds only the notice).
    const runId = readdirSync(join(out, 'runs'))[0] as string;
    expect(existsSync(join(out, 'runs', runId, 'lists', 'E09000007', 'inspection_list.csv'))).toBe(true);
    expect(existsSync(join(out, 'runs', runId, 'lists', 'E09000025', 'inspection_list.csv'))).toBe(true);
    expect(existsSync(join(out, 'runs', runId, 'lists', 'E09000012'))).toBe(false);
    expect(readdirSync(join(out, 'lists'))).toEqual(['README.txt']);
    // Cached: the failed ingest is not rerun, and --quiet still says it failed.
    const cached = await runHmo(['run', '--drop', drop, '--out', out, '--quiet']);
    expect(cached.code).toBe(1);
    expect(cached.stderr).toBe(`${m.boroughsFailed(['E09000012'], 2, 3, join(out, 'quality', 'report.html'))}\n`);
    const loud = await runHmo(['run', '--drop', drop, '--out', out]);
    expect(loud.code).toBe(1);
    expect(loud.stdout).toContain(m.boroughsFailed(['E09000012'], 2, 3, join(out, 'quality', 'report.html')));
  });
});
