import { Duck } from '../../../pipeline/db/Duck.js';
import { readDoubleColumns } from '../../../pipeline/db/readDoubleColumns.js';

describe('readDoubleColumns', () => {
  let db: Duck;
  beforeEach(async () => {
    db = await Duck.open();
  });
  afterEach(() => db.close());

  test('every row of every chunk, null as NaN, in query order', async () => {
    const { length, columns } = await readDoubleColumns(
      db,
      'SELECT CAST(i AS DOUBLE) AS i, CASE WHEN i % 3 = 0 THEN NULL ELSE i / 2 END AS half FROM range(0, 5000) r(i) ORDER BY i DESC',
    );
    expect(length).toBe(5000);
    expect([...columns.keys()]).toEqual(['i', 'half']);
    const i = columns.get('i') ?? new Float64Array(0);
    const half = columns.get('half') ?? new Float64Array(0);
    for (let row = 0; row < 5000; row++) {
      const v = 4999 - row;
      expect(i[row]).toBe(v);
      expect(half[row]).toBe(v % 3 === 0 ? Number.NaN : v / 2);
    }
  });

  test('no rows, and a column that is not DOUBLE is refused by name', async () => {
    expect((await readDoubleColumns(db, 'SELECT 1.5::DOUBLE AS x WHERE false')).length).toBe(0);
    await expect(readDoubleColumns(db, 'SELECT 1::BIGINT AS n')).rejects.toThrow(/column "n" is BIGINT/);
  });
});
