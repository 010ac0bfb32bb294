import type { Argv, CommandModule } from 'yargs';
import { featuresMessages as m } from '../messages/features.js';
import { loadSchema } from '../standard/schema.js';
import { CommandError } from '../errors/CommandError.js';
import { requireFolders } from './requireFolders.js';

interface FeaturesArgs {
  out: string;
  borough?: string[];
  params?: string;
}

/** `hmo features`: point-in-time features and training labels per borough, from OUT/ingest to OUT/features. */
export const featuresCommand: CommandModule = {
  command: 'features',
  describe: 'Build point-in-time features (score.parquet) and labelled training rows (train.parquet) per ingested borough',
  builder: (yargs: Argv) =>
    yargs
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder that "hmo ingest" wrote (reads OUT/ingest, writes OUT/features)' })
      .middleware(requireFolders('out'))
      .option('borough', { type: 'string', array: true, describe: 'Only these boroughs (GSS codes); default: every borough that ingested ok' })
      .option('params', { type: 'string', describe: 'Params file (JSON or YAML); reads features.recent_months and features.long_months' })
      .example('$0 features --out out/sample', 'Features of every usable borough')
      .example('$0 features --out out/sample --borough E09000007 E09000019', 'Only Camden and Islington')
      .example('$0 features --out out/sample --params params.yaml', 'Other count windows (features.recent_months, features.long_months)'),
  handler: async (raw) => {
    const argv = raw as unknown as FeaturesArgs;
    const [{ buildFeatures }, { loadParams }, { consoleContext }] = await Promise.all([
      import('../features/buildFeatures.js'),
      import('../params/loadParams.js'),
      import('../progress/consoleContext.js'),
    ]);
    const params = loadParams(argv.params);
    const boroughs = argv.borough?.map(String);
    for (const code of boroughs ?? []) {
      if (!loadSchema().isLondonBorough(code)) throw new CommandError(m.notALondonCode(code), 2);
    }
    // A FeaturesError ends the command with its exit code (1).
    await buildFeatures({ out: argv.out, boroughs, params: params.features }, consoleContext({ progress: false }));
  },
};
