import type { Argv, CommandModule } from 'yargs';
import { CommandError } from '../errors/CommandError.js';
import { DEFAULT_SEED } from '../generate/defaultSeed.js';
import { requireFolders } from './requireFolders.js';
import { generateMessages } from '../messages/generate.js';
import { DEFAULT_WORLD, UnknownWorldError, WORLDS, worldByName } from '../generate/worlds/registry.js';

interface GenerateArgs {
  out: string;
  boroughs: string;
  scale: number;
  seed: number;
  world: string;
  workers?: number;
  'without-housing-benefit'?: string;
  'without-complaints'?: string;
  raw: boolean;
  'raw-style'?: string;
}


/** `hmo generate`: a synthetic London drop with its truth and its injected faults. */
export const generateCommand: CommandModule = {
  command: 'generate',
  describe: 'Write a realistic synthetic London drop (hmo-harmonised/1.0) with truth.csv and faults.json',
  builder: (yargs: Argv) =>
    yargs
      .option('out', { type: 'string', demandOption: true, describe: 'Folder for drop/, truth.csv and faults.json (those are replaced)' })
      .middleware(requireFolders('out'))
      .option('boroughs', { type: 'string', default: '3', describe: 'How many boroughs (Camden, Hackney, Newham first) or GSS codes, comma-separated' })
      .option('scale', { type: 'number', default: 1, describe: '1 ≈ 3,000 properties a borough; 36 ≈ London\'s real housing stock' })
      .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'Same seed, same bytes' })
      .option('world', {
        type: 'string',
        default: DEFAULT_WORLD,
        describe: `Which synthetic world (docs/generator.md): ${WORLDS.map((w) => `${w.name}: ${w.summary}`).join(' | ')}`,
      })
      .option('workers', { type: 'number', describe: 'Worker threads (default up to 2)' })
      .option('without-housing-benefit', { type: 'string', describe: 'GSS codes that supply no housing_benefit.csv (default: Newham, or the last borough, when 2+; "" for none)' })
      .option('without-complaints', { type: 'string', describe: 'GSS codes that supply no complaints.csv (default: the first borough by code when 5+; "" for none)' })
      .option('raw', { type: 'boolean', default: false, describe: "Also write raw/<GSS>/ (the boroughs as councils' systems export them), gazetteer/<GSS>/properties.csv and raw_truth.csv" })
      .option('raw-style', { type: 'string', describe: 'With --raw: default, register, legacy, or mixed (a style per borough); default: default' })
      .example('$0 generate --out /tmp/raw3 --raw --raw-style mixed', 'Three boroughs with their raw exports, for hmo harmonise')
      .example('$0 generate --out data/sample --world legacy', 'The committed sample: Camden, Hackney, Newham at scale 1')
      .example('$0 generate --out /tmp/london --boroughs 33 --scale 36', 'All of London at about its real size (~3.6M properties)')
      .example('$0 generate --out /tmp/two --boroughs E09000012,E09000030 --seed 7', 'Two named boroughs, another seed'),
  handler: async (argv) => {
    const args = argv as unknown as GenerateArgs;
    const [{ BoroughSelectionError, selectBoroughs }, { generateDrop }, { consoleContext }] = await Promise.all([
      import('../generate/boroughSelection.js'),
      import('../generate/generateDrop.js'),
      import('../progress/consoleContext.js'),
    ]);
    const list = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? [] : selectBoroughs(value));
    if (!Number.isInteger(args.seed) || args.seed < 0 || args.seed > 0xffffffff) throw new CommandError(generateMessages.badSeed(args.seed), 2);
    if (args.workers !== undefined && (!Number.isInteger(args.workers) || args.workers < 1 || args.workers > 32)) {
      throw new CommandError(generateMessages.badWorkers(args.workers), 2);
    }
    try {
      const world = worldByName(args.world);
      const boroughs = selectBoroughs(args.boroughs);
      const withoutHousingBenefit = list(args['without-housing-benefit']);
      const withoutComplaints = list(args['without-complaints']);
      await generateDrop(
        {
          out: args.out,
          boroughs,
          scale: args.scale,
          seed: args.seed,
          world,
          ...(args.workers !== undefined ? { workers: args.workers } : {}),
          ...(withoutHousingBenefit ? { withoutHousingBenefit } : {}),
          ...(withoutComplaints ? { withoutComplaints } : {}),
          ...(args.raw || args['raw-style'] !== undefined ? { rawStyle: args['raw-style'] ?? 'default' } : {}),
        },
        consoleContext({ progress: false }),
      );
    } catch (error) {
      if (error instanceof BoroughSelectionError || error instanceof UnknownWorldError) throw new CommandError(error.message, 2);
      if (error instanceof CommandError) throw error;
      throw new CommandError(error instanceof Error ? error.message : String(error), 1);
    }
  },
};
