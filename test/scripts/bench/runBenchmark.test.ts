import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { parseBenchArgs } from '../../../scripts/bench/bench.js';
import { runBenchmark, fractionLabel, type BenchOptions } from '../../../scripts/bench/runBenchmark.js';
import { CommandError } from '../../../pipeline/errors/CommandError.js';
import { pythonHas } from '../../helpers/debianPython.js';

const root = packageRoot();
const pythonReady = pythonHas('pandas', 'sklearn');

// A stand-in for `hmo`: `generate` writes the test's fixture drop, `run` announces
// stages and writes a model's validation predictions and the lists, as the real
// one does, so the harness is tested without depending on other areas' progress.
const FAKE_HMO = `
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const dist = ${JSON.stringify(join(root, 'dist'))};
const args = process.argv.slice(2);
const opt = (name) => args[args.indexOf(name) + 1];
if (args[0] === 'generate') {
  const { writeFixtureDrop } = await import(join(dist, 'test/scripts/bench/fixtureDrop.js'));
  writeFixtureDrop(opt('--out'), Number(opt('--boroughs')), Math.round(200 * Number(opt('--scale'))));
} else if (args[0] === 'run') {
  const { Duck } = await import(join(dist, 'pipeline/db/Duck.js'));
  const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
  const drop = opt('--drop'), out = opt('--out');
  const boroughs = readdirSync(drop).sort();
  for (const stage of ['ingest', 'features', 'train', 'evaluate', 'rank']) {
    say({ event: 'stage_start', stage });
    for (const b of boroughs) {
      say({ event: 'borough_start', stage, borough: b });
      if (stage === 'rank') {
        const uprns = readFileSync(join(drop, b, 'properties.csv'), 'utf8').trim().split('\\n').slice(1).map((l) => l.split(',')[0]);
        // As hmo run: the run's lists go with its record (OUT/lists is the champion's, and nothing is promoted).
        mkdirSync(join(out, 'runs', 'r1', 'lists', b), { recursive: true });
        writeFileSync(join(out, 'runs', 'r1', 'run.json'), JSON.stringify({ run_id: 'r1', status: 'ok' }));
        writeFileSync(join(out, 'runs', 'r1', 'lists', b, 'inspection_list.csv'), 'rank,uprn,address,score\\n' + uprns.map((u, i) => (i + 1) + ',' + u + ',x,0.5').join('\\n') + '\\n');
        const task = { event: 'progress', stage, borough: b, task: 'Scoring ' + b, total: uprns.length, unit: 'properties' };
        say({ ...task, done: 0, t: 1000 });
        say({ ...task, done: uprns.length, t: 1025 });
      }
    }
    await new Promise((r) => setTimeout(r, 120));
    say({ event: 'stage_end', stage, seconds: 0.12, cached: false });
  }
  mkdirSync(join(out, 'model', 'validation'), { recursive: true });
  writeFileSync(join(out, 'model', 'metadata.json'), JSON.stringify({ kind: 'logistic' }));
  const db = await Duck.open();
  await db.run("COPY (SELECT 'lobo' AS scheme, 'logistic' AS model, 'B' AS fold, 'E09000001' AS borough_code, i::BIGINT AS uprn, (i % 2)::INTEGER AS label, 0.0 AS raw_score, (i % 2) * 0.5 + i / 1000.0 AS score FROM range(1, 41) t(i)) TO '" + join(out, 'model', 'validation', 'predictions.parquet') + "' (FORMAT parquet)");
  db.close();
} else if (args[0] === '--help') { process.stdout.write('hmo <command> [options]\\n');
} else { process.stderr.write('fake hmo: unknown command ' + args[0] + '\\n'); process.exit(2); }
`;

let dir: string;
let fakeRoot: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-run-'));
  fakeRoot = join(dir, 'root');
  mkdirSync(join(fakeRoot, 'dist', 'pipeline'), { recursive: true });
  mkdirSync(join(fakeRoot, 'scripts', 'bench'), { recursive: true });
  writeFileSync(join(fakeRoot, 'dist', 'pipeline', 'cli.js'), FAKE_HMO);
  symlinkSync(join(root, 'dist', 'scripts'), join(fakeRoot, 'dist', 'scripts'));
  symlinkSync(join(root, 'scripts', 'bench', 'peer'), join(fakeRoot, 'scripts', 'bench', 'peer'));
  symlinkSync(join(root, 'data'), join(fakeRoot, 'data'));
  writeFileSync(join(fakeRoot, 'package.json'), '{}');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function options(overrides: Partial<BenchOptions> = {}): BenchOptions & { lines: string[] } {
  const lines: string[] = [];
  return {
    root: fakeRoot,
    cacheDir: join(dir, 'cache'),
    docsDir: join(dir, 'docs'),
    boroughs: 2,
    scale: 0.5,
    seed: 1,
    skipScan: false,
    skipPeer: !pythonReady,
    onlyPeer: false,
    onlyScaling: false,
    skipScaling: false,
    scalingFractions: [0.5],
    python: '/usr/bin/python3',
    peerThreads: 1,
    resume: false,
    intervalMs: 50,
    compareProperties: [],
    compareBoroughs: 2,
    onlyCompare: false,
    helpRuns: 0,
    log: (line) => lines.push(line),
    lines,
    ...overrides,
  };
}

describe('runBenchmark', () => {
  test('generates and caches the drop, measures scan, pipeline, peer and scaling, and writes the report', async () => {
    const o = options();
    const results = await runBenchmark(o);
    expect(results.status).toBe('complete');
    expect(results.london_scale).toBe(false);
    expect(results.drop).toMatchObject({ boroughs: 2, properties: 200, reused_from_cache: false });
    expect(results.scan).toMatchObject({ ok: true, rows: results.drop?.source_rows });
    const pipeline = results.pipeline;
    expect(pipeline?.ok).toBe(true);
    expect(pipeline?.stages.map((s) => s.stage)).toEqual(['ingest', 'features', 'train', 'evaluate', 'rank']);
    expect(pipeline?.stages.every((s) => s.peak_rss_bytes !== null && s.peak_rss_bytes > 0)).toBe(true);
    // 2 boroughs' scoring tasks of 25 ms each (the run's own clock), not the 0.12 s rank stage.
    expect(pipeline?.throughput).toMatchObject({ properties_scored: 200, scoring_seconds: 0.05, scoring_properties_per_second: 4000, scoring_timed_by: 'scoring tasks' });
    expect(pipeline?.chosen_model).toBe('logistic');
    expect(pipeline?.lobo[0]).toMatchObject({ model: 'logistic', rows: 40, roc_auc: 1 });
    expect(pipeline?.lists).toMatchObject({ boroughs: 2, listed: 200 });
    if (pythonReady) {
      expect(results.peer?.ok).toBe(true);
      expect(results.peer?.stages.map((s) => s.stage)).toEqual(['ingest', 'features', 'train', 'rank']);
      expect(results.peer?.lobo.map((f) => f.model)).toEqual(expect.arrayContaining(['hgb', 'logistic']));
    }
    expect(results.scaling.map((s) => [s.label, s.scale, s.ok])).toEqual([
      ['1/2 scale', 0.25, true],
      ['main run', 0.5, true],
    ]);
    expect(results.targets.find((t) => t.id === 'end_to_end')?.met).toBe(true);
    const md = readFileSync(join(dir, 'docs', 'benchmarks.md'), 'utf8');
    expect(md).toContain('Figures pending the London run');
    expect(existsSync(join(dir, 'docs', 'benchmarks-scaling.svg'))).toBe(true);
  });

  test('reuses the cached drop, and with --resume the finished phases', async () => {
    const o = options({ resume: true, skipPeer: true });
    const results = await runBenchmark(o);
    expect(results.drop?.reused_from_cache).toBe(true);
    expect(o.lines.some((l) => l.includes('scan: reusing'))).toBe(true);
    expect(o.lines.some((l) => l.includes('pipeline: reusing'))).toBe(true);
  });

  test('--only-compare measures hmo --help and each comparison size, keeping the main figures of benchmarks.json', async () => {
    const o = options({ onlyCompare: true, compareProperties: [6000], helpRuns: 1 });
    const results = await runBenchmark(o);
    expect(results.status).toBe('complete');
    // The main run of the first test, kept, with a note saying so.
    expect(results.pipeline?.ok).toBe(true);
    expect(results.notes.join(' ')).toContain('are kept from the benchmark started');
    expect(results.main_measured?.started_at).not.toBe(results.started_at);
    expect(results.help).toMatchObject({ runs: 1 });
    expect(results.help?.help_seconds).toBeGreaterThan(0);
    expect(results.help?.help_peak_rss_bytes).toBeGreaterThan(0);
    const sizes = results.sizes ?? [];
    expect(sizes.map((s) => s.label)).toEqual(['2 boroughs × 6,000 properties']);
    expect(sizes[0]?.drop.boroughs).toBe(2);
    expect(sizes[0]?.pipeline?.ok).toBe(true);
    expect(sizes[0]?.scan?.ok).toBe(true);
    expect(sizes[0]?.pipeline?.stages.map((s) => s.stage)).toEqual(['ingest', 'features', 'train', 'evaluate', 'rank']);
    if (pythonReady) expect(sizes[0]?.peer?.ok).toBe(true);
    const ids = results.targets.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['time_vs_peer:2 boroughs × 6,000 properties', 'memory_vs_peer:2 boroughs × 6,000 properties', 'ingest_vs_scan:2 boroughs × 6,000 properties', 'london_seconds', 'help_seconds']));
    // Not London: the London targets are not measured, not met.
    expect(results.targets.find((t) => t.id === 'london_seconds')?.met).toBeNull();
    const md = readFileSync(join(dir, 'docs', 'benchmarks.md'), 'utf8');
    expect(md).toContain('## Against the peer at every size');
    expect(md).toContain('| 2 boroughs × 6,000 properties | 400 |');
    expect(md).toContain('`hmo --help`:');
    // The load average is the machine's own: the warning is there exactly when it was above 1.5 per core.
    const busy = Math.max(...(sizes[0]?.load_average ?? [0])) > 1.5 * results.machine.cores;
    expect(md.includes('**Measured under load:**')).toBe(busy);
  });

  test('reports a failing pipeline run without stopping the benchmark', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(join(broken, 'dist', 'pipeline'), { recursive: true });
    writeFileSync(join(broken, 'dist', 'pipeline', 'cli.js'), "process.stderr.write('hmo run is not built yet\\n'); process.exit(1);");
    const results = await runBenchmark(
      options({ root: broken, drop: join(dir, 'cache', 'drops', readdirFirst(join(dir, 'cache', 'drops')), 'drop'), skipPeer: true, skipScan: true, docsDir: join(dir, 'docs-broken') }),
    );
    expect(results.pipeline?.ok).toBe(false);
    expect(results.pipeline?.error).toContain('hmo run is not built yet');
    expect(results.scaling).toEqual([]);
    expect(readFileSync(join(dir, 'docs-broken', 'benchmarks.md'), 'utf8')).toContain('**The run failed:**');
  });
});

function readdirFirst(folder: string): string {
  return readdirSync(folder).sort()[0] as string;
}

describe('parseBenchArgs', () => {
  test('defaults to London and takes a fraction of its scale', async () => {
    const london = await parseBenchArgs([], root);
    expect(london).toMatchObject({ boroughs: 33, scale: 36, skipPeer: false, scalingFractions: [0.037037, 0.111111, 0.333333] });
    expect(await parseBenchArgs(['--scale-fraction', '0.111111'], root)).toMatchObject({ scale: 4 });
    expect(await parseBenchArgs(['--boroughs', '6', '--scale', '1', '--skip-peer'], root)).toMatchObject({ boroughs: 6, scale: 1, skipPeer: true });
  });

  test('refuses bad usage with exit code 2', async () => {
    for (const argv of [['--scale-fraction', '2'], ['--scaling-fractions', '0.5,x'], ['--only-peer', '--only-scaling'], ['--only-peer', '--skip-peer'], ['--no-such-option']]) {
      await expect(parseBenchArgs(argv, root)).rejects.toMatchObject({ exitCode: 2 });
      await expect(parseBenchArgs(argv, root)).rejects.toBeInstanceOf(CommandError);
    }
  });

  test('reads the comparison sizes', async () => {
    expect(await parseBenchArgs([], root)).toMatchObject({ compareProperties: [100000, 400000], compareBoroughs: 4, onlyCompare: false, helpRuns: 7 });
    expect(await parseBenchArgs(['--only-compare', '--compare-properties', '100000'], root)).toMatchObject({ compareProperties: [100000], onlyCompare: true });
    expect(await parseBenchArgs(['--compare-properties', 'none'], root)).toMatchObject({ compareProperties: [] });
    for (const argv of [['--compare-properties', '100k'], ['--compare-properties', '10'], ['--compare-boroughs', '34']]) {
      await expect(parseBenchArgs(argv, root)).rejects.toMatchObject({ exitCode: 2 });
    }
  });

  test('labels fractions', () => {
    expect(fractionLabel(0.037037)).toBe('1/27');
    expect(fractionLabel(1 / 3)).toBe('1/3');
    expect(fractionLabel(0.3)).toBe('0.3');
  });
});
