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
      ['time_vs_peer:London', true],
      ['memory_vs_peer:London', true],
      ['ingest_vs_scan:London', true],
      // 240 s: issue 7's 300 s, not issue 16's 120 s.
      ['london_seconds', false],
      ['london_memory', true],
      ['help_seconds', null],
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

  test('checks each comparison size against the peer, and --help', () => {
    const base = sampleResults();
    const pipeline = base.pipeline as PipelineFigures;
    const peer = base.peer as NonNullable<typeof base.peer>;
    const size = {
      label: '4 boroughs × 100,000 properties',
      target_properties: 100_000,
      drop: base.drop as NonNullable<typeof base.drop>,
      scan: base.scan,
      pipeline: { ...pipeline, wall_seconds: 12, peak_rss_bytes: GIB },
      peer: { ...peer, wall_seconds: 10, peak_rss_bytes: 4 * GIB },
      measured_at: '2026-12-03T09:00:00Z',
      git_commit: 'abc',
      load_average: [20, 21] as [number, number],
    };
    const help = { runs: 7, help_seconds: 0.12, node_seconds: 0.05, help_over_node: 2.4, help_peak_rss_bytes: 60e6, node_peak_rss_bytes: 40e6, load_average: [1, 1] as [number, number] };
    const byId = new Map(checkTargets({ ...base, sizes: [size], help }).map((c) => [c.id, c]));
    expect(byId.get('time_vs_peer:4 boroughs × 100,000 properties')).toMatchObject({ met: false, value: '1.20x' });
    expect(byId.get('memory_vs_peer:4 boroughs × 100,000 properties')).toMatchObject({ met: true, value: '0.25x' });
    expect(byId.get('help_seconds')).toMatchObject({ met: true, value: '0.120 s' });
    // A main drop that is not London: London's own targets are not measured.
    const small = checkTargets({ ...base, london_scale: false });
    expect(small.find((c) => c.id === 'london_seconds')?.met).toBeNull();
    expect(small.some((c) => c.id.startsWith('time_vs_peer:main drop'))).toBe(true);
  });

  test('says "not measured" for what a run skipped or what failed', () => {
    const base = sampleResults();
    const checks = checkTargets({ ...base, peer: null, scan: null, scaling: [], pipeline: { ...(base.pipeline as PipelineFigures), ok: false } });
    expect(checks.every((c) => c.met === null && c.value === 'not measured')).toBe(true);
  });
});
