/**
 * `npm run bench:forecast`: does each borough's list forecast hold? For
 * every world of `FORECAST_WORLDS` (generated once and cached), runs the
 * whole pipeline with `rank.top` = 100 and the world's truth, then compares
 * each borough's forecast of undeclared HMOs in its top 100 with the truth
 * count there. Writes docs/forecast-benchmark.{md,json}.
 *
 * Exit codes: 0 the benchmark ran (a coverage under the target is reported,
 * not an error), 1 a generation or pipeline run failed, 2 a usage error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { MetricsJson } from '../../pipeline/evaluate/MetricsJson.js';
import { benchMessages as m } from '../../pipeline/messages/bench.js';
import { writeFileAtomic } from '../../pipeline/util/atomicWrite.js';
import { hashJson } from '../../pipeline/util/hash.js';
import { packageRoot } from '../../pipeline/util/packageRoot.js';
import { generatorCodeHash } from './DropCache.js';
import { FORECAST_WORLDS, type ForecastWorld } from './forecastWorlds.js';

/** Share of borough × world pairs whose truth count must lie inside the interval. */
export const COVERAGE_TARGET = 0.9;
/** The list depth the benchmark forecasts. */
export const BENCH_TOP = 100;

export interface ForecastPair {
  world: string;
  tuning: boolean;
  borough: string;
  top_n: number;
  listed: number | null;
  expected_found: number | null;
  low: number | null;
  high: number | null;
  score_sum: number | null;
  truth_found: number | null;
  inside: boolean | null;
  held_out_rows: number;
  held_out_hmos: number;
  reference_rows: number;
}

export interface ForecastBenchResult {
  command: string;
  top_n: number;
  level: number | null;
  worlds: Array<{ name: string; args: string[]; tuning: boolean; seconds: number }>;
  pairs: ForecastPair[];
  coverage: { all: number | null; reported: number | null; tuning: number | null; target: number };
  mean_abs_error: { forecast: number | null; score_sum: number | null };
}

function run(node: string, args: string[], what: string): number {
  const started = Date.now();
  const result = spawnSync(node, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    process.stderr.write(`${m.commandFailed(what, result.status, (result.stderr ?? '').split('\n'))}\n`);
    process.exit(1);
  }
  return (Date.now() - started) / 1000;
}

/** The pairs of one world's evaluation. */
export function forecastPairs(world: ForecastWorld, metrics: MetricsJson): ForecastPair[] {
  return Object.entries(metrics.list_forecast).map(([borough, f]) => ({
    world: world.name,
    tuning: world.tuning,
    borough,
    top_n: f.top_n,
    listed: f.listed,
    expected_found: f.expected_found,
    low: f.low,
    high: f.high,
    score_sum: f.score_sum,
    truth_found: f.truth_found,
    inside: f.low === null || f.high === null || f.truth_found === null ? null : f.truth_found >= f.low && f.truth_found <= f.high,
    held_out_rows: f.held_out_rows,
    held_out_hmos: f.held_out_hmos,
    reference_rows: f.reference_rows,
  }));
}

function share(pairs: readonly ForecastPair[]): number | null {
  const judged = pairs.filter((p) => p.inside !== null);
  return judged.length === 0 ? null : judged.filter((p) => p.inside).length / judged.length;
}

function meanAbs(pairs: readonly ForecastPair[], pick: (p: ForecastPair) => number | null): number | null {
  const errors = pairs.flatMap((p) => {
    const v = pick(p);
    return v === null || p.truth_found === null ? [] : [Math.abs(v - p.truth_found)];
  });
  return errors.length === 0 ? null : errors.reduce((a, b) => a + b, 0) / errors.length;
}

/** The benchmark's summary figures over its pairs. */
export function summarise(command: string, worlds: ForecastBenchResult['worlds'], pairs: ForecastPair[], level: number | null): ForecastBenchResult {
  return {
    command,
    top_n: BENCH_TOP,
    level,
    worlds,
    pairs,
    coverage: { all: share(pairs), reported: share(pairs.filter((p) => !p.tuning)), tuning: share(pairs.filter((p) => p.tuning)), target: COVERAGE_TARGET },
    mean_abs_error: { forecast: meanAbs(pairs, (p) => p.expected_found), score_sum: meanAbs(pairs, (p) => p.score_sum) },
  };
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const one = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** docs/forecast-benchmark.md from the result. */
export function renderForecastBench(result: ForecastBenchResult): string {
  const lines = [
    '# List forecast benchmark',
    '',
    `Does each borough's forecast of undeclared HMOs in the top ${result.top_n} of its list (docs/evaluation.md, "List forecast") hold against the truth?`,
    `Written by \`${result.command}\`: every world below is generated (\`hmo generate\`), run end to end (\`hmo run --truth\`, \`rank.top\` = ${result.top_n}), and each borough's`,
    `forecast interval (${result.level === null ? '—' : `${Math.round(result.level * 100)}%`}) compared with the truth count of undeclared HMOs in the list's top ${result.top_n}.`,
    '',
    `**Coverage: ${pct(result.coverage.all)} of ${result.pairs.filter((p) => p.inside !== null).length} borough × world pairs** inside the interval (target ${pct(result.coverage.target)}); ` +
      `${pct(result.coverage.reported)} on the worlds not used to choose the defaults, ${pct(result.coverage.tuning)} on the ${result.worlds.filter((w) => w.tuning).length} tuning worlds.`,
    `Mean absolute error against the truth count: forecast ${one(result.mean_abs_error.forecast)}, the sum of the listed scores (what the model alone promises) ${one(result.mean_abs_error.score_sum)}.`,
    '',
    '| world | tuning | borough | held-out rows (HMOs, proactive or list-made) | forecast | interval | score sum | truth | inside |',
    '|---|---|---|---:|---:|---:|---:|---:|---|',
    ...result.pairs.map(
      (p) =>
        `| ${p.world} | ${p.tuning ? 'yes' : ''} | ${p.borough} | ${p.held_out_rows} (${p.held_out_hmos}, ${p.reference_rows}) | ${one(p.expected_found)} | ${p.low ?? '—'}–${p.high ?? '—'} | ${one(p.score_sum)} | ${p.truth_found ?? '—'} | ${p.inside === null ? '—' : p.inside ? 'yes' : '**no**'} |`,
    ),
    '',
    '## Worlds',
    '',
    '| world | `hmo generate` arguments | seconds (generate + run) |',
    '|---|---|---:|',
    ...result.worlds.map((w) => `| ${w.name}${w.tuning ? ' (tuning)' : ''} | \`${w.args.map((a) => (a === '' ? '""' : a)).join(' ')}\` | ${w.seconds.toFixed(0)} |`),
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = await yargs(hideBin(process.argv))
    .scriptName('npm run bench:forecast --')
    .option('worlds', { type: 'string', describe: 'Comma-separated world names (default: all)' })
    .option('cache-dir', { type: 'string', default: 'scripts/bench/cache/forecast', describe: 'Generated worlds and run outputs (git-ignored)' })
    .option('docs-dir', { type: 'string', default: 'docs', describe: 'Where forecast-benchmark.md and .json are written' })
    .strict()
    .help()
    .parse();
  const root = packageRoot();
  const cli = join(root, 'dist', 'pipeline', 'cli.js');
  if (!existsSync(cli)) throw new Error(m.notBuilt(cli));
  const chosen = args.worlds === undefined ? FORECAST_WORLDS : FORECAST_WORLDS.filter((w) => (args.worlds as string).split(',').includes(w.name));
  const cacheDir = resolve(root, args['cache-dir']);
  const code = generatorCodeHash(root);
  const paramsFile = join(cacheDir, 'params.json');
  mkdirSync(cacheDir, { recursive: true });
  writeFileAtomic(paramsFile, `${JSON.stringify({ rank: { top: BENCH_TOP } })}\n`);
  const worlds: ForecastBenchResult['worlds'] = [];
  const pairs: ForecastPair[] = [];
  let level: number | null = null;
  for (const world of chosen) {
    const dir = join(cacheDir, `${world.name}-${hashJson({ args: world.args, code }).slice(0, 12)}`);
    let seconds = 0;
    if (!existsSync(join(dir, 'truth.csv'))) {
      rmSync(dir, { recursive: true, force: true });
      process.stderr.write(`${m.phase(world.name, 'generating')}\n`);
      seconds += run(process.execPath, [cli, 'generate', '--out', dir, ...world.args], `hmo generate ${world.args.join(' ')}`);
    }
    process.stderr.write(`${m.phase(world.name, 'running the pipeline')}\n`);
    const out = join(dir, 'out');
    seconds += run(process.execPath, [cli, 'run', '--drop', join(dir, 'drop'), '--truth', join(dir, 'truth.csv'), '--out', out, '--params', paramsFile, '--quiet'], `hmo run (${world.name})`);
    const metrics = JSON.parse(readFileSync(join(out, 'evaluation', 'metrics.json'), 'utf8')) as MetricsJson;
    level = metrics.list_forecast_method.level;
    worlds.push({ name: world.name, args: world.args, tuning: world.tuning, seconds });
    pairs.push(...forecastPairs(world, metrics));
  }
  const result = summarise('npm run bench:forecast', worlds, pairs, level);
  const docs = resolve(root, args['docs-dir']);
  writeFileAtomic(join(docs, 'forecast-benchmark.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileAtomic(join(docs, 'forecast-benchmark.md'), renderForecastBench(result));
  process.stderr.write(`${m.wrote([join(docs, 'forecast-benchmark.md'), join(docs, 'forecast-benchmark.json')])}\n`);
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
