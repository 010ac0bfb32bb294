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
import { loadavg } from 'node:os';
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
import { machineInfo, type MachineInfo } from './machineInfo.js';
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
  /** Mean interval width (high − low, in properties of the top N) over the pairs, and over the pairs of each world family. */
  mean_width: number | null;
  /** Per world family (the generator's world, every seed): pairs, share inside, mean width, mean forecast minus truth. */
  families: Array<{ family: string; pairs: number; coverage: number | null; mean_width: number | null; mean_error: number | null }>;
  mean_abs_error: { forecast: number | null; score_sum: number | null };
  /** The 1-, 5- and 15-minute load averages when the benchmark started and ended (the machine is shared). */
  load_average?: { start: number[]; end: number[] };
  machine?: MachineInfo;
  /** Worlds of the list with no run in the cache (--report-only). */
  not_run?: string[];
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

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function widths(pairs: readonly ForecastPair[]): number[] {
  return pairs.flatMap((p) => (p.low === null || p.high === null ? [] : [p.high - p.low]));
}

/** A world's family: its name without the seed (`calibrated-31` → `calibrated`). */
export function worldFamily(world: string): string {
  return world.replace(/-\d+$/, '');
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
    mean_width: mean(widths(pairs)),
    families: [...new Set(pairs.map((p) => worldFamily(p.world)))].map((family) => {
      const of = pairs.filter((p) => worldFamily(p.world) === family);
      return {
        family,
        pairs: of.filter((p) => p.inside !== null).length,
        coverage: share(of),
        mean_width: mean(widths(of)),
        mean_error: mean(of.flatMap((p) => (p.expected_found === null || p.truth_found === null ? [] : [p.expected_found - p.truth_found]))),
      };
    }),
    mean_abs_error: { forecast: meanAbs(pairs, (p) => p.expected_found), score_sum: meanAbs(pairs, (p) => p.score_sum) },
  };
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const one = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const load = (values: readonly number[]) => values.map((v) => v.toFixed(2)).join(', ');

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
    `**Mean interval width: ${one(result.mean_width)}** HMOs of the top ${result.top_n} (the interval is whole properties, low to high).`,
    `Mean absolute error against the truth count: forecast ${one(result.mean_abs_error.forecast)}, the sum of the listed scores (what the model alone promises) ${one(result.mean_abs_error.score_sum)}.`,
    ...(result.machine === undefined
      ? []
      : [
          '',
          `Run ${result.machine.date.slice(0, 16).replace('T', ' ')} UTC at commit ${(result.machine.git_commit ?? 'unknown').slice(0, 7)}${result.machine.git_dirty ? ' (with uncommitted changes)' : ''}, ` +
            `${result.machine.cores} cores (${result.machine.cpu_model}), Node ${result.machine.node}; ` +
            `load average ${result.load_average === undefined ? '—' : `${load(result.load_average.start)} at the start, ${load(result.load_average.end)} at the end`} ` +
            '(1, 5, 15 minutes; the machine is shared, so the seconds below are noisy: the coverage and widths do not depend on them).',
        ]),
    '',
    'Per world (every seed; each pair is one borough of one generated world):',
    '',
    '| world | pairs | inside | mean width | mean forecast − truth |',
    '|---|---:|---:|---:|---:|',
    ...result.families.map((f) => `| ${f.family} | ${f.pairs} | ${pct(f.coverage)} | ${one(f.mean_width)} | ${f.mean_error === null ? '—' : (f.mean_error >= 0 ? '+' : '') + f.mean_error.toFixed(1)} |`),
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
    ...((result.not_run ?? []).length > 0 ? [`Not run in this benchmark (time ran out; \`npm run bench:forecast\` runs them): ${(result.not_run ?? []).join(', ')}.`, ''] : []),
    '| world | `hmo generate` arguments | seconds (generate + run) |',
    '|---|---|---:|',
    ...result.worlds.map((w) => `| ${w.name}${w.tuning ? ' (tuning)' : ''} | \`${w.args.map((a) => (a === '' ? '""' : a)).join(' ')}\` | ${Number.isFinite(w.seconds) ? w.seconds.toFixed(0) : '—'} |`),
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
    .option('report-only', { type: 'boolean', default: false, describe: 'Write the report from the worlds already run in the cache; run nothing' })
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
  const loadAtStart = loadavg();
  // the commit and tree the worlds ran with (taken now: docs may be committed while it runs)
  const machine = machineInfo(root);
  const worlds: ForecastBenchResult['worlds'] = [];
  const pairs: ForecastPair[] = [];
  let level: number | null = null;
  const notRun: string[] = [];
  for (const world of chosen) {
    const dir = join(cacheDir, `${world.name}-${hashJson({ args: world.args, code }).slice(0, 12)}`);
    let seconds = 0;
    if (args['report-only']) {
      const file = join(dir, 'out', 'evaluation', 'metrics.json');
      if (!existsSync(file)) {
        notRun.push(world.name);
        continue;
      }
      const metrics = JSON.parse(readFileSync(file, 'utf8')) as MetricsJson;
      level = metrics.list_forecast_method.level;
      worlds.push({ name: world.name, args: world.args, tuning: world.tuning, seconds: Number.NaN });
      pairs.push(...forecastPairs(world, metrics));
      continue;
    }
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
  const result: ForecastBenchResult = {
    ...summarise('npm run bench:forecast', worlds, pairs, level),
    not_run: notRun,
    load_average: { start: loadAtStart, end: loadavg() },
    machine,
  };
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
