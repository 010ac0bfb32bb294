import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoroughStatus } from '../../../pipeline/db/BoroughStatus.js';
import { ingestDrop } from '../../../pipeline/ingest/ingestDrop.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { silentContext } from '../../../pipeline/stage.js';
import { generateDrop } from '../../../pipeline/generate/generateDrop.js';

// The contract between the generator and ingest (docs/architecture.md): the
// quarantine counts of `hmo ingest` equal faults.json, table by table, reason by reason.
describe('faults.json against hmo ingest', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hmo-generate-ingest-'));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test('ingest quarantines exactly the injected faults, and every borough is usable', async () => {
    const summary = await generateDrop({ out: root, boroughs: ['E09000002', 'E09000030'], scale: 0.5, seed: 404 });
    expect(summary.faultyRows).toBeGreaterThan(50);
    const out = join(root, 'out');
    await ingestDrop({ drop: summary.drop, out }, silentContext);
    const faults = JSON.parse(readFileSync(summary.faultsFile, 'utf8')) as Record<string, Record<string, Record<string, number>>>;
    for (const borough of summary.boroughs) {
      const status = JSON.parse(readFileSync(outputLayout(out).boroughStatus(borough.code), 'utf8')) as BoroughStatus;
      expect({ borough: borough.code, status: status.status, errors: status.errors }).toEqual({ borough: borough.code, status: 'ok', errors: [] });
      for (const [table, counts] of Object.entries(status.tables)) {
        if (!counts?.supplied) continue;
        const reasons = Object.fromEntries(Object.entries(counts.reasons).filter(([, n]) => (n ?? 0) > 0));
        expect({ borough: borough.code, table, reasons }).toEqual({ borough: borough.code, table, reasons: faults[borough.code]?.[table] ?? {} });
        expect(counts.rows_read).toBe(borough.rows[table as keyof typeof borough.rows]);
      }
    }
  });
});
