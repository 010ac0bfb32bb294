import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLEND_JSON } from '../../../models/blend/blendImplementation.js';
import { blendLearner } from '../../../models/blend/blendLearner.js';
import { LinearInput } from '../../../models/blend/LinearInput.js';
import { GradientBoostedTrees } from '../../../models/gbdt/GradientBoostedTrees.js';
import { TREES_JSON } from '../../../models/gbdt/gbdtImplementation.js';
import { defaultModelKinds, LEARNERS, learnerOf } from '../../../models/learners.js';
import { loadScorer } from '../../../models/loadScorer.js';
import { rocAuc } from '../../../models/metrics.js';
import type { FeatureFrame } from '../../../pipeline/frame/FeatureFrame.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { runTrainTask } from '../../../pipeline/train/runTrainTask.js';
import { selectFrameRows } from '../../../pipeline/rank/selectFrameRows.js';
import { syntheticTrainingFrame } from '../../../scripts/bench/syntheticTrainingFeatures.js';
import { writeTrainedModel } from '../writeTrainedModel.js';

const train: Params['train'] = { ...DEFAULT_PARAMS.train, blend: { ...DEFAULT_PARAMS.train.blend, max_iter: 40 }, gbdt: { ...DEFAULT_PARAMS.train.gbdt, max_iter: 40 } };

function writeModel(dir: string, kind: 'blend' | 'gbdt' | 'logistic', frame: FeatureFrame, trainRows: number[], testRows: number[], settings = train) {
  return writeTrainedModel(dir, frame, kind, trainRows, testRows, settings);
}

describe('LinearInput', () => {
  const columns = [
    { name: 'a', feature: 'a', role: 'value' as const },
    { name: 'kind', feature: 'kind', role: 'code' as const },
  ];
  // rows: (1, 0), (3, 1), (NaN, 1), (5, NaN)
  const x = Float32Array.from([1, 0, 3, 1, Number.NaN, 1, 5, Number.NaN]);

  test('standardises values (missing at the mean, with an indicator) and one-hots codes (with a missing column), fitted on the rows given', () => {
    const recode = LinearInput.fit(x, 2, columns);
    // a: value + missing; kind: level 0, level 1, missing
    expect(recode.width).toBe(5);
    const z = recode.transform(Float32Array.from([3, 1, Number.NaN, 7]));
    const sd = Math.sqrt(((1 - 3) ** 2 + 0 + (5 - 3) ** 2) / 3);
    // row (3, 1): 3 is the mean; level 1. Row (NaN, 7): missing value; 7 is no level seen (the codes input gives NaN for those).
    expect(Array.from(z)).toEqual([0, 0, 0, 1, 0, 0, 1, 0, 0, 0]);
    expect(Array.from(recode.transform(Float32Array.from([5, 0])).slice(0, 1))).toEqual([Math.fround(2 / sd)]);
    const far = recode.transform(Float32Array.from([3 + 100 * sd, 0]));
    expect(far[0]).toBe(8); // clipped at +8 standard deviations
    expect(far[2]).toBe(1);
    // a code never seen in training (NaN in codes input) lands in the missing column
    expect(Array.from(recode.transform(Float32Array.from([1, Number.NaN])).slice(2))).toEqual([0, 0, 1]);
  });

  test('sums recoded contributions back to their raw columns, and survives a JSON round trip', () => {
    const recode = LinearInput.fit(x, 2, columns);
    expect(Array.from(recode.toRaw(Float64Array.from([1, 2, 3, 4, 5, 10, 20, 30, 40, 50])))).toEqual([3, 12, 30, 120]);
    const back = LinearInput.fromJSON(JSON.parse(JSON.stringify(recode.toJSON())));
    expect(Array.from(back.transform(x))).toEqual(Array.from(recode.transform(x)));
    expect(recode.toJSON().reference).toHaveLength(5);
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
