import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputLayout } from '../../../pipeline/layout.js';
import { runHmo } from '../../helpers/runHmo.js';
import { evaluateMessages as m } from '../../../pipeline/messages/evaluate.js';
import { buildFixture, type Fixture } from './evaluationFixture.js';

describe('hmo evaluate', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await buildFixture();
  });
  afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));

  test('evaluates a model folder, prints the summary and exits 0', async () => {
    const params = join(fixture.root, 'params.yaml');
    writeFileSync(params, 'evaluate:\n  bootstrap_samples: 20\n');
    const result = await runHmo(['evaluate', '--out', fixture.out, '--model', fixture.modelDir, '--params', params]);
    expect(result.stderr).not.toContain('Error');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(m.summaryHeading('mlp', 'model-strong'));
    expect(result.stdout).toContain('Leave-one-borough-out');
    const layout = outputLayout(fixture.out);
    expect(existsSync(layout.metricsJson) && existsSync(layout.evaluationHtml) && existsSync(layout.modelCard)).toBe(true);
  });

  test('a model folder that does not exist is a usage error (2)', async () => {
    const result = await runHmo(['evaluate', '--out', fixture.out, '--model', join(fixture.root, 'nope')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(m.noSuchPath('model', join(fixture.root, 'nope')));
  });

  test('an output folder without ingested data is a failure of the run (1)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hmo-evaluate-empty-'));
    try {
      const result = await runHmo(['evaluate', '--out', empty, '--model', fixture.modelDir]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(m.noIngestedData(empty));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('a model folder without validation predictions fails with the file named (1)', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'hmo-evaluate-bare-'));
    try {
      copyFileSync(join(fixture.modelDir, 'metadata.json'), join(bare, 'metadata.json'));
      const result = await runHmo(['evaluate', '--out', fixture.out, '--model', bare]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(m.missingModelFile(join(bare, 'validation', 'predictions.parquet')));
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  test('an unknown option is a usage error (2)', async () => {
    expect((await runHmo(['evaluate', '--out', fixture.out, '--no-such-option'])).code).toBe(2);
  });
});
