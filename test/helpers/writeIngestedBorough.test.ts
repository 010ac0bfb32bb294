import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDropDb, readBoroughStatuses } from '../../pipeline/db/openDropDb.js';
import { outputLayout } from '../../pipeline/layout.js';
import { writeIngestedBorough } from './writeIngestedBorough.js';

describe('writeIngestedBorough', () => {
  let out: string;
  beforeEach(() => {
    out = mkdtempSync(join(tmpdir(), 'hmo-fake-'));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  test('writes typed Parquet that openDropDb reads, with absent columns null', async () => {
    await writeIngestedBorough(out, {
      code: 'E09000007',
      extractDate: '2026-09-30',
      tables: {
        properties: [
          { uprn: 12, address: '1 High St', postcode: 'NW1 0AB', ward_code: 'E05000001', property_type: 'house', council_tax_band: 'C', tenure: 'private-rented', habitable_rooms: 5 },
        ],
        electoral_register: [{ uprn: 12, elector_ref: 'e1', surname_key: 's1', registered_date: '2025-01-01' }],
        complaints: [],
      },
    });
    const db = await openDropDb(out);
    try {
      const props = await db.json('SELECT borough_code, source_line, uprn, habitable_rooms, floor_area_m2, typeof(uprn) t FROM properties');
      expect(props).toEqual([{ borough_code: 'E09000007', source_line: '2', uprn: '12', habitable_rooms: '5', floor_area_m2: null, t: 'BIGINT' }]);
      const electors = await db.json("SELECT strftime(registered_date, '%Y-%m-%d') d, removed_date FROM electoral_register");
      expect(electors).toEqual([{ d: '2025-01-01', removed_date: null }]);
      expect(await db.json('SELECT count(*)::INTEGER n FROM inspections')).toEqual([{ n: 0 }]);
      expect(await db.json('SELECT borough_name, has_housing_benefit, has_complaints FROM boroughs')).toEqual([
        { borough_name: 'Camden', has_housing_benefit: false, has_complaints: true },
      ]);
    } finally {
      db.close();
    }
    expect(existsSync(outputLayout(out).acceptedTable('E09000007', 'housing_benefit'))).toBe(false);
  });

  test('refuses a column the standard does not define', async () => {
    await expect(
      writeIngestedBorough(out, { code: 'E09000007', extractDate: '2026-09-30', tables: { properties: [{ uprn: 1, adress: 'typo' }] } }),
    ).rejects.toThrow('"adress"');
  });

  test('a failed borough has borough.json and no Parquet', async () => {
    await writeIngestedBorough(out, { code: 'E09000001', extractDate: '2026-09-30', tables: {}, status: 'failed' });
    expect(readBoroughStatuses(out).map((s) => s.status)).toEqual(['failed']);
    expect(existsSync(outputLayout(out).acceptedTable('E09000001', 'properties'))).toBe(false);
  });
});
