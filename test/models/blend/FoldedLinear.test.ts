import { LinearInput, type LinearInputJson } from '../../../models/blend/LinearInput.js';
import { Preprocessor } from '../../../models/Preprocessor.js';
import type { FeatureFrame } from '../../../pipeline/frame/FeatureFrame.js';
import { Random } from '../../../pipeline/util/Random.js';
import { syntheticTrainingFrame } from '../../../scripts/bench/syntheticTrainingFeatures.js';

const RAW = { numeric: 'raw', categorical: 'codes' } as const;

/** intercept + recoded · weights, the path the folding replaces. */
function recodedLogits(recode: LinearInput, x: Float32Array, weights: Float64Array, intercept: number): Float64Array {
  const z = recode.transform(x);
  const width = recode.width;
  return Float64Array.from({ length: z.length / width }, (_, i) => {
    let s = intercept;
    for (let j = 0; j < width; j++) s += (z[i * width + j] as number) * (weights[j] as number);
    return s;
  });
}

function check(recode: LinearInput, x: Float32Array, rawWidth: number, seed: number) {
  const rng = new Random(seed);
  const weights = Float64Array.from({ length: recode.width }, () => rng.normal());
  const intercept = rng.normal();
  const folded = recode.fold(weights, intercept);
  const expected = recodedLogits(recode, x, weights, intercept);
  const got = folded.logits(x, rawWidth);
  expect(got).toHaveLength(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs((got[i] as number) - (expected[i] as number)) / (1 + Math.abs(expected[i] as number)));
  expect(worst).toBeLessThan(1e-5);
  // Attributions: weight · (recoded − reference) summed per raw column.
  const z = recode.transform(x);
  const reference = recode.toJSON().reference;
  const perColumn = Float64Array.from(z, (v, k) => (weights[k % recode.width] as number) * (v - (reference[k % recode.width] as number)));
  const want = recode.toRaw(perColumn);
  const have = folded.attribute(x, rawWidth);
  let worstTerm = 0;
  for (let k = 0; k < want.length; k++) worstTerm = Math.max(worstTerm, Math.abs((have[k] as number) - (want[k] as number)));
  expect(worstTerm).toBeLessThan(1e-5);
}

describe('FoldedLinear (LinearInput.fold)', () => {
  test('scores the raw matrix like recoding it and taking the dot product: clipping, missing values, unseen levels, nulls', () => {
    const f: FeatureFrame = {
      length: 8,
      boroughCode: Array(8).fill('E09000001'),
      uprn: Array.from({ length: 8 }, (_, i) => String(i)),
      asOf: Array(8).fill('2026-01-01'),
      numeric: new Map([
        ['a', Float64Array.from([1, 3, Number.NaN, 5, 0.1, 3 + 1e6, 2, -1e6])],
        ['b', Float64Array.from([1.5, 2.25, 0.3, 7, 1, 1, Number.NaN, 1])],
      ]),
      categorical: new Map([
        ['kind', ['x', 'y', 'y', null, 'x', 'x', 'z', null]],
        ['band', ['p', 'q', 'p', 'q', 'p', 'r', 'p', 'q']],
      ]),
    };
    const rows = [0, 1, 2, 3, 4];
    const standard = Preprocessor.fit(f, rows);
    const raw = Preprocessor.fit(f, rows, RAW);
    const recode = LinearInput.fromPreprocessors(standard.toJSON(), raw.toJSON());
    check(recode, raw.transform(f), raw.width, 1);
    // Version 1 (no 'unseen' columns) folds too.
    const v1: LinearInputJson = { ...recode.toJSON(), version: 1 };
    const keep = v1.columns.map((c) => c.role !== 'unseen');
    const old = LinearInput.fromJSON({ ...v1, columns: v1.columns.filter((_, j) => keep[j]), reference: v1.reference.filter((_, j) => keep[j]) });
    check(old, raw.transform(f), raw.width, 2);
  });

  test('on a realistic frame (every role, thousands of rows) the folded logits equal the recoded ones to float precision', () => {
    const frame = syntheticTrainingFrame({ boroughs: 2, rowsPerBorough: 1500, seed: 9, noiseFeatures: 3 });
    const rows = Array.from({ length: 2000 }, (_, i) => i);
    const standard = Preprocessor.fit(frame, rows);
    const raw = Preprocessor.fit(frame, rows, RAW);
    const recode = LinearInput.fromPreprocessors(standard.toJSON(), raw.toJSON());
    check(recode, raw.transform(frame), raw.width, 3);
  });
});
