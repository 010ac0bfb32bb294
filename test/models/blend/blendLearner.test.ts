import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLEND_JSON } from '../../../models/blend/blendImplementation.js';
import { DEFAULT_BLEND_TREES, blendLearner } from '../../../models/blend/blendLearner.js';
import { LinearInput } from '../../../models/blend/LinearInput.js';
import { GradientBoostedTrees } from '../../../models/gbdt/GradientBoostedTrees.js';
import { TREES_JSON } from '../../../models/gbdt/gbdtImplementation.js';
import { defaultModelKinds, LEARNERS, learnerOf } from '../../../models/learners.js';
import { loadScorer } from '../../../models/loadScorer.js';
import { Preprocessor } from '../../../models/Preprocessor.js';
import { rocAuc } from '../../../models/metrics.js';
import type { FeatureFrame } from '../../../pipeline/frame/FeatureFrame.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { runTrainTask } from '../../../pipeline/train/runTrainTask.js';
import { selectFrameRows } from '../../../pipeline/rank/selectFrameRows.js';
import { syntheticTrainingFrame } from '../../../scripts/bench/syntheticTrainingFeatures.js';
import { writeTrainedModel } from '../writeTrainedModel.js';

// The trees alone with the blend's tree settings (15 leaves, half the columns per tree: DEFAULT_BLEND_TREES), so that a blend of weight 0 is these trees.
const train: Params['train'] = {
  ...DEFAULT_PARAMS.train,
  blend: { ...DEFAULT_PARAMS.train.blend, max_iter: 40 },
  gbdt: { ...DEFAULT_PARAMS.train.gbdt, ...DEFAULT_BLEND_TREES, max_iter: 40 },
};

function writeModel(dir: string, kind: 'blend' | 'gbdt' | 'logistic', frame: FeatureFrame, trainRows: number[], testRows: number[], settings = train) {
  return writeTrainedModel(dir, frame, kind, trainRows, testRows, settings);
}

describe('LinearInput', () => {
  const RAW = { numeric: 'raw', categorical: 'codes' } as const;
  function frameOf(a: number[], kind: (string | null)[], b: number[]): FeatureFrame {
    return {
      length: a.length,
      boroughCode: a.map(() => 'E09000001'),
      uprn: a.map((_, i) => String(i + 1)),
      asOf: a.map(() => '2026-01-01'),
      numeric: new Map([
        ['a', Float64Array.from(a)],
        ['b', Float64Array.from(b)],
      ]),
      categorical: new Map([['kind', kind]]),
    };
  }
  // training rows 0-4; rows 5-7 hold what training never saw: a far value, a new level, a null
  const f = frameOf([1, 3, Number.NaN, 5, 0.1, 3 + 1e6, 2, 2], ['x', 'y', 'y', null, 'x', 'x', 'z', null], [1.5, 2.25, 0.3, 7, Number.POSITIVE_INFINITY, 1, 1, 1]);
  const rows = [0, 1, 2, 3, 4];
  const all = Array.from({ length: f.length }, (_, i) => i);

  test('recodes the trees\' raw input into the logistic regression\'s standard input, column for column (a level never seen counts as null where training had nulls)', () => {
    const standard = Preprocessor.fit(f, rows);
    const raw = Preprocessor.fit(f, rows, RAW);
    const recode = LinearInput.fromPreprocessors(standard.toJSON(), raw.toJSON());
    expect(recode.width).toBe(standard.width);
    const expected = standard.transform(f, all);
    const got = recode.transform(raw.transform(f, all));
    const width = standard.width;
    const unseen = standard.columns.findIndex((c) => c.role === 'unseen');
    const missing = standard.columns.findIndex((c) => c.feature === 'kind' && c.role === 'missing');
    for (let i = 0; i < f.length; i++) {
      for (let c = 0; c < width; c++) {
        // row 6 holds the level 'z' never seen: the codes give NaN, as for a null
        if (i === 6 && (c === unseen || c === missing)) continue;
        expect([i, c, got[i * width + c]]).toEqual([i, c, expect.closeTo(expected[i * width + c] as number, 6)]);
      }
    }
    expect([got[6 * width + unseen], got[6 * width + missing]]).toEqual([0, 1]);
    expect(recode.toJSON().reference).toEqual(standard.toJSON().reference);
  });

  test('without nulls in training, a new level and a null both land in the unseen column, as in the standard input', () => {
    const rowsNoNull = [0, 1, 2, 4];
    const standard = Preprocessor.fit(f, rowsNoNull);
    const raw = Preprocessor.fit(f, rowsNoNull, RAW);
    const recode = LinearInput.fromPreprocessors(standard.toJSON(), raw.toJSON());
    expect(Array.from(recode.transform(raw.transform(f, all)))).toEqual(Array.from(standard.transform(f, all)).map((v) => expect.closeTo(v, 6)));
  });

  test('sums recoded contributions back to their raw columns, survives a JSON round trip, and refuses preprocessings of other inputs', () => {
    const standard = Preprocessor.fit(f, rows);
    const raw = Preprocessor.fit(f, rows, RAW);
    const recode = LinearInput.fromPreprocessors(standard.toJSON(), raw.toJSON());
    // a, a__missing, b, kind=x, kind=y, kind__missing, kind__unseen <- raw a, b, kind
    expect(standard.columns.map((c) => c.name)).toEqual(['a', 'a__missing', 'b', 'b__missing', 'kind=x', 'kind=y', 'kind__missing', 'kind__unseen']);
    expect(Array.from(recode.toRaw(Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8])))).toEqual([3, 7, 26]);
    const back = LinearInput.fromJSON(JSON.parse(JSON.stringify(recode.toJSON())));
    const x = raw.transform(f, all);
    expect(Array.from(back.transform(x))).toEqual(Array.from(recode.transform(x)));
    expect(() => LinearInput.fromPreprocessors(raw.toJSON(), raw.toJSON())).toThrow(/needs the standard input/);
    expect(() => LinearInput.fromPreprocessors(standard.toJSON(), standard.toJSON())).toThrow(/reads raw values and codes/);
    expect(() => LinearInput.fromJSON({ ...recode.toJSON(), version: 3 as 2 })).toThrow(/version 3 is not supported/);
  });
});

describe('the blend learner', () => {
  const frame = syntheticTrainingFrame({ boroughs: 2, rowsPerBorough: 600, seed: 4 });
  const trainRows = Array.from({ length: 600 }, (_, i) => i);
  const testRows = Array.from({ length: 600 }, (_, i) => 600 + i);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hmo-blend-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is registered, trained by default with the logistic regression, and takes the trees\' raw input', () => {
    expect(LEARNERS.blend).toBe(blendLearner);
    expect(learnerOf('blend')?.input).toEqual({ numeric: 'raw', categorical: 'codes' });
    expect(DEFAULT_PARAMS.train.blend).toEqual(blendLearner.settings.defaults);
    expect(defaultModelKinds()).toEqual(['logistic', 'blend']);
    expect(blendLearner.settings.check?.({ ...blendLearner.settings.defaults, max_leaf_nodes: null, max_depth: null })).toMatch(/max_leaf_nodes or max_depth/);
  });

  test('its trees default to 15 leaves on half the columns per tree, the trees alone to scikit-learn\'s 31 leaves on every column', () => {
    expect(blendLearner.settings.defaults).toMatchObject({ max_leaf_nodes: 15, col_subsample: 0.5 });
    expect(DEFAULT_PARAMS.train.gbdt).toMatchObject({ max_leaf_nodes: 31, col_subsample: 1 });
  });

  test('with the default column share, the same rows and seed give the same logits, and another seed other trees', async () => {
    const a = await runTrainTask(frame, { id: 'same', kind: 'gbdt', seed: 11, trainRows, testRows, keep: false }, train);
    const b = await runTrainTask(frame, { id: 'same', kind: 'gbdt', seed: 11, trainRows, testRows, keep: false }, train);
    const c = await runTrainTask(frame, { id: 'other', kind: 'gbdt', seed: 12, trainRows, testRows, keep: false }, train);
    expect(Array.from(b.testLogits)).toEqual(Array.from(a.testLogits));
    expect(Array.from(c.testLogits)).not.toEqual(Array.from(a.testLogits));
  });

  test('its logit is (1 - w) x trees + w x logistic, fitted with the same seed and rows; saved and loaded back as a Scorer with the same logits', async () => {
    const folder = join(dir, 'blend');
    const blend = await writeModel(folder, 'blend', frame, trainRows, testRows);
    expect(blend.report.kind).toBe('blend');
    const labels = testRows.map((i) => frame.label?.[i] as number);
    expect(rocAuc(blend.testLogits, labels)).toBeGreaterThan(0.75);
    const json = JSON.parse(readFileSync(join(folder, BLEND_JSON), 'utf8'));
    expect(json.logistic_weight).toBe(blendLearner.settings.defaults.logistic_weight);

    // w = 0 is the trees alone (same settings and seed), w = 1 the linear part alone.
    const onlyTrees = await runTrainTask(frame, { id: 'b0', kind: 'blend', seed: 5, trainRows, testRows, keep: false }, { ...train, blend: { ...train.blend, logistic_weight: 0 } });
    const gbdt = await runTrainTask(frame, { id: 'g', kind: 'gbdt', seed: 5, trainRows, testRows, keep: false }, train);
    expect(Array.from(onlyTrees.testLogits)).toEqual(Array.from(gbdt.testLogits));
    const onlyLinear = await runTrainTask(frame, { id: 'b1', kind: 'blend', seed: 5, trainRows, testRows, keep: false }, { ...train, blend: { ...train.blend, logistic_weight: 1 } });
    const w = json.logistic_weight as number;
    testRows.forEach((_, k) => expect(blend.testLogits[k]).toBeCloseTo((1 - w) * (gbdt.testLogits[k] as number) + w * (onlyLinear.testLogits[k] as number), 4));

    const scorer = await loadScorer(folder);
    const raw = scorer.rawScore(frame);
    testRows.forEach((i, k) => expect(raw[i]).toBeCloseTo(blend.testLogits[k] as number, 5));
  });

  test('a matrix of more rows than a chunk of the linear part scores each row as a small one does', async () => {
    const folder = join(dir, 'blend-chunks');
    await writeModel(folder, 'blend', frame, trainRows, testRows);
    const scorer = await loadScorer(folder);
    const small = scorer.rawScore(frame);
    // 40,000 rows: the linear part is recoded in chunks of 16,384 rows (2 whole chunks and a part).
    const big = scorer.rawScore(selectFrameRows(frame, Array.from({ length: 40000 }, (_, i) => (i * 7) % frame.length)));
    expect(big.length).toBe(40000);
    for (let i = 0; i < big.length; i++) if (big[i] !== small[(i * 7) % frame.length]) throw new Error(`row ${i}: ${big[i]} against ${small[(i * 7) % frame.length]}`);
  });

  test('the same data and seed give the same model', async () => {
    const a = await runTrainTask(frame, { id: 'a', kind: 'blend', seed: 9, trainRows, testRows, keep: true }, train);
    const b = await runTrainTask(frame, { id: 'b', kind: 'blend', seed: 9, trainRows, testRows, keep: true }, train);
    expect(Array.from(a.testLogits)).toEqual(Array.from(b.testLogits));
    expect(a.model?.files[TREES_JSON]).toEqual(b.model?.files[TREES_JSON]);
  });

  test('attributions are weighted TreeSHAP plus the linear terms, per catalogue feature: they add up to the logit minus the blended expected value', async () => {
    const folder = join(dir, 'blend');
    const scorer = await loadScorer(folder);
    const trees = GradientBoostedTrees.fromJSON(JSON.parse(readFileSync(join(folder, TREES_JSON), 'utf8')));
    const json = JSON.parse(readFileSync(join(folder, BLEND_JSON), 'utf8'));
    const w = json.logistic_weight as number;
    const raw = scorer.rawScore(frame);
    const rows = [0, 1, 2, 650, 900];
    const attributions = scorer.attribute(frame, rows);
    // The linear part's logit at its reference (the training rows' mean recoded input): the rows' sums pin it down.
    const sums = rows.map((_, k) => (attributions[k] ?? []).reduce((s, a) => s + a.contribution, 0));
    const linearAtReference = rows.map((row, k) => ((raw[row] as number) - (sums[k] as number) - (1 - w) * trees.expectedValue()) / w);
    for (const value of linearAtReference) expect(value).toBeCloseTo(linearAtReference[0] as number, 5);
    rows.forEach((_, k) => {
      const list = attributions[k] ?? [];
      expect(list.map((a) => a.feature).sort()).toEqual([...frame.numeric.keys(), ...frame.categorical.keys()].sort());
      for (let j = 1; j < list.length; j++) expect(list[j - 1]?.contribution).toBeGreaterThanOrEqual(list[j]?.contribution as number);
    });
  });
});
