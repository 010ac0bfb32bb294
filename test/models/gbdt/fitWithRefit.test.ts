import { DEFAULT_GBDT_SETTINGS, type GbdtSettings } from '../../../models/gbdt/GbdtSettings.js';
import { fitGradientBoostedTrees } from '../../../models/gbdt/fitGradientBoostedTrees.js';
import { fitWithRefit } from '../../../models/gbdt/fitWithRefit.js';
import { Random } from '../../../pipeline/util/Random.js';

function data(n: number, seed: number): { features: string[]; columns: Float64Array[]; labels: Uint8Array } {
  const rng = new Random(seed);
  const columns = [new Float64Array(n), new Float64Array(n)];
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    (columns[0] as Float64Array)[i] = a;
    (columns[1] as Float64Array)[i] = b;
    labels[i] = rng.uniform() < 1 / (1 + Math.exp(-(1.5 * a + (b > 0.3 ? 1 : -0.5)))) ? 1 : 0;
  }
  return { features: ['a', 'b'], columns, labels };
}

const settings: GbdtSettings = { ...DEFAULT_GBDT_SETTINGS, max_iter: 300, early_stopping: true, validation_fraction: 0.2, n_iter_no_change: 5 };

describe('fitWithRefit', () => {
  test('refits on every row for the rounds early stopping chose', () => {
    const d = data(1500, 3);
    const { fit, search, refitted } = fitWithRefit(d, settings, 7, true);
    expect(refitted).toBe(true);
    expect(search.validationRows).toBe(300);
    expect(search.trees).toBeGreaterThan(0);
    expect(search.trees).toBeLessThan(search.iterations);
    // the kept model: every row, exactly the chosen number of trees, no rows held back
    expect(fit.trainRows).toBe(1500);
    expect(fit.validationRows).toBe(0);
    expect(fit.model.treeCount).toBe(search.trees);
    // and it is the fit of every row without early stopping for that many rounds, bit for bit
    const direct = fitGradientBoostedTrees(d, { ...settings, early_stopping: false, max_iter: search.trees }, 7);
    expect(JSON.stringify(fit.model.toJSON())).toBe(JSON.stringify(direct.model.toJSON()));
    // deterministic for a seed
    expect(JSON.stringify(fitWithRefit(d, settings, 7, true).fit.model.toJSON())).toBe(JSON.stringify(fit.model.toJSON()));
  });

  test('keeps the early-stopped fit when refit is off or nothing was held back', () => {
    const d = data(600, 4);
    const off = fitWithRefit(d, settings, 7, false);
    expect(off.refitted).toBe(false);
    expect(off.fit).toBe(off.search);
    expect(off.fit.trainRows).toBe(480);
    const noStopping = fitWithRefit(d, { ...settings, early_stopping: false, max_iter: 20 }, 7, true);
    expect(noStopping.refitted).toBe(false);
    expect(noStopping.fit.model.treeCount).toBe(20);
  });
});
