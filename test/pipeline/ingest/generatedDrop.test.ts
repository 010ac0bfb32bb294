import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ingestDrop } from '../../../pipeline/ingest/ingestDrop.js';
import type { QualityReport } from '../../../pipeline/writers/quality/writeQualityReport.js';
import { silentContext } from '../../../pipeline/stage.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { generateDrop } from '../../../pipeline/generate/generateDrop.js';
import { tempWorkspace } from './fixtureDrop.js';

type Faults = Record<string, Record<string, Record<string, number>>>;

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** Quarantine counts per borough / table / reason, in the shape of faults.json. */
function quarantined(report: QualityReport): Faults {
  const counts: Faults = {};
  for (const [code, borough] of Object.entries(report.boroughs)) {
    counts[code] = {};
    for (const [table, t] of Object.entries(borough.tables)) {
      if (t?.supplied) (counts[code] as Record<string, Record<string, number>>)[table] = t.reasons as Record<string, number>;
    }
  }
  return counts;
}

describe('accounting on generated drops: quarantine counts equal the injected faults exactly', () => {
  test('the committed sample (data/sample)', async () => {
    const { root, out } = tempWorkspace();
    roots.push(root);
    const sample = join(packageRoot(), 'data', 'sample');
    const report = await ingestDrop({ drop: join(sample, 'drop'), out }, silentContext);
    expect(Object.values(report.boroughs).every((b) => b.status === 'ok')).toBe(true);
    expect(quarantined(report)).toEqual(JSON.parse(readFileSync(join(sample, 'faults.json'), 'utf8')) as Faults);
  });

  test('a freshly generated drop with another seed and boroughs', async () => {
    const { root, out } = tempWorkspace();
    roots.push(root);
    const generated = await generateDrop({ out: join(root, 'generated'), boroughs: ['E09000001', 'E09000033'], scale: 0.5, seed: 7, workers: 1 });
    const report = await ingestDrop({ drop: generated.drop, out }, silentContext);
    expect(Object.values(report.boroughs).every((b) => b.status === 'ok')).toBe(true);
    expect(quarantined(report)).toEqual(JSON.parse(readFileSync(generated.faultsFile, 'utf8')) as Faults);
    for (const borough of Object.values(report.boroughs)) {
      for (const t of Object.values(borough.tables)) expect(t?.rows_read).toBe((t?.rows_accepted ?? 0) + (t?.rows_quarantined ?? 0));
    }
  });
});
