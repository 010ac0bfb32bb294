import type { Argv, CommandModule } from 'yargs';
import { outcomesMessages as m } from '../messages/rank.js';

interface OutcomesArgs {
  list: string;
  out: string;
  append?: boolean;
}

/** `hmo outcomes`: a filled-in inspection list back into rows of the standard's inspections.csv. */
export const outcomesCommand: CommandModule = {
  command: 'outcomes',
  describe: 'Turn the outcomes a team recorded in an inspection list into rows of the standard\'s inspections.csv',
  builder: (yargs: Argv) =>
    yargs
      .option('list', { type: 'string', demandOption: true, describe: 'A filled-in inspection_list.csv (outcome, inspected_on)' })
      .option('out', { type: 'string', demandOption: true, describe: 'The inspections.csv to write (uprn,inspection_date,outcome,trigger; trigger = model)' })
      .option('append', { type: 'boolean', default: false, describe: 'Add to an existing inspections.csv; rows already in it are not repeated' })
      .example('$0 outcomes --list out/lists/E09000007/inspection_list.csv --out inspections-from-list.csv', 'the recorded visits as standard rows')
      .example('$0 outcomes --list camden-list.csv --out drop/E09000007/inspections.csv --append', 'add them to the next drop\'s inspections export'),
  handler: async (raw) => {
    const argv = raw as unknown as OutcomesArgs;
    const { writeListOutcomes } = await import('../outcomes/writeListOutcomes.js');
    const result = writeListOutcomes({ list: argv.list, out: argv.out, append: argv.append });
    process.stdout.write(`${m.written(result.written, result.file, result.skipped, result.alreadyThere)}\n`);
  },
};
