import type { Argv, CommandModule } from 'yargs';
import { requireFolders } from './requireFolders.js';
import { runMessages as m } from '../messages/run.js';
import { CommandError } from '../errors/CommandError.js';

interface ListArgs {
  out: string;
  json: boolean;
}

interface DiffArgs {
  a: string;
  b: string;
  out: string;
  all: boolean;
}

/** `hmo runs`: the runs recorded under OUT/runs (list, diff). */
export const runsCommand: CommandModule = {
  command: 'runs <action>',
  describe: 'List the recorded runs, or compare two (params and metrics side by side, with deltas)',
  builder: (yargs: Argv) =>
    yargs
      .command({
        command: 'list',
        describe: 'One line per run: id, date, drop, boroughs, status, stages, headline metric, model, champion (*)',
        builder: (y: Argv) =>
          y
            .option('out', { type: 'string', demandOption: true, describe: 'The output folder of hmo run' })
            .middleware(requireFolders('out'))
            .option('json', { type: 'boolean', default: false, describe: 'Print the run records as a JSON array' })
            .example('$0 runs list --out out/sample', 'every run, oldest first'),
        handler: async (raw) => {
          const argv = raw as unknown as ListArgs;
          const [{ runsTable }, { ModelRegistry }, { RunStore }] = await Promise.all([
            import('../run/registry/compareRuns.js'),
            import('../run/registry/ModelRegistry.js'),
            import('../run/registry/RunRecord.js'),
          ]);
          const runs = new RunStore(argv.out).list();
          if (argv.json) {
            process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
            return;
          }
          if (runs.length === 0) throw new CommandError(m.noRuns(argv.out), 1);
          process.stdout.write(runsTable(runs, new ModelRegistry(argv.out).champion()?.run_id ?? null));
        },
      })
      .command({
        command: 'diff <a> <b>',
        describe: 'Params (those that differ) and metrics of run A and run B side by side, with B − A',
        builder: (y: Argv) =>
          y
            .positional('a', { type: 'string', describe: 'Run id (or an unambiguous prefix, or "latest")' })
            .positional('b', { type: 'string', describe: 'Run id (or an unambiguous prefix, or "latest")' })
            .option('out', { type: 'string', demandOption: true, describe: 'The output folder of hmo run' })
            .middleware(requireFolders('out'))
            .option('all', { type: 'boolean', default: false, describe: 'Show every param, not only those that differ' })
            .example('$0 runs diff 2026-11-27T093012-3fa9c1 latest --out out/sample', 'what changed between a run and the newest'),
        handler: async (raw) => {
          const argv = raw as unknown as DiffArgs;
          const [{ diffRuns }, { RunStore }] = await Promise.all([import('../run/registry/compareRuns.js'), import('../run/registry/RunRecord.js')]);
          const store = new RunStore(argv.out);
          const a = store.get(argv.a);
          const b = store.get(argv.b);
          process.stdout.write(`${m.diffHeader(a.run_id, b.run_id)}\n`);
          process.stdout.write(diffRuns(a, b, store.params(a.run_id), store.params(b.run_id), { allParams: argv.all }));
        },
      })
      .demandCommand(1, 'Name an action: list or diff.')
      .example('$0 runs list --out out/sample', '')
      .example('$0 runs diff <run-a> <run-b> --out out/sample', ''),
  handler: () => undefined,
};
