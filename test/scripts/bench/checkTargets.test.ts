import type { PipelineFigures } from '../../../scripts/bench/BenchResults.js';
import { checkTargets, scalingSlopes } from '../../../scripts/bench/checkTargets.js';
import { sampleResults } from './sampleResults.js';

const GIB = 1024 ** 3;

describe('scalingSlopes', () => {
  test('gives seconds per million extra rows between neighbours, and last over first', () => {
    const { secondsPerMillionRows, ratio } = scalingSlopes([
      { source_rows: 3e6, wall_seconds: 40, ok: true },
      { source_rows: 1e6, wall_seconds: 20, ok: true },
      { source_rows: 9e6, wall_seconds: 160, ok: true },
    ]);
    expect(secondsPerMillionRows).toEqual([10, 20]);
    expect(ratio).toBe(2);
  });
  test('compares the last step with the long baseline before it, not with the first tiny step', () => {
    // Fixed costs make the first step flat (1 s per million rows); the baseline from the
    // smallest point to the last-but-one is 19.2 s per million rows, the last step 20.
    const { secondsPerMillionRows, ratio } = scalingSlopes([
      { source_rows: 0.5e6, wall_seconds: 20, ok: true },
      { source_rows: 1.5e6, wall_seconds: 21, ok: true },
      { source_rows: 5.5e6, wall_seconds: 116, ok: true },
      { source_rows: 15.5e6, wall_seconds: 316, ok: true },
    ]);
    expect(secondsPerMillionRows).toEqual([1, 23.75, 20]);
    expect(ratio).toBeCloseTo(20 / 19.2, 12);
  });
  test('skips failed points, and has no ratio with fewer than three usable points', () => {
    expect(scalingSlopes([{ source_rows: 1e6, wall_seconds: 20, ok: true }, { source_rows: 3e6, wall_seconds: null, ok: false }, { source_rows: 9e6, wall_seconds: 100, ok: true }])).toEqual({
      secondsPerMillionRows: [10],
      ratio: null,
    });
  });
});

describe('checkTargets', () => {
  test('all met on a good London run', () => {
    const checks = checkTargets(sampleResults());
    expect(checks.map((c) => [c.id, c.met])).toEqual([
      ['end_to_end', true],
      ['peak_memory', true],
      ['ingest_vs_scan', true],
      ['scoring_rate', true],
      ['linear_growth', true],
      ['speedup_vs_peer', true],
      ['memory_vs_peer', true],
      ['precision_vs_peer', true],
    ]);
    expect(checks.find((c) => c.id === 'ingest_vs_scan')?.value).toBe('2.40x');
    expect(checks.find((c) => c.id === 'precision_vs_peer')?.value).toBe('+0.010');
  });

  test('reports misses with the measured value', () => {
    const base = sampleResults();
    const pipeline = { ...(base.pipeline as PipelineFigures), wall_seconds: 420, peak_rss_bytes: 5 * GIB, chosen_model: 'logistic' };
    const checks = checkTargets({ ...base, pipeline });
    const byId = new Map(checks.map((c) => [c.id, c]));
    expect(byId.get('end_to_end')).toMatchObject({ met: false, value: '420.0 s' });
    expect(byId.get('peak_memory')).toMatchObject({ met: false, value: '5.00 GiB' });
    expect(byId.get('speedup_vs_peer')).toMatchObject({ met: false, value: '1.43x' });
    expect(byId.get('memory_vs_peer')).toMatchObject({ met: false });
    expect(byId.get('precision_vs_peer')).toMatchObject({ met: false, value: '-0.050' });
  });

  test('says "not measured" for what a run skipped or what failed', () => {
    const base = sampleResults();
    const checks = checkTargets({ ...base, peer: null, scan: null, scaling: [], pipeline: { ...(base.pipeline as PipelineFigures), ok: false } });
    expect(checks.every((c) => c.met === null && c.value === 'not measured')).toBe(true);
  });
});
