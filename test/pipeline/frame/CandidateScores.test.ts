import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck } from '../../../pipeline/db/Duck.js';
import { readCandidateScores, writeCandidateScores, type CandidateScoresHeader } from '../../../pipeline/frame/CandidateScores.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'hmo-candidate-scores-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const header: CandidateScoresHeader = { model_id: 'm-1', borough: 'E09000007', reinspect_after_months: null, features_sha256: 'abc' };

async function write(path: string, h: CandidateScoresHeader, uprns: number[], scores: number[]): Promise<void> {
  const db = await Duck.open();
  try {
    await writeCandidateScores(db, path, h, { uprns: Float64Array.from(uprns), scores: Float64Array.from(scores) });
  } finally {
    db.close();
  }
}

describe('candidate scores (evaluate writes, rank reads)', () => {
  test('round trip, ordered by UPRN, a missing score as NaN; the same scores give the same bytes', async () => {
    const path = join(root, 'a', 'E09000007.parquet');
    await write(path, header, [100000000012, 5, 100021234567], [0.25, 0.5, Number.NaN]);
    const read = await readCandidateScores(path, header);
    expect(Array.from(read?.uprns ?? [])).toEqual([5, 100000000012, 100021234567]);
    expect(Array.from(read?.scores ?? [])).toEqual([0.5, 0.25, Number.NaN]);
    const again = join(root, 'b', 'E09000007.parquet');
    await write(again, header, [5, 100000000012, 100021234567], [0.5, 0.25, Number.NaN]);
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
  });

  test('another model, borough, candidate rule or features file: not used', async () => {
    const path = join(root, 'c', 'E09000007.parquet');
    await write(path, header, [1, 2], [0.1, 0.2]);
    expect(await readCandidateScores(path, header)).toBeDefined();
    for (const other of [
      { ...header, model_id: 'm-2' },
      { ...header, borough: 'E09000012' },
      { ...header, reinspect_after_months: 24 },
      { ...header, features_sha256: 'abd' },
    ]) {
      expect(await readCandidateScores(path, other)).toBeUndefined();
    }
    expect(await readCandidateScores(join(root, 'none.parquet'), header)).toBeUndefined();
  });

  test('UPRNs and scores of different lengths are refused', async () => {
    await expect(write(join(root, 'd.parquet'), header, [1, 2], [0.1])).rejects.toThrow(/2 UPRNs but 1 scores/);
  });
});
