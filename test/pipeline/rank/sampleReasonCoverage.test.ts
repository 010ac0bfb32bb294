import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHmo } from '../../helpers/runHmo.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { reasonCoverage } from '../../../scripts/rank/reasonCoverage.js';

/** Issue 13: the top 200 of every list keep two or more reasons on at least 95% of rows, from TreeSHAP when the trees are chosen. */
const TOP = 200;
const SHARE = 0.95;

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'hmo-reasons-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reasons on the sample drop', () => {
  // The default run chooses the trees blended with a logistic regression (TreeSHAP of the trees plus the linear terms);
  // the trees alone (train.models: [gbdt]) give TreeSHAP's reasons only.
  test.each([
    { name: 'the default (blend)', models: null, kind: 'blend' },
    { name: 'the trees alone', models: ['gbdt'], kind: 'gbdt' },
  ])('$name: every borough list: >= 95% of the top 200 rows carry two or more reasons', async ({ name, models, kind }) => {
    const out = join(dir, kind);
    const args = ['run', '--drop', join(packageRoot(), 'data', 'sample', 'drop'), '--out', out, '--quiet'];
    if (models !== null) {
      const params = join(dir, `${kind}-params.json`);
      writeFileSync(params, JSON.stringify({ train: { models } }));
      args.push('--params', params);
    }
    const result = await runHmo(args);
    expect(result.code).toBe(0);
    const runId = readdirSync(join(out, 'runs'))[0] as string;
    const run = join(out, 'runs', runId);
    expect({ name, kind: (JSON.parse(readFileSync(join(run, 'model', 'metadata.json'), 'utf8')) as { kind: string }).kind }).toEqual({ name, kind });
    const coverage = reasonCoverage(run, TOP);
    expect(coverage.map((b) => b.borough_code)).toEqual(['E09000007', 'E09000012', 'E09000025']);
    for (const borough of coverage) {
      expect(borough.rows).toBe(TOP);
      const withTwo = (borough.with_reasons[2] as number) + (borough.with_reasons[3] as number);
      expect({ name, borough: borough.borough_code, share: withTwo / borough.rows >= SHARE }).toEqual({ name, borough: borough.borough_code, share: true });
    }
  }, 600_000);
});
