import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck } from '../../../pipeline/db/Duck.js';
import { readTruth } from '../../../pipeline/evaluate/inputs/readTruth.js';
import { evaluateMessages as m } from '../../../pipeline/messages/evaluate.js';

describe('readTruth', () => {
  let dir: string;
  let db: Duck;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hmo-truth-'));
    db = await Duck.open();
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('reads 0/1 and true/false', async () => {
    const file = join(dir, 'truth.csv');
    writeFileSync(file, 'uprn,borough_code,is_hmo,is_licensed\n101,E09000007,1,0\n102,E09000007,true,true\n103,E09000007,0,false\n');
    await readTruth(db, file);
    const rows = await db.all<{ uprn: bigint; is_hmo: boolean; is_licensed: boolean }>('SELECT uprn, is_hmo, is_licensed FROM eval_truth ORDER BY uprn');
    expect(rows.map((r) => [Number(r.uprn), r.is_hmo, r.is_licensed])).toEqual([
      [101, true, false],
      [102, true, true],
      [103, false, false],
    ]);
  });

  test('names the file, line and column of a bad value', async () => {
    const file = join(dir, 'truth.csv');
    writeFileSync(file, 'uprn,borough_code,is_hmo,is_licensed\n101,E09000007,1,0\n102,E09000007,yes,0\n');
    await expect(readTruth(db, file)).rejects.toThrow(m.truthBadValue(file, 3, 'is_hmo', 'yes'));
  });

  test('names a missing column', async () => {
    const file = join(dir, 'truth.csv');
    writeFileSync(file, 'uprn,borough_code,is_hmo\n101,E09000007,1\n');
    await expect(readTruth(db, file)).rejects.toThrow(m.truthMissingColumns(file, ['is_licensed']));
  });
});
