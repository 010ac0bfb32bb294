import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duck } from '../../../pipeline/db/Duck.js';
import { openDropDb } from '../../../pipeline/db/openDropDb.js';
import { withBoroughViews } from '../../../pipeline/evaluate/inputs/withBoroughViews.js';
import { property, writeFixtureBorough } from '../rank/fixtures.js';

describe('withBoroughViews', () => {
  let out: string;
  let db: Duck;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'hmo-borough-views-'));
    await writeFixtureBorough(out, { code: 'E09000001', name: 'City', extract_date: '2026-09-30', tables: { properties: [property(1), property(2)] }, features: [] });
    await writeFixtureBorough(out, { code: 'E09000007', name: 'Camden', extract_date: '2026-06-30', tables: { properties: [property(3)] }, features: [] });
    db = await openDropDb(out);
    await db.run('CREATE TEMP TABLE eval_truth AS SELECT 42 AS answer');
  });
  afterAll(() => {
    db.close();
    rmSync(out, { recursive: true, force: true });
  });

  const counts = async () =>
    (await db.all<{ b: string; n: bigint }>('SELECT borough_code AS b, count(*) AS n FROM properties GROUP BY 1 ORDER BY 1')).map((r) => [r.b, Number(r.n)]);

  test('inside, the views show the one borough (temp tables still visible); afterwards, every borough again', async () => {
    expect(await counts()).toEqual([['E09000001', 2], ['E09000007', 1]]);
    const inside = await withBoroughViews(db, out, 'E09000007', async () => ({
      properties: await counts(),
      boroughs: (await db.all<{ b: string }>('SELECT borough_code AS b FROM boroughs')).map((r) => r.b),
      truth: (await db.all<{ answer: number }>('SELECT answer FROM eval_truth'))[0]?.answer,
    }));
    expect(inside).toEqual({ properties: [['E09000007', 1]], boroughs: ['E09000007'], truth: 42 });
    expect(await counts()).toEqual([['E09000001', 2], ['E09000007', 1]]);
  });

  test('the views are restored when the work fails', async () => {
    await expect(withBoroughViews(db, out, 'E09000001', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await counts()).toEqual([['E09000001', 2], ['E09000007', 1]]);
  });
});
