import { CandidateSets, FellegiSunterModel, type PatternCount } from '../../../../pipeline/harmonise/address/FellegiSunterModel.js';
import { Random } from '../../../../pipeline/util/Random.js';

const SPECS = [
  { name: 'number', levels: 2, labels: ['different', 'same'] },
  { name: 'street', levels: 2, labels: ['different', 'same'] },
];

/**
 * Blocks of a street: every raw row has 20 candidates on its street (street always the same), the true one
 * with the same number (but 5% of rows have no true candidate: their property is missing), the others a
 * different number, except that 3% of non-matches share the number by chance.
 */
function streetBlocks(rows: number, seed: number): CandidateSets {
  const rng = new Random(seed);
  const sets: PatternCount[][] = [];
  for (let i = 0; i < rows; i++) {
    const set: PatternCount[] = [];
    if (!rng.chance(0.05)) set.push({ levels: [1, 1], count: 1 });
    let sameByChance = 0;
    for (let j = 0; j < 19; j++) if (rng.chance(0.03)) sameByChance++;
    if (sameByChance > 0) set.push({ levels: [1, 1], count: sameByChance });
    set.push({ levels: [0, 1], count: 19 - sameByChance });
    sets.push(set);
  }
  return CandidateSets.from(sets);
}

describe('FellegiSunterModel', () => {
  test('EM with one match per row learns that a same number is strong evidence, and π near the share of rows with a match', () => {
    const model = FellegiSunterModel.fit(SPECS, streetBlocks(4000, 1), { estimates: [0] });
    expect(model.levelWeight(0, 1)).toBeGreaterThan(3);
    expect(model.levelWeight(0, 0)).toBeLessThan(-3);
    expect(model.pi).toBeGreaterThan(0.85);
    expect(model.pi).toBeLessThan(1);
    // m of "same number" among matches is near 1; u near the 3% chance agreement among non-matches.
    expect(model.m[0]?.[1]).toBeGreaterThan(0.95);
    expect(model.u[0]?.[1]).toBeGreaterThan(0.01);
    expect(model.u[0]?.[1]).toBeLessThan(0.06);
  });

  test('a comparison left out of a fit carries no weight there; compose takes each comparison from the fit that estimated it', () => {
    const a = FellegiSunterModel.fit(SPECS, streetBlocks(500, 2), { estimates: [0] });
    const b = FellegiSunterModel.fit(SPECS, streetBlocks(500, 3), { estimates: [1] });
    const both = FellegiSunterModel.compose(SPECS, [
      [a, [0]],
      [b, [1]],
    ]);
    expect(both.m[0]).toEqual(a.m[0]);
    expect(both.u[1]).toEqual(b.u[1]);
    expect(both.pi).toBe(a.pi);
    expect(both.weight([1, -1])).toBeCloseTo(both.levelWeight(0, 1), 10);
    expect(both.summary().comparisons.map((c) => c.levels.map((l) => l.label))).toEqual([
      ['different', 'same'],
      ['different', 'same'],
    ]);
  });

  test('the same sets give the same model', () => {
    const one = FellegiSunterModel.fit(SPECS, streetBlocks(300, 9)).summary();
    const two = FellegiSunterModel.fit(SPECS, streetBlocks(300, 9)).summary();
    expect(one).toEqual(two);
  });
});
