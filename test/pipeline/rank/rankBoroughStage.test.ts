import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scorer } from '../../../models/Scorer.js';
import { RankError } from '../../../pipeline/errors/RankError.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { rankBorough } from '../../../pipeline/rank/rankBorough.js';
import { rankBoroughStage } from '../../../pipeline/rank/rankBoroughStage.js';
import { silentContext } from '../../../pipeline/stage.js';
import { fakeCatalogue, fakeScorer, property, writeFixtureBorough, type FixtureBorough } from './fixtures.js';

const CAMDEN = 'E09000007';
const HACKNEY = 'E09000012';
const DATES = { [CAMDEN]: '2026-09-30', [HACKNEY]: '2026-08-31' };

function borough(code: string, name: string, extract_date: string, uprns: number[]): FixtureBorough {
  return {
    code,
    name,
    extract_date,
    tables: { properties: uprns.map((uprn) => property(uprn)) },
    features: uprns.map((uprn, i) => ({ uprn, electors_current: i + 1, distinct_surnames: i, complaints_12m: i % 3, habitable_rooms: 3 + i })),
  };
}

let root: string;
let out: string;
let modelDir: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hmo-rank-stage-'));
  out = join(root, 'out');
  await writeFixtureBorough(out, borough(CAMDEN, 'Camden', DATES[CAMDEN], [101, 102, 103, 104]));
  await writeFixtureBorough(out, borough(HACKNEY, 'Hackney', DATES[HACKNEY], [201, 202, 203]));
  modelDir = join(root, 'model');
  mkdirSync(modelDir);
  writeFileSync(join(modelDir, 'metadata.json'), '{"model_id": "fake-model-1"}\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const inputs = (code: string, listsOut: string, dir = modelDir) => ({ out, modelDir: dir, borough: code, params: { ...DEFAULT_PARAMS.rank, top: 2 }, listsOut, catalogue: fakeCatalogue });

/** A loader that counts its calls and hands out a fresh fake scorer each time. */
function countingLoader(): { load: (dir: string) => Promise<Scorer>; calls: string[] } {
  const calls: string[] = [];
  return { calls, load: async (dir) => (calls.push(dir), fakeScorer(DATES)) };
}

describe('rankBoroughStage', () => {
  it('loads the model once for every borough it ranks, and writes the lists rankBorough writes', async () => {
    const { load, calls } = countingLoader();
    const rank = rankBoroughStage(load);
    const kept = join(root, 'kept');
    await rank(inputs(CAMDEN, kept), silentContext);
    await rank(inputs(HACKNEY, kept), silentContext);
    expect(calls).toEqual([modelDir]);

    const direct = join(root, 'direct');
    for (const code of [CAMDEN, HACKNEY]) await rankBorough({ ...inputs(code, direct), scorer: fakeScorer(DATES) }, silentContext);
    for (const code of [CAMDEN, HACKNEY]) {
      expect(readFileSync(outputLayout(kept).listCsv(code), 'utf8')).toBe(readFileSync(outputLayout(direct).listCsv(code), 'utf8'));
      expect(readFileSync(outputLayout(kept).listHtml(code), 'utf8')).toBe(readFileSync(outputLayout(direct).listHtml(code), 'utf8'));
    }
  });

  it('loads the model again when its folder is rewritten or another folder is named', async () => {
    const { load, calls } = countingLoader();
    const rank = rankBoroughStage(load);
    const lists = join(root, 'reload');
    const dir = join(root, 'model-rewritten');
    mkdirSync(dir);
    writeFileSync(join(dir, 'metadata.json'), '{"model_id": "fake-model-1"}\n');
    await rank(inputs(CAMDEN, lists, dir), silentContext);
    writeFileSync(join(dir, 'metadata.json'), '{"model_id": "fake-model-2"}\n');
    await rank(inputs(HACKNEY, lists, dir), silentContext);
    await rank(inputs(CAMDEN, lists), silentContext);
    expect(calls).toEqual([dir, dir, modelDir]);
  });

  it('uses a scorer it is given, and loads nothing', async () => {
    const { load, calls } = countingLoader();
    await rankBoroughStage(load)({ ...inputs(CAMDEN, join(root, 'given')), scorer: fakeScorer(DATES) }, silentContext);
    expect(calls).toEqual([]);
  });

  it('keeps no model that failed to load: rankBorough reports the failure, and the next borough tries again', async () => {
    let fail = true;
    const calls: string[] = [];
    const load = async (dir: string): Promise<Scorer> => {
      calls.push(dir);
      if (fail) throw new Error('disk on fire');
      return fakeScorer(DATES);
    };
    const rank = rankBoroughStage(load);
    // The folder's metadata.json is not a model: rankBorough's own load fails and says so, as without the stage.
    await expect(rank(inputs(CAMDEN, join(root, 'failed')), silentContext)).rejects.toThrow(RankError);
    fail = false;
    await rank(inputs(HACKNEY, join(root, 'failed')), silentContext);
    expect(calls).toEqual([modelDir, modelDir]);
  });
});
