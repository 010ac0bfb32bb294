import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck, sqlString } from '../../../pipeline/db/Duck.js';
import { readFeatureWindows } from '../../../pipeline/rank/readFeatureWindows.js';

test('reads the windows hmo features recorded in the Parquet metadata, undefined when absent', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hmo-windows-'));
  const db = await Duck.open();
  try {
    const withWindows = join(dir, 'with.parquet');
    const without = join(dir, 'without.parquet');
    await db.run(`COPY (SELECT 1 AS uprn) TO ${sqlString(withWindows)} (FORMAT parquet, KV_METADATA {catalogue_hash: 'h', recent_months: '6', long_months: '24'})`);
    await db.run(`COPY (SELECT 1 AS uprn) TO ${sqlString(without)} (FORMAT parquet)`);
    expect(await readFeatureWindows(withWindows)).toEqual({ recent_months: 6, long_months: 24 });
    expect(await readFeatureWindows(without)).toBeUndefined();
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
