import type { Argv, CommandModule } from 'yargs';
import { rankMessages as m } from '../messages/rank.js';
import { ParamsError } from '../errors/ParamsError.js';

interface RankArgs {
  model?: string;
  'drop-db': string;
  out?: string;
  top?: number;
  params?: string;
  borough?: string[];
}


/** `hmo rank`: per-borough ranked inspection lists (CSV + printable HTML) from a trained model. */
export const rankCommand: CommandModule = {
  command: 'rank',
  describe: 'Write each borough\'s ranked inspection list (CSV of every candidate + printable HTML of the top N) with reasons',
  builder: (yargs: Argv) =>
    yargs
      .option('model', { type: 'string', describe: 'Model folder, run id, or "champion" (default: the champion of --drop-db, see hmo models promote)' })
      .option('drop-db', { type: 'string', demandOption: true, describe: 'Output folder of hmo ingest and hmo features (the data to rank)' })
      .option('out', { type: 'string', describe: 'Folder whose lists/<GSS>/ receive the lists (default: the --drop-db folder)' })
      .option('top', { type: 'number', describe: 'How many at the top of each list to mark "visit first" (default: params rank.top, 200)' })
      .option('params', { type: 'string', describe: 'Params file (JSON or YAML); rank reads its "rank" section' })
      .option('borough', { type: 'string', array: true, describe: 'Only these boroughs (GSS codes); default every usable borough' })
      .example('$0 rank --drop-db out', 'lists from the champion model for every usable borough under out/lists/<GSS>/')
      .example('$0 rank --model out/model --drop-db out', 'lists from a given model folder')
      .example('$0 rank --model out/model --drop-db out --borough E09000007 --top 100', 'Camden only, 100 to visit first')
      .example('$0 rank --model out/runs/r1/model --drop-db out --out lists-2026q4 --params params.yaml', 'lists in another folder, with a params file'),
  handler: async (raw) => {
    const argv = raw as unknown as RankArgs;
    const [{ rankBoroughs }, { loadParams }, { paramAllows }, { resolveModelDir }, { consoleContext }] = await Promise.all([
      import('../rank/rankBoroughs.js'),
      import('../params/loadParams.js'),
      import('../params/paramRules.js'),
      import('../run/registry/resolveModelDir.js'),
      import('../progress/consoleContext.js'),
    ]);
    const params = loadParams(argv.params);
    if (argv.top !== undefined) {
      if (!paramAllows('rank.top', argv.top)) throw new ParamsError(m.badTop(argv.top));
      params.rank.top = argv.top;
    }
    await rankBoroughs(
      {
        out: argv['drop-db'],
        modelDir: resolveModelDir(argv['drop-db'], argv.model),
        params: params.rank,
        boroughs: argv.borough,
        listsOut: argv.out ?? argv['drop-db'],
      },
      consoleContext({ info: 'stdout', progress: false }),
    );
  },
};
