import type { Argv, CommandModule } from 'yargs';
import { runMessages as m } from '../messages/run.js';
import { CommandError } from '../errors/CommandError.js';
import type { RunRenderer } from '../progress/RunEvent.js';
import { requireFolders } from './requireFolders.js';

interface RunArgs {
  drop: string;
  out: string;
  params?: string;
  truth?: string;
  force: boolean;
  quiet: boolean;
  json: boolean;
  workers?: number;
}

/** `hmo run`: the whole pipeline (ingest → features → train → evaluate → rank), cached by content, recorded as a run. */
export const runCommand: CommandModule = {
  command: 'run',
  describe: 'Run the whole pipeline on a drop (cached: only what changed reruns), recorded under OUT/runs/<id>',
  builder: (yargs: Argv) =>
    yargs
      .option('drop', { type: 'string', demandOption: true, describe: 'The data drop folder (one sub-folder per borough, hmo-harmonised/1.0)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder: latest outputs, runs/, registry.json, cache/' })
      .middleware(requireFolders('out'))
      .option('params', { type: 'string', describe: 'Params file (JSON or YAML) overriding the defaults (docs/running.md)' })
      .option('truth', { type: 'string', describe: 'Simulation truth (truth.csv of a synthetic drop) for the evaluation' })
      .option('force', { type: 'boolean', default: false, describe: 'Rerun every stage, ignoring the cache' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Print errors only' })
      .option('json', { type: 'boolean', default: false, describe: 'Print one JSON event per line on stdout (for automation)' })
      .option('workers', {
        type: 'number',
        describe: 'Boroughs that ingest, features and rank process at once, each on a worker thread (default: one per core, at most 4; 1 = one at a time, in the main thread)',
      })
      .example('$0 run --drop data/sample/drop --truth data/sample/truth.csv --out out/sample', 'the bundled sample, end to end')
      .example('$0 run --drop drops/2026-q4 --out out/q4 --params params.yaml', 'a new drop with a params file; only changed boroughs are re-ingested')
      .example('$0 run --drop drops/2026-q4 --out out/q4 --json > events.jsonl', 'machine-readable progress')
      .example('$0 run --drop drops/2026-q4 --out out/q4 --force', 'rerun everything'),
  handler: async (raw) => {
    const argv = raw as unknown as RunArgs;
    if (argv.workers !== undefined && !(Number.isInteger(argv.workers) && argv.workers >= 1)) throw new CommandError(m.badWorkers(String(argv.workers)), 2);
    const [
      { JsonRenderer },
      { PlainRenderer },
      { QuietRenderer },
      { RunEvents },
      { TtyRenderer },
      { loadParams },
      { ModelRegistry },
      { RunStore },
      { runPipeline },
      { failedBoroughs, quietFailures, runSummary },
    ] = await Promise.all([
      import('../progress/JsonRenderer.js'),
      import('../progress/PlainRenderer.js'),
      import('../progress/QuietRenderer.js'),
      import('../progress/RunEvent.js'),
      import('../progress/TtyRenderer.js'),
      import('../params/loadParams.js'),
      import('../run/registry/ModelRegistry.js'),
      import('../run/registry/RunRecord.js'),
      import('../run/runPipeline.js'),
      import('../run/tables/runSummary.js'),
    ]);
    const params = loadParams(argv.params);
    const renderers: RunRenderer[] = argv.json
      ? [new JsonRenderer(process.stdout)]
      : argv.quiet
        ? [new QuietRenderer(process.stderr)]
        : [process.stderr.isTTY ? new TtyRenderer(process.stderr) : new PlainRenderer(process.stderr)];
    const events = new RunEvents(renderers);
    const previous = new RunStore(argv.out).list().filter((r) => r.status === 'ok').pop();
    try {
      const record = await runPipeline(
        {
          drop: argv.drop,
          out: argv.out,
          params,
          force: argv.force,
          ...(argv.workers === undefined ? {} : { concurrency: argv.workers }),
          ...(argv.params === undefined ? {} : { paramsFile: argv.params }),
          ...(argv.truth === undefined ? {} : { truth: argv.truth }),
        },
        events,
      );
      events.close();
      if (!argv.json && !argv.quiet) process.stdout.write(runSummary(record, argv.out, previous?.run_id, new ModelRegistry(argv.out).champion()?.model));
      if (argv.quiet) process.stderr.write(quietFailures(record, argv.out));
      if (failedBoroughs(record).length > 0) process.exitCode = 1;
    } finally {
      events.close();
    }
  },
};
