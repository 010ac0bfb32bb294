import type { Argv, CommandModule } from 'yargs';
import { outputLayout } from '../layout.js';
import { listsMessages } from '../messages/run.js';
import { requireFolders } from './requireFolders.js';
import { runMessages as m } from '../messages/run.js';
import { CommandError } from '../errors/CommandError.js';

interface ListArgs {
  out: string;
  json: boolean;
}

interface PromoteArgs {
  run: string;
  out: string;
  force: boolean;
  why?: string;
}

/** `hmo models`: the model registry (OUT/registry.json): list the models, promote one to champion. */
export const modelsCommand: CommandModule = {
  command: 'models <action>',
  describe: 'List the trained models and promotion decisions, or promote a run\'s model to champion (the one hmo rank uses)',
  builder: (yargs: Argv) =>
    yargs
      .command({
        command: 'list',
        describe: 'Every model trained under OUT: the run that trained it, the runs that used it, headline metric, decisions, champion',
        builder: (y: Argv) =>
          y
            .option('out', { type: 'string', demandOption: true, describe: 'The output folder of hmo run' })
            .middleware(requireFolders('out'))
            .option('json', { type: 'boolean', default: false, describe: 'Print the registry (champion and decisions) as JSON' })
            .example('$0 models list --out out/sample', ''),
        handler: async (raw) => {
          const argv = raw as unknown as ListArgs;
          const [{ modelsTable }, { ModelRegistry }, { RunStore }] = await Promise.all([
            import('../run/tables/modelsTable.js'),
            import('../run/registry/ModelRegistry.js'),
            import('../run/registry/RunRecord.js'),
          ]);
          const registry = new ModelRegistry(argv.out).read();
          if (argv.json) {
            process.stdout.write(`${JSON.stringify(registry, null, 2)}\n`);
            return;
          }
          const runs = new RunStore(argv.out).list();
          if (runs.length === 0) throw new CommandError(m.noRuns(argv.out), 1);
          process.stdout.write(modelsTable(runs, registry));
        },
      })
      .command({
        command: 'promote <run>',
        describe: 'Make a run\'s model the champion if it passes the promotion checks against the current champion (the decision is recorded either way)',
        builder: (y: Argv) =>
          y
            .positional('run', { type: 'string', describe: 'Run id (or an unambiguous prefix, or "latest")' })
            .option('out', { type: 'string', demandOption: true, describe: 'The output folder of hmo run' })
            .middleware(requireFolders('out'))
            .option('force', { type: 'boolean', default: false, describe: 'Promote even if the checks refuse (needs --why)' })
            .option('why', { type: 'string', describe: 'The reason for --force, recorded in the registry' })
            .example('$0 models promote 2026-11-27T093012-3fa9c1 --out out/sample', 'promote if it is no worse than the champion')
            .example('$0 models promote latest --out out/sample --force --why "new drop format, old champion not comparable"', 'override a refusal, with the reason recorded'),
        handler: async (raw) => {
          const argv = raw as unknown as PromoteArgs;
          if (argv.force && (argv.why ?? '').trim() === '') throw new CommandError(m.forceNeedsWhy, 2);
          const [{ realDecidePromotion }, { ModelRegistry }] = await Promise.all([import('../run/evaluationApi.js'), import('../run/registry/ModelRegistry.js')]);
          const result = new ModelRegistry(argv.out).promote(argv.run, {
            decide: realDecidePromotion,
            force: argv.force,
            ...(argv.why === undefined ? {} : { why: argv.why }),
          });
          if (result.kind === 'already-champion') {
            process.stdout.write(`${m.alreadyChampion(result.run.run_id)}\n`);
          } else {
            const { entry } = result;
            if (!entry.accepted) throw new CommandError(m.refused(entry.run_id, entry.failed ?? entry.reasons), 1);
            const text = entry.forced ? m.promotedForced(entry.run_id, entry.why ?? '', entry.failed ?? entry.reasons) : m.promoted(entry.run_id, entry.reasons);
            process.stdout.write(`${text}\n`);
          }
          // The officers' lists become the champion's (ranked on the data in OUT); unchanged if they already are.
          const [{ consoleContext }, { rankBorough }, { publishChampionLists }] = await Promise.all([
            import('../progress/consoleContext.js'),
            import('../rank/rankBorough.js'),
            import('../run/registry/publishChampionLists.js'),
          ]);
          const published = await publishChampionLists({ out: argv.out, rankBorough }, consoleContext({ progress: false }));
          if (published.status !== 'no-champion') process.stdout.write(`${listsMessages.promotedLists(outputLayout(argv.out).listsDir, published.status)}\n`);
        },
      })
      .demandCommand(1, 'Name an action: list or promote.')
      .example('$0 models list --out out/sample', '')
      .example('$0 models promote <run-id> --out out/sample', ''),
  handler: () => undefined,
};
