import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACT_FILES } from '../../models/artifact.js';
import { initBackend } from '../../models/tfjs/backend.js';
import { loadNetwork, networkFromFiles, readNetworkFiles } from '../../models/tfjs/modelFiles.js';
import { predictLogits } from '../../models/tfjs/network.js';
import { LogisticModel } from '../../models/logistic/LogisticModel.js';
import { Preprocessor } from '../../models/Preprocessor.js';
import { loadScorer } from '../../models/loadScorer.js';
import type { FeatureFrame } from '../../pipeline/frame/FeatureFrame.js';
import { trainMessages } from '../../pipeline/messages/train.js';
import { DEFAULT_PARAMS, type Params } from '../../pipeline/params/Params.js';
import { syntheticTrainingFrame } from '../../scripts/bench/syntheticTrainingFeatures.js';
import { writeTrainedModel } from './writeTrainedModel.js';

const train: Params['train'] = {
  ...DEFAULT_PARAMS.train,
  mlp: { ...DEFAULT_PARAMS.train.mlp, hidden_units: [8], epochs: 6, batch_size: 64 },
};

async function writeModel(dir: string, frame: FeatureFrame, kind: 'logistic' | 'mlp') {
  const all = Array.from({ length: frame.length }, (_, i) => i);
  const result = await writeTrainedModel(dir, frame, kind, all, all, train);
  return { logits: result.testLogits, preprocessing: result.model.preprocessing };
}

describe('model artifact and loadScorer', () => {
  const frame = syntheticTrainingFrame({ boroughs: 1, rowsPerBorough: 300, seed: 4 });
  let dir: string;
  beforeAll(async () => {
    await initBackend();
    dir = mkdtempSync(join(tmpdir(), 'hmo-scorer-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('save → load gives the same scores (logistic and MLP)', async () => {
    for (const kind of ['logistic', 'mlp'] as const) {
      const folder = join(dir, kind);
      const { logits } = await writeModel(folder, frame, kind);
      const scorer = await loadScorer(folder);
      const raw = scorer.rawScore(frame);
      for (let i = 0; i < frame.length; i++) expect(raw[i]).toBeCloseTo(logits[i] as number, 5);
      const p = scorer.score(frame);
      expect(Math.min(...p)).toBeGreaterThan(0);
      expect(Math.max(...p)).toBeLessThan(1);
      // Higher logit, higher calibrated probability.
      const order = Array.from(raw.keys()).sort((a, b) => (raw[a] as number) - (raw[b] as number));
      for (let k = 1; k < order.length; k++) expect(p[order[k] as number]).toBeGreaterThanOrEqual(p[order[k - 1] as number] as number);
      expect(scorer.metadata.kind).toBe(kind);
      if (kind !== 'mlp') continue;
      // The custom handler round trip: files in memory load to the same network.
      const fromFiles = await networkFromFiles(readNetworkFiles(folder));
      const fromDir = await loadNetwork(folder);
      const pre = Preprocessor.fromJSON(JSON.parse(readFileSync(join(folder, ARTIFACT_FILES.preprocessing), 'utf8')));
      const x = pre.transform(frame, [0, 1, 2]);
      expect(Array.from(predictLogits(fromFiles, x, pre.width))).toEqual(Array.from(predictLogits(fromDir, x, pre.width)));
    }
  });

  test('logistic attributions are weight × (x − reference), summed per catalogue feature, and add up to the logit difference', async () => {
    const folder = join(dir, 'logistic-attr');
    const { preprocessing } = await writeModel(folder, frame, 'logistic');
    const scorer = await loadScorer(folder);
    const model = LogisticModel.load(folder);
    const [kernel, bias] = [Array.from(model.weights), [model.intercept]];
    const pre = Preprocessor.fromJSON(preprocessing);
    const rows = [0, 7, 42];
    const attributions = scorer.attribute(frame, rows);
    const raw = scorer.rawScore(frame);
    const referenceLogit = preprocessing.reference.reduce((s, r, j) => s + r * (kernel?.[j] as number), bias?.[0] as number);
    rows.forEach((row, r) => {
      const x = pre.transform(frame, [row]);
      const expected = new Map<string, number>();
      pre.columns.forEach((column, j) => {
        expected.set(column.feature, (expected.get(column.feature) ?? 0) + (kernel?.[j] as number) * ((x[j] as number) - (preprocessing.reference[j] as number)));
      });
      const got = attributions[r] ?? [];
      expect(got.map((a) => a.feature).sort()).toEqual([...expected.keys()].sort());
      for (const a of got) expect(a.contribution).toBeCloseTo(expected.get(a.feature) as number, 4);
      // Largest first.
      for (let k = 1; k < got.length; k++) expect((got[k] as { contribution: number }).contribution).toBeLessThanOrEqual((got[k - 1] as { contribution: number }).contribution);
      const total = got.reduce((s, a) => s + a.contribution, 0);
      expect(total).toBeCloseTo((raw[row] as number) - referenceLogit, 4);
    });
    // Direction: more electors than average pushes towards HMO (the synthetic signal).
    const electors = frame.numeric.get('electors_current') as Float64Array;
    const busiest = Array.from(electors.keys()).sort((a, b) => (electors[b] as number) - (electors[a] as number))[0] as number;
    const contribution = scorer.attribute(frame, [busiest])[0]?.find((a) => a.feature === 'electors_current')?.contribution;
    expect(contribution).toBeGreaterThan(0);
  });

  test('MLP attributions add up (integrated gradients) to the logit difference from the reference', async () => {
    const scorer = await loadScorer(join(dir, 'mlp'));
    const network = await loadNetwork(join(dir, 'mlp'));
    const pre = Preprocessor.fromJSON(JSON.parse(readFileSync(join(dir, 'mlp', ARTIFACT_FILES.preprocessing), 'utf8')));
    const refLogit = predictLogits(network, Float32Array.from(pre.toJSON().reference), pre.width)[0] as number;
    const raw = scorer.rawScore(frame);
    for (const [r, row] of [3, 99].entries()) {
      const total = (scorer.attribute(frame, [3, 99])[r] ?? []).reduce((s, a) => s + a.contribution, 0);
      expect(Math.abs(total - ((raw[row] as number) - refLogit))).toBeLessThan(0.05);
    }
  });

  test('checkFrame refuses a frame with missing or extra features, naming them', async () => {
    const scorer = await loadScorer(join(dir, 'logistic'));
    const numeric = new Map(frame.numeric);
    numeric.delete('complaints_12m');
    numeric.set('ward_hmo_share', new Float64Array(frame.length));
    const other: FeatureFrame = { ...frame, numeric };
    expect(() => scorer.checkFrame(other)).toThrow(trainMessages.featuresMismatch(join(dir, 'logistic'), ['complaints_12m'], ['ward_hmo_share'], []));
    expect(() => scorer.score(other)).toThrow('missing features: complaints_12m; extra features: ward_hmo_share');
    const swapped: FeatureFrame = { ...frame, categorical: new Map([...frame.categorical, ['complaints_12m', []]]), numeric: new Map([...frame.numeric].filter(([k]) => k !== 'complaints_12m')) };
    expect(() => scorer.checkFrame(swapped)).toThrow('features of another kind (numeric vs categorical): complaints_12m');
    expect(() => scorer.checkFrame(frame)).not.toThrow();
  });

  test('checkFrame refuses features whose files record another catalogue hash', async () => {
    const folder = join(dir, 'logistic');
    const scorer = await loadScorer(folder);
    const stale: FeatureFrame = { ...frame, catalogueHashes: ['0123456789abcdef'] };
    expect(() => scorer.checkFrame(stale)).toThrow(trainMessages.catalogueMismatch(folder, scorer.metadata.catalogue_hash, ['0123456789abcdef']));
    expect(() => scorer.rawScore(stale)).toThrow('Rebuild the features and the model');
    const same: FeatureFrame = { ...frame, catalogueHashes: [scorer.metadata.catalogue_hash] };
    expect(() => scorer.checkFrame(same)).not.toThrow();
  });

  test('loadScorer refuses a folder that is not a model', async () => {
    await expect(loadScorer(dir)).rejects.toThrow(trainMessages.notAModelFolder(dir, ARTIFACT_FILES.metadata));
  });
});
