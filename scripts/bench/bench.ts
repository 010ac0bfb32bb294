/**
 * `npm run bench`: the London-scale benchmark (see docs/benchmarks.md).
 * Generates and caches the drop, measures a bare DuckDB scan, the whole
 * pipeline, the Python peer and the scaling series, and writes
 * docs/benchmarks.{md,json} with charts.
 *
 * Exit codes: 0 the benchmark ran (missed targets are reported, not errors),
 * 1 a measured run failed or the benchmark could not run, 2 a usage error.
 */
import { realpathSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CommandError } from '../../pipeline/errors/CommandError.js';
import { benchMessages as m } from '../../pipeline/messages/bench.js';
import { cliMessages } from '../../pipeline/messages/cli.js';
import { packageRoot } from '../../pipeline/util/packageRoot.js';
import { COMPARISON_BOROUGHS, COMPARISON_PROPERTIES, LONDON } from './BenchResults.js';
import { runBenchmark, type BenchOptions } from './runBenchmark.js';
import { rewriteBenchReport } from './writeBenchReport.js';
import { reportFailure } from './reportFailure.js';

/** The generator seed of the benchmark drop: fixed, so every benchmark reads the same London. */
export const BENCH_SEED = 20260930;

/** Parses the command line into benchmark options; throws CommandError(…, 2) for a usage error. */
export async function parseBenchArgs(argv: string[], root = packageRoot()): Promise<BenchOptions | 'help' | { reportOnly: string }> {
  let usage: string | undefined;
  const args = await yargs(argv)
    .scriptName('npm run bench --')
    .usage('$0 [options]\n\nLondon-scale benchmark: time and memory per stage, scaling series, targets, and the Python peer as a yardstick.')
    .option('boroughs', { type: 'number', default: LONDON.boroughs, describe: 'Boroughs in the generated drop' })
    .option('scale', { type: 'number', describe: `Generator scale of the main drop (default ${LONDON.scale} × --scale-fraction)` })
    .option('scale-fraction', { type: 'number', default: 1, describe: `Fraction of London scale (${LONDON.scale}) for the main drop` })
    .option('seed', { type: 'number', default: BENCH_SEED, describe: 'Generator seed' })
    .option('drop', { type: 'string', describe: 'Benchmark this existing drop instead of a generated one' })
    .option('truth', { type: 'string', describe: 'Truth file of --drop (undeclared HMOs found in the lists)' })
    .option('skip-scan', { type: 'boolean', default: false, describe: 'Do not measure the bare DuckDB scan' })
    .option('skip-peer', { type: 'boolean', default: false, describe: 'Do not run the Python peer' })
    .option('only-peer', { type: 'boolean', default: false, describe: 'Run only the Python peer' })
    .option('only-scaling', { type: 'boolean', default: false, describe: 'Run only the scaling series (its last point is the main run)' })
    .option('skip-scaling', { type: 'boolean', default: false, describe: 'Do not run the scaling series' })
    .option('scaling-fractions', { type: 'string', default: '0.037037,0.111111,0.333333', describe: 'Fractions of the main scale for the scaling series' })
    .option('python', { type: 'string', default: '/usr/bin/python3', describe: "Python with Debian's pandas, scikit-learn and XGBoost" })
    .option('peer-threads', { type: 'number', default: cpus().length, describe: "Threads of the peer's models (OpenMP)" })
    .option('cache-dir', { type: 'string', default: 'scripts/bench/cache', describe: 'Generated drops, run outputs and logs (git-ignored)' })
    .option('docs-dir', { type: 'string', default: 'docs', describe: 'Where benchmarks.md, benchmarks.json and the charts are written' })
    .option('interval-ms', { type: 'number', default: 100, describe: 'Memory sampling interval' })
    .option('report-only', { type: 'boolean', default: false, describe: 'Only render benchmarks.md and the charts again from the existing benchmarks.json' })
    .option('compare-properties', {
      type: 'string',
      default: COMPARISON_PROPERTIES.join(','),
      describe: 'Sizes of the peer comparison besides the main drop: properties in all (comma-separated), or "none"',
    })
    .option('compare-boroughs', { type: 'number', default: COMPARISON_BOROUGHS, describe: 'Boroughs of each comparison size' })
    .option('only-compare', { type: 'boolean', default: false, describe: "Only the comparison sizes and hmo --help; the main drop's figures are kept from the docs folder's benchmarks.json" })
    .option('help-runs', { type: 'number', default: 7, describe: 'Runs of hmo --help and of node -e 0 (0: not measured)' })
    .option('resume', { type: 'boolean', default: false, describe: 'Reuse the phases an interrupted run of the same configuration finished' })
    .example('$0', 'Full London: 33 boroughs at scale 36, scan, pipeline, peer, scaling')
    .example('$0 --boroughs 6 --scale 1 --docs-dir /tmp/bench', 'A quick check that writes its report elsewhere')
    .example('$0 --skip-peer --skip-scaling', 'Pipeline and scan only')
    .example('$0 --only-compare --compare-properties 100000', 'Ours against the peer on 4 boroughs × 100,000 properties, and hmo --help')
    .example('$0 --resume', 'Finish an interrupted benchmark')
    .example('$0 --report-only', 'Render docs/benchmarks.md again from docs/benchmarks.json')
    .strict()
    .help()
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      usage = message;
    })
    .parseAsync();
  if (usage !== undefined) throw new CommandError(cliMessages.usageError(usage), 2);
  if (args.help === true) return 'help';
  if (args['report-only']) return { reportOnly: resolve(root, args['docs-dir']) };
  const fraction = args['scale-fraction'];
  if (!(fraction > 0 && fraction <= 1)) throw new CommandError(m.badScaleFraction(fraction), 2);
  const fractions = args['scaling-fractions'].split(',').map((s) => Number(s.trim()));
  if (fractions.some((f) => !(f > 0 && f < 1))) throw new CommandError(m.badFraction(args['scaling-fractions']), 2);
  if (args['only-peer'] && args['only-scaling']) throw new CommandError(m.conflictingOnly(), 2);
  if (args['only-peer'] && args['skip-peer']) throw new CommandError(m.conflictingPeer(), 2);
  const compare = args['compare-properties'].trim();
  const compareProperties = compare === 'none' || compare === '' ? [] : compare.split(',').map((s) => Number(s.trim()));
  if (compareProperties.some((n) => !(Number.isInteger(n) && n >= 1000))) throw new CommandError(m.badCompareProperties(compare), 2);
  const compareBoroughs = args['compare-boroughs'];
  if (!(Number.isInteger(compareBoroughs) && compareBoroughs >= 1 && compareBoroughs <= LONDON.boroughs)) throw new CommandError(m.badCompareBoroughs(compareBoroughs), 2);
  return {
    root,
    cacheDir: resolve(root, args['cache-dir']),
    docsDir: resolve(root, args['docs-dir']),
    boroughs: args.boroughs,
    scale: args.scale ?? Math.round(LONDON.scale * fraction * 1000) / 1000,
    seed: args.seed,
    drop: args.drop,
    truth: args.truth,
    skipScan: args['skip-scan'],
    skipPeer: args['skip-peer'],
    onlyPeer: args['only-peer'],
    onlyScaling: args['only-scaling'],
    skipScaling: args['skip-scaling'],
    scalingFractions: fractions,
    python: args.python,
    peerThreads: Math.max(1, Math.floor(args['peer-threads'])),
    resume: args.resume,
    compareProperties,
    compareBoroughs,
    onlyCompare: args['only-compare'],
    helpRuns: Math.max(0, Math.floor(args['help-runs'])),
    intervalMs: args['interval-ms'],
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

async function main(argv: string[]): Promise<number> {
  try {
    const options = await parseBenchArgs(argv);
    if (options === 'help') return 0;
    if ('reportOnly' in options) {
      process.stderr.write(`${m.wrote(await rewriteBenchReport(options.reportOnly))}\n`);
      return 0;
    }
    const results = await runBenchmark(options);
    const failed = [results.scan, results.pipeline, ...results.scaling].some((r) => r !== null && !r.ok) || (results.peer !== null && !results.peer.ok && results.peer.exit_code !== null);
    for (const t of results.targets) if (t.met === false) process.stderr.write(`${m.targetMissed(t.description, t.value, t.target)}\n`);
    return failed ? 1 : 0;
  } catch (error) {
    return reportFailure(error);
  }
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = await main(hideBin(process.argv));
}
