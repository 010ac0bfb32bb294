import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GradientBoostedTrees } from '../../../models/gbdt/GradientBoostedTrees.js';
import { TREES_JSON } from '../../../models/gbdt/gbdtImplementation.js';
import { gbdtLearner } from '../../../models/gbdt/gbdtLearner.js';
import { LEARNERS, learnerOf } from '../../../models/learners.js';
import { loadScorer } from '../../../models/loadScorer.js';
import { rocAuc } from '../../../models/metrics.js';
import type { FeatureFrame } from '../../../pipeline/frame/FeatureFrame.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { syntheticTrainingFrame } from '../../../scripts/bench/syntheticTrainingFeatures.js';
import { writeTrainedModel } from '../writeTrainedModel.js';

const train: Params['train'] = { ...DEFAULT_PARAMS.train, gbdt: { ...DEFAULT_PARAMS.train.gbdt, max_iter: 40 } };

function writeGbdt(dir: string, frame: FeatureFrame, trainRows: number[], testRows: number[]) {
  return writeTrainedModel(dir, frame, 'gbdt', trainRows, testRows, train);
}

describe('the gbdt learner', () => {
  const frame = syntheticTrainingFrame({ boroughs: 2, rowsPerBorough: 600, seed: 4 });
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hmo-gbdt-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('is registered with its own settings, raw input and codes', () => {
    expect(LEARNERS.gbdt).toBe(gbdtLearner);
    expect(learnerOf('gbdt')?.input).toEqual({ numeric: 'raw', categorical: 'codes' });
    expect(DEFAULT_PARAMS.train.gbdt).toEqual(gbdtLearner.settings.defaults);
    expect(gbdtLearner.settings.check?.({ ...gbdtLearner.settings.defaults, max_leaf_nodes: null, max_depth: null })).toMatch(/max_leaf_nodes or max_depth/);
  });

  test('trains through the contract, scores held-out rows, and loads back as a Scorer with the same logits', async () => {
    const trainRows = Array.from({ length: 600 }, (_, i) => i);
    const testRows = Array.from({ length: 600 }, (_, i) => 600 + i);
    const folder = join(dir, 'model');
    const result = await writeGbdt(folder, frame, trainRows, testRows);
    expect(result.report.kind).toBe('gbdt');
    expect(result.report.early_stopping_rows).toBeGreaterThan(0);
    expect(result.report.best_epoch).toBeLessThanOrEqual(result.report.epochs_run);
    const labels = testRows.map((i) => frame.label?.[i] as number);
    expect(rocAuc(result.testLogits, labels)).toBeGreaterThan(0.75);
    const scorer = await loadScorer(folder);
    const raw = scorer.rawScore(frame);
    testRows.forEach((i, k) => expect(raw[i]).toBe(result.testLogits[k]));
    // the saved trees read raw values: NaN floor areas stay NaN (no imputation)
    const trees = GradientBoostedTrees.fromJSON(JSON.parse(readFileSync(join(folder, TREES_JSON), 'utf8')));
    expect(trees.features).toContain('floor_area_m2');
    expect(trees.features).toContain('tenure');
  });

  test('attributions are TreeSHAP summed per catalogue feature: they add up to the logit minus the expected value', async () => {
    const folder = join(dir, 'model');
    const scorer = await loadScorer(folder);
    const trees = GradientBoostedTrees.fromJSON(JSON.parse(readFileSync(join(folder, TREES_JSON), 'utf8')));
    const rows = [0, 1, 2, 650, 900];
    const raw = scorer.rawScore(frame);
    const attributions = scorer.attribute(frame, rows);
    rows.forEach((row, k) => {
      const list = attributions[k] ?? [];
      expect(list.map((a) => a.feature).sort()).toEqual([...frame.numeric.keys(), ...frame.categorical.keys()].sort());
      const sum = list.reduce((s, a) => s + a.contribution, 0);
      expect(sum).toBeCloseTo((raw[row] as number) - trees.expectedValue(), 8);
      for (let j = 1; j < list.length; j++) expect(list[j - 1]?.contribution).toBeGreaterThanOrEqual(list[j]?.contribution as number);
    });
  });
});
