import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck, sqlString } from '../../../pipeline/db/Duck.js';
import { readFeatureFrame } from '../../../pipeline/frame/FeatureFrame.js';

describe('readFeatureFrame', () => {
  let dir: string;
  let db: Duck;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hmo-frame-'));
    db = await Duck.open();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = async (name: string, select: string) => {
    const file = join(dir, name);
    await db.run(`COPY (${select}) TO ${sqlString(file)} (FORMAT parquet, KV_METADATA {catalogue_hash: 'h1'})`);
    return file;
  };

  test('rows by borough then numeric UPRN across files, nulls as NaN and null, dates as ISO text', async () => {
    const b = await write(
      'b.parquet',
      `SELECT * FROM (VALUES
         ('E09000009', 100000000002, DATE '2026-09-30', 2.5, CAST(NULL AS VARCHAR), 7),
         ('E09000009', 9, DATE '2026-09-30', CAST(NULL AS DOUBLE), 'say "hi", then', 8)
       ) t(borough_code, uprn, as_of, electors, tenure, rooms)`,
    );
    const a = await write(
      'a.parquet',
      `SELECT * FROM (VALUES ('E09000001', 300, DATE '1999-01-02', CAST('-0.0' AS DOUBLE), 'owner-occupied', CAST(NULL AS BIGINT)),
                             ('E09000001', 20, DATE '2026-09-30', 1e300, 'private-rented', 3)
       ) t(borough_code, uprn, as_of, electors, tenure, rooms)`,
    );
    const frame = await readFeatureFrame([b, a]);
    expect(frame.length).toBe(4);
    expect(frame.boroughCode).toEqual(['E09000001', 'E09000001', 'E09000009', 'E09000009']);
    expect(frame.uprn).toEqual(['20', '300', '9', '100000000002']);
    expect(frame.asOf).toEqual(['2026-09-30', '1999-01-02', '2026-09-30', '2026-09-30']);
    expect(Array.from(frame.numeric.get('electors') ?? [])).toEqual([1e300, -0, Number.NaN, 2.5]);
    expect(Array.from(frame.numeric.get('rooms') ?? [])).toEqual([3, Number.NaN, 8, 7]);
    expect(frame.categorical.get('tenure')).toEqual(['private-rented', 'owner-occupied', 'say "hi", then', null]);
    expect(frame.catalogueHashes).toEqual(['h1']);
    expect(frame.label).toBeUndefined();
  });

  test('training columns: label, inspection date, trigger and declared (null as 0)', async () => {
    const file = await write(
      'train.parquet',
      `SELECT * FROM (VALUES
         ('E09000007', 5, DATE '2025-03-01', 1.0, 'flat', 1, DATE '2025-03-02', 'complaint', true),
         ('E09000007', 4, DATE '2024-12-31', 0.0, CAST(NULL AS VARCHAR), 0, DATE '2025-01-01', 'licence-application', CAST(NULL AS BOOLEAN)),
         ('E09000007', 6, DATE '2025-06-01', 2.0, 'flat', 0, DATE '2025-06-02', 'complaint', false)
       ) t(borough_code, uprn, as_of, electors, property_type, label, inspection_date, trigger, declared)`,
    );
    const frame = await readFeatureFrame([file]);
    expect(frame.uprn).toEqual(['4', '5', '6']);
    expect([...frame.numeric.keys()]).toEqual(['electors']);
    expect([...frame.categorical.keys()]).toEqual(['property_type']);
    expect(frame.categorical.get('property_type')).toEqual([null, 'flat', 'flat']);
    expect(Array.from(frame.label ?? [])).toEqual([0, 1, 0]);
    expect(frame.inspectionDate).toEqual(['2025-01-01', '2025-03-02', '2025-06-02']);
    expect(frame.trigger).toEqual(['licence-application', 'complaint', 'complaint']);
    expect(Array.from(frame.declared ?? [])).toEqual([0, 1, 0]);
  });

  test('a file of many chunks keeps every row and null in place', async () => {
    const file = await write(
      'big.parquet',
      `SELECT 'E09000007' AS borough_code, 10000 - i AS uprn, DATE '2026-09-30' AS as_of,
              CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(i AS DOUBLE) END AS x,
              CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || (i % 3) END AS c
       FROM range(1, 5001) r(i)`,
    );
    const frame = await readFeatureFrame([file]);
    expect(frame.length).toBe(5000);
    const x = frame.numeric.get('x') ?? new Float64Array(0);
    const c = frame.categorical.get('c') ?? [];
    for (let row = 0; row < 5000; row++) {
      const i = 5000 - row; // uprn ascending = i descending
      expect(frame.uprn[row]).toBe(String(10000 - i));
      expect(x[row]).toBe(i % 7 === 0 ? Number.NaN : i);
      expect(c[row]).toBe(i % 5 === 0 ? null : `v${i % 3}`);
    }
  });
});
