import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineFigures } from '../../../scripts/bench/BenchResults.js';
import { checkTargets } from '../../../scripts/bench/checkTargets.js';
import { benchmarkMarkdown, rewriteBenchReport, writeBenchReport, REPORT_FILES } from '../../../scripts/bench/writeBenchReport.js';
import { sampleResults } from './sampleResults.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const allCharts = { stages: true, memory: true, scaling: true };

describe('writeBenchReport', () => {
  test('writes the page, the JSON and the charts it links', async () => {
    const results = sampleResults();
    results.targets = checkTargets(results);
    results.pipeline = { ...(results.pipeline as PipelineFigures), memory: [{ atMs: 0, rssBytes: 1e8 }, { atMs: 1000, rssBytes: 2e9 }] };
    const written = await writeBenchReport(results, dir);
    expect(written.length).toBe(5);
    const json = JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8')) as { format: string; targets: unknown[] };
    expect(json.format).toBe('hmo-bench/1');
    // Issue 7's eight, then issue 16's: time, memory and ingest against the peer for the one size (London), London's time and memory, --help.
    expect(json.targets).toHaveLength(14);
    const md = readFileSync(join(dir, REPORT_FILES.markdown), 'utf8');
    for (const name of [REPORT_FILES.stagesChart, REPORT_FILES.memoryChart, REPORT_FILES.scalingChart]) {
      expect(md).toContain(`(${name})`);
      expect(readFileSync(join(dir, name), 'utf8')).toMatch(/^<svg/);
    }
    expect(md).not.toContain('Figures pending the London run');
    expect(md).toContain('| Whole pipeline, end to end (hmo run, validation folds included) | < 300 s | 240.0 s | ✅ met |');
    expect(md).toContain('| end to end | 240.0 s | 600.0 s | 0.40x |');
    expect(md).toContain('| undeclared HMOs in the top 100 lists (truth file) | 1,500 of 3,300 | 1,400 of 3,300 | 1.07x |');
    expect(md).toContain('| ours: mlp (chosen) |');
  });

  test('says the figures are pending on a development run, and names misses and where time goes', () => {
    const results = sampleResults({ london_scale: false, status: 'partial' });
    results.pipeline = { ...(results.pipeline as PipelineFigures), wall_seconds: 400, chosen_model: 'logistic' };
    results.targets = checkTargets(results);
    const md = benchmarkMarkdown(results, { stages: false, memory: false, scaling: false });
    expect(md).toContain('**Figures pending the London run.**');
    expect(md).toContain('**Partial results:**');
    expect(md).toContain('❌ missed');
    expect(md).toMatch(/Missed: end_to_end, speedup_vs_peer, .*precision_vs_peer/);
    expect(md).toContain('| train | 90.0 s | 23% | 3.00 GiB |  |');
    expect(md).toMatch(/trails the peer's xgboost by 0\.050 in precision@100/);
    expect(md).not.toContain('.svg)');
  });

  test('puts the run notes (figures kept from an older run) above the targets table', () => {
    const results = sampleResults();
    results.notes = ['The London figures are kept from an older run.'];
    const md = benchmarkMarkdown(results, allCharts);
    const note = md.indexOf('> - The London figures are kept from an older run.');
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(md.indexOf('## Targets'));
    expect(md.split('The London figures are kept from an older run.').length).toBe(2);
  });

  test('shows a failed run of ours as failed, with dashes against the peer', () => {
    const results = sampleResults();
    results.pipeline = { ...(results.pipeline as PipelineFigures), ok: false, error: 'hmo run exited with code 1: boom' };
    const md = benchmarkMarkdown(results, allCharts);
    expect(md).toContain('**The run failed:** hmo run exited with code 1: boom');
    expect(md).toContain('| end to end | — | 600.0 s | — |');
  });

  test('renders the page again from benchmarks.json alone, rechecking the targets', async () => {
    const out = join(dir, 'again');
    const results = sampleResults();
    results.targets = [];
    await writeBenchReport(results, out);
    expect(readFileSync(join(out, REPORT_FILES.markdown), 'utf8')).not.toContain('✅ met');
    await rewriteBenchReport(out);
    expect(readFileSync(join(out, REPORT_FILES.markdown), 'utf8')).toContain('| < 300 s | 240.0 s | ✅ met |');
  });

  test('leaves out the charts it has no data for', async () => {
    const out = join(dir, 'empty');
    const results = sampleResults({ pipeline: null, peer: null, scaling: [], scan: null });
    const written = await writeBenchReport(results, out);
    expect(written).toHaveLength(2);
    expect(existsSync(join(out, REPORT_FILES.scalingChart))).toBe(false);
  });
});
