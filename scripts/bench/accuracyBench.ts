/**
 * `npm run bench:accuracy`: ours against the Python peer on every world of
 * the generator (see docs/accuracy.md). Generates and caches one drop per
 * world, runs `hmo run` and the peer on it with the same leave-borough-out
 * folds, and writes docs/accuracy.{md,json}.
 *
 * Exit codes: 0 the benchmark ran (a missed bar is reported, not an error),
 * 1 a run failed or the benchmark could not run, 2 a usage error.
 */
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CommandError } from '../../pipeline/errors/CommandError.js';
import { selectBoroughs } from '../../pipeline/generate/boroughSelection.js';
import { worldNames } from '../../pipeline/generate/worlds/registry.js';
import { benchMessages as m } from '../../pipeline/messages/bench.js';
import { cliMessages } from '../../pipeline/messages/cli.js';
import { packageRoot } from '../../pipeline/util/packageRoot.js';
import { defaultModelKinds, isModelKind, MODEL_KINDS } from '../../models/learners.js';
import { BENCH_SEED } from './bench.js';
import { ACCURACY_BOROUGHS, HELD_OUT_WORLD, runAccuracyBench, type AccuracyOptions } from './runAccuracyBench.js';
import { meetsBar, rewriteAccuracyReport, writeAccuracyReport } from './writeAccuracyReport.js';
import { reportFailure } from './reportFailure.js';

/** Generator scale of the default run (a few minutes on two shared cores) and of `--big`. */
export const ACCURACY_SCALE = 2;
export const ACCURACY_BIG_SCALE = 6;

/** Parses the command line into options; throws CommandError(…, 2) for a usage error. */
export async function parseAccuracyArgs(argv: string[], root = packageRoot()): Promise<AccuracyOptions | 'help' | { reportOnly: string }> {
  let usage: string | undefined;
  const args = await yargs(argv)
    .scriptName('npm run bench:accuracy --')
    .usage('$0 [options]\n\nAccuracy on every synthetic world: hmo run against the Python peer (logistic, HistGradientBoosting, XGBoost), same drops and folds.')
    .option('worlds', { type: 'string', default: worldNames().join(','), describe: 'Worlds to run, comma-separated' })
    .option('held-out', { type: 'string', default: HELD_OUT_WORLD, describe: 'The world reported as held out (never used to choose defaults)' })
    .option('boroughs', { type: 'string', default: ACCURACY_BOROUGHS.join(','), describe: 'GSS codes of the boroughs (leave-borough-out needs 2+)' })
    .option('scale', { type: 'number', default: ACCURACY_SCALE, describe: 'Generator scale (1 ≈ 3,000 properties a borough)' })
    .option('big', { type: 'boolean', default: false, describe: `Scale ${ACCURACY_BIG_SCALE}: more labels, steadier figures, several times the time` })
    .option('seed', { type: 'number', default: BENCH_SEED, describe: 'Generator seed' })
    .option('learners', {
      type: 'string',
      default: defaultModelKinds().join(','),
      describe: `Learners hmo run trains (train.models), comma-separated; default: what hmo run trains by default (${defaultModelKinds().join(', ')}); any of ${MODEL_KINDS.join(', ')}`,
    })
    .option('skip-peer', { type: 'boolean', default: false, describe: 'Do not run the Python peer' })
    .option('python', { type: 'string', default: '/usr/bin/python3', describe: "Python with Debian's pandas, scikit-learn and XGBoost" })
    .option('peer-threads', { type: 'number', default: 1, describe: "OpenMP threads of the peer's models (1 suits a shared machine)" })
    .option('cache-dir', { type: 'string', default: 'scripts/bench/cache', describe: 'Generated drops and run outputs (git-ignored)' })
    .option('docs-dir', { type: 'string', default: 'docs', describe: 'Where accuracy.md and accuracy.json are written' })
    .option('report-only', { type: 'boolean', default: false, describe: 'Only render accuracy.md again from the existing accuracy.json' })
    .example('$0', `Every world, ${ACCURACY_BOROUGHS.length} boroughs at scale ${ACCURACY_SCALE}`)
    .example('$0 --big', `Every world at scale ${ACCURACY_BIG_SCALE}`)
    .example('$0 --worlds calibrated --docs-dir /tmp/acc', 'One world, report elsewhere')
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
  const known = worldNames();
  const worlds = args.worlds.split(',').map((w) => w.trim()).filter((w) => w !== '');
  const unknown = worlds.filter((w) => !known.includes(w));
  if (worlds.length === 0 || unknown.length > 0) throw new CommandError(m.unknownWorlds(unknown.length > 0 ? unknown : [args.worlds], known), 2);
  if (!known.includes(args['held-out'])) throw new CommandError(m.unknownWorlds([args['held-out']], known), 2);
  let boroughs: string[];
  try {
    boroughs = selectBoroughs(args.boroughs);
  } catch (error) {
    throw new CommandError(error instanceof Error ? error.message : String(error), 2);
  }
  if (boroughs.length < 2) throw new CommandError(m.accuracyNeedsBoroughs(boroughs.length), 2);
  const scale = args.big ? ACCURACY_BIG_SCALE : args.scale;
  if (!(scale > 0 && scale <= 200)) throw new CommandError(m.badAccuracyScale(scale), 2);
  const learners = args.learners.split(',').map((l) => l.trim()).filter((l) => l !== '');
  const unknownLearners = learners.filter((l) => !isModelKind(l));
  if (learners.length === 0 || unknownLearners.length > 0) throw new CommandError(m.unknownLearners(unknownLearners.length > 0 ? unknownLearners : [args.learners], MODEL_KINDS), 2);
  // The held-out world last, so the report and the log end with it.
  const ordered = [...worlds.filter((w) => w !== args['held-out']), ...worlds.filter((w) => w === args['held-out'])];
  return {
    root,
    cacheDir: resolve(root, args['cache-dir']),
    docsDir: resolve(root, args['docs-dir']),
    worlds: ordered,
    heldOut: args['held-out'],
    boroughs,
    scale,
    seed: args.seed,
    learners,
    python: args.python,
    peerThreads: Math.max(1, Math.floor(args['peer-threads'])),
    skipPeer: args['skip-peer'],
    log: (line) => process.stderr.write(`${line}\n`),
  };
}

async function main(argv: string[]): Promise<number> {
  try {
    const options = await parseAccuracyArgs(argv);
    if (options === 'help') return 0;
    if ('reportOnly' in options) {
      process.stderr.write(`${m.wrote(rewriteAccuracyReport(options.reportOnly))}\n`);
      return 0;
    }
    const results = await runAccuracyBench(options);
    process.stderr.write(`${m.wrote(writeAccuracyReport(results, options.docsDir))}\n`);
    for (const world of results.worlds) {
      const bar = meetsBar(world);
      if (bar && !(bar.p100 && bar.auc)) process.stderr.write(`${m.accuracyBarMissed(world.world, !bar.p100, !bar.auc)}\n`);
    }
    const failed = results.worlds.some((w) => (w.ours !== null && !w.ours.ok) || (w.peer !== null && !w.peer.ok));
    return failed ? 1 : 0;
  } catch (error) {
    return reportFailure(error);
  }
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = await main(hideBin(process.argv));
}
