/** A plausible, complete London benchmark result, for tests of targets and the report. */
import { LONDON, type BenchResults, type PipelineFigures, type PeerFigures } from '../../../scripts/bench/BenchResults.js';

const GIB = 1024 ** 3;

function run(wall: number, peak: number, stages: Array<[string, number]>) {
  return {
    ok: true,
    error: null,
    command: [],
    exit_code: 0,
    wall_seconds: wall,
    peak_rss_bytes: peak,
    memory: [],
    stages: stages.map(([stage, seconds]) => ({ stage, seconds, wall_seconds: seconds, start_s: 0, end_s: seconds, peak_rss_bytes: peak, cached: false, completed: true })),
  };
}

export function sampleResults(overrides: Partial<BenchResults> = {}): BenchResults {
  const pipeline: PipelineFigures = {
    ...run(240, 3 * GIB, [['ingest', 60], ['features', 50], ['train', 90], ['evaluate', 20], ['rank', 10]]),
    out: '/tmp/out',
    throughput: { ingest_rows_per_second: 250_000, features_rows_per_second: 300_000, features_properties_per_second: 72_000, scoring_properties_per_second: 360_000, scoring_seconds: 10, properties_scored: 3_600_000, scoring_timed_by: 'scoring tasks' },
    lobo: [
      { model: 'logistic', rows: 5000, positives: 900, roc_auc: 0.8, precision_at_k: 0.6, precision_at_k_per_borough: 0.5, k: 100 },
      { model: 'mlp', rows: 5000, positives: 900, roc_auc: 0.84, precision_at_k: 0.66, precision_at_k_per_borough: 0.55, k: 100 },
    ],
    chosen_model: 'mlp',
    headline: { 'lobo.model.roc_auc': 0.84, 'lobo.model.precision_at_100': 0.66, 'temporal.model.roc_auc': 0.86, 'field_trial.model.found_at_100': 1500, 'field_trial.complaint_led.found_at_100': 400, 'field_trial.random.found_at_100': 90 },
    lists: { boroughs: 33, listed: 3300, undeclared_found: 1500, hit_rate: 1500 / 3300, top: 100 },
    notes: [],
  };
  const peer: PeerFigures = {
    ...run(600, 8 * GIB, [['ingest', 300], ['features', 100], ['train', 180], ['rank', 20]]),
    out: '/tmp/peer',
    versions: { python: '3.11.2', pandas: '1.5.3', 'scikit-learn': '1.2.1', xgboost: '1.7.4' },
    best_model: 'xgboost',
    lobo: [
      { model: 'hgb', rows: 5000, positives: 900, roc_auc: 0.85, precision_at_k: 0.64, precision_at_k_per_borough: 0.5, k: 100 },
      { model: 'xgboost', rows: 5000, positives: 900, roc_auc: 0.86, precision_at_k: 0.65, precision_at_k_per_borough: 0.52, k: 100 },
    ],
    lists: { xgboost: { boroughs: 33, listed: 3300, undeclared_found: 1400, hit_rate: 1400 / 3300, top: 100 } },
    stage_seconds: { ingest: 300 },
    notes: [],
  };
  return {
    format: 'hmo-bench/1',
    status: 'complete',
    london_scale: true,
    started_at: '2026-11-27T09:00:00.000Z',
    updated_at: '2026-11-27T09:30:00.000Z',
    config: { boroughs: LONDON.boroughs, scale: LONDON.scale },
    machine: { cpu_model: 'Test CPU', cores: 2, ram_bytes: 24 * GIB, os: 'linux', node: 'v20', date: '2026-11-27T09:00:00.000Z', git_commit: 'abc', git_dirty: false },
    drop: { key: 'k', path: '/tmp/drop', truth: '/tmp/truth.csv', boroughs: 33, scale: 36, seed: 1, files: 231, bytes: 2 * GIB, source_rows: 15_000_000, properties: 3_600_000, generate_seconds: 100, reused_from_cache: true },
    scan: { ...run(30, GIB, [['scan', 25]]), rows: 15_000_000, files: 231, scan_seconds: 25 },
    pipeline,
    peer,
    scaling: [
      { label: '1/27 scale', fraction: 1 / 27, boroughs: 33, scale: 1.333, source_rows: 555_000, properties: 133_000, ok: true, error: null, wall_seconds: 15, peak_rss_bytes: GIB / 2, stages: [] },
      { label: '1/9 scale', fraction: 1 / 9, boroughs: 33, scale: 4, source_rows: 1_666_000, properties: 400_000, ok: true, error: null, wall_seconds: 31, peak_rss_bytes: GIB, stages: [] },
      { label: '1/3 scale', fraction: 1 / 3, boroughs: 33, scale: 12, source_rows: 5_000_000, properties: 1_200_000, ok: true, error: null, wall_seconds: 86, peak_rss_bytes: 2 * GIB, stages: [] },
      { label: 'main run', fraction: 1, boroughs: 33, scale: 36, source_rows: 15_000_000, properties: 3_600_000, ok: true, error: null, wall_seconds: 240, peak_rss_bytes: 3 * GIB, stages: [] },
    ],
    targets: [],
    notes: [],
    ...overrides,
  };
}

