import { renderForecastBench, summarise, worldFamily, type ForecastPair } from '../../../scripts/bench/forecastBench.js';

function pair(world: string, borough: string, low: number, high: number, truth: number, expected: number): ForecastPair {
  return {
    world,
    tuning: world.startsWith('legacy'),
    borough,
    top_n: 100,
    listed: 100,
    expected_found: expected,
    low,
    high,
    score_sum: expected + 5,
    truth_found: truth,
    inside: truth >= low && truth <= high,
    held_out_rows: 300,
    held_out_hmos: 40,
    reference_rows: 60,
  };
}

describe('the forecast benchmark summary', () => {
  test('coverage, mean width and per-family figures over the pairs; the report says each', () => {
    const pairs = [
      pair('calibrated-31', 'E09000007', 60, 90, 80, 76),
      pair('calibrated-32', 'E09000003', 70, 90, 95, 82),
      pair('legacy-31', 'E09000007', 40, 80, 50, 60),
    ];
    const worlds = ['calibrated-31', 'calibrated-32', 'legacy-31'].map((name) => ({ name, args: ['--seed', name.slice(-2)], tuning: name.startsWith('legacy'), seconds: 10 }));
    const result = summarise('npm run bench:forecast', worlds, pairs, 0.95);
    expect(result.coverage.all).toBeCloseTo(2 / 3, 9);
    expect(result.coverage.reported).toBeCloseTo(1 / 2, 9);
    expect(result.coverage.tuning).toBe(1);
    expect(result.mean_width).toBeCloseTo((30 + 20 + 40) / 3, 9);
    expect(result.families).toEqual([
      { family: 'calibrated', pairs: 2, coverage: 0.5, mean_width: 25, mean_error: (-4 + -13) / 2 },
      { family: 'legacy', pairs: 1, coverage: 1, mean_width: 40, mean_error: 10 },
    ]);
    const text = renderForecastBench({ ...result, load_average: { start: [1.5, 2, 3], end: [4, 5, 6] } });
    expect(text).toContain('**Coverage: 66.7% of 3 borough × world pairs**');
    expect(text).toContain('**Mean interval width: 30.0**');
    expect(text).toContain('| calibrated | 2 | 50.0% | 25.0 | -8.5 |');
    expect(text).toContain('| legacy | 1 | 100.0% | 40.0 | +10.0 |');
    expect(worldFamily('quiet-registers-33')).toBe('quiet-registers');
  });
});
