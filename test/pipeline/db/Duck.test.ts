import { Duck } from '../../../pipeline/db/Duck.js';

describe('Duck.connectAgain', () => {
  test('a second connection sees the same tables, runs statements beside the first, and its close() leaves the database open', async () => {
    const db = await Duck.open(':memory:', { threads: '1' });
    try {
      const other = await db.connectAgain();
      await db.run('CREATE TABLE a AS SELECT range AS i FROM range(200000)');
      await Promise.all([
        db.run('CREATE TABLE b AS SELECT sum(i) AS s FROM a'),
        other.run('CREATE TABLE c AS SELECT count(*) AS n FROM a WHERE i % 2 = 0'),
      ]);
      expect(await other.json('SELECT (SELECT s FROM b) AS s, (SELECT n FROM c) AS n')).toEqual([{ s: '19999900000', n: '100000' }]);
      other.close();
      expect(await db.json('SELECT n FROM c')).toEqual([{ n: '100000' }]);
    } finally {
      db.close();
    }
  });
});
