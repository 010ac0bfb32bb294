import { existsSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { harmoniseMessages as m } from '../messages/harmonise.js';
import { CommandError } from '../errors/CommandError.js';
import { applySubcommand } from './harmoniseApply.js';

interface SuggestArgs {
  raw: string;
  borough: string;
  out: string;
  'extract-date'?: string;
  force: boolean;
}

/** `hmo harmonise`: from a borough's raw exports to a standard drop (suggest a mapping, apply it, make a key). */
export const harmoniseCommand: CommandModule = {
  command: 'harmonise <action>',
  describe: "From a borough's raw exports to a standard drop: suggest a mapping, review it, apply it",
  builder: (yargs: Argv) =>
    yargs
      .command({
        command: 'suggest',
        describe: 'Profile every raw export of a borough and draft its mapping (YAML) with evidence and confidence',
        builder: (y: Argv) =>
          y
            .option('raw', { type: 'string', demandOption: true, describe: "Folder of one borough's raw exports (CSV in any common encoding, Excel .xlsx)" })
            .option('borough', { type: 'string', demandOption: true, describe: 'GSS code of the borough (E09…)' })
            .option('out', { type: 'string', demandOption: true, describe: 'The mapping file to write (YAML); never overwritten unless --force' })
            .option('extract-date', { type: 'string', describe: 'The as-of date of the exports (YYYY-MM-DD); default: from the file names, else the latest date in the data' })
            .option('force', { type: 'boolean', default: false, describe: 'Overwrite --out if it exists' })
            .example('$0 harmonise suggest --raw exports/hackney --borough E09000012 --out hackney.yaml', 'draft the mapping, then review it'),
        handler: async (raw) => {
          const args = raw as unknown as SuggestArgs;
          if (existsSync(args.out) && !args.force) throw new CommandError(m.outExists(args.out), 2);
          const { mappingToYaml } = await import('../harmonise/mapping/mappingYaml.js');
          const { UNMAPPED } = await import('../harmonise/mapping/Mapping.js');
          const { suggestMapping } = await import('../harmonise/suggest/suggestMapping.js');
          const { consoleContext } = await import('../progress/consoleContext.js');
          const { writeFileAtomic } = await import('../util/atomicWrite.js');
          const ctx = consoleContext({ progress: false });
          const mapping = await suggestMapping({ raw: args.raw, borough: args.borough, ...(args['extract-date'] !== undefined ? { extractDate: args['extract-date'] } : {}) }, ctx);
          writeFileAtomic(args.out, mappingToYaml(mapping));
          const files = Object.values(mapping.files);
          const assumptions = mapping.assumptions.length + files.reduce((sum, f) => sum + f.assumptions.length, 0);
          const unmapped = files.reduce((sum, f) => sum + Object.values(f.columns).reduce((t, c) => t + Object.values(c.values ?? {}).filter((v) => v === UNMAPPED).length, 0), 0);
          process.stdout.write(`${m.suggestWritten(args.out, files.filter((f) => f.table !== 'skip').length, assumptions, unmapped)}\n`);
        },
      })
      .command(applySubcommand)
      .command({
        command: 'keygen',
        describe: "Make the borough's secret pseudonym key (once; keep it and reuse it for every drop)",
        builder: (y: Argv) =>
          y
            .option('out', { type: 'string', demandOption: true, describe: 'The key file to write (never overwritten)' })
            .example('$0 harmonise keygen --out secrets/hackney.key', 'a new key, readable by you only'),
        handler: async (raw) => {
          const args = raw as unknown as { out: string };
          const { writeNewKeyFile } = await import('../harmonise/apply/Pseudonymiser.js');
          writeNewKeyFile(args.out);
          process.stdout.write(`${m.keyWritten(args.out)}\n`);
        },
      })
      .demandCommand(1, 'Name an action: suggest, apply or keygen.')
      .example('$0 harmonise keygen --out hackney.key', '1. the borough keeps this key secret')
      .example('$0 harmonise suggest --raw exports/hackney --borough E09000012 --out hackney.yaml', '2. draft the mapping; review it')
      .example('$0 harmonise apply --raw exports/hackney --mapping hackney.yaml --gazetteer llpg/properties.csv --key-file hackney.key --out harmonised', '3. write the drop'),
  handler: () => undefined,
};
