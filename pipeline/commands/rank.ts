import type { Argv, CommandModule } from 'yargs';
import { resolve } from 'node:path';
import { CommandError } from '../errors/CommandError.js';
import { listsMessages } from '../messages/run.js';
import { rankMessages as m } from '../messages/rank.js';
import { ParamsError } from '../errors/ParamsError.js';
import { requireFolders, requireInputFolders } from './requireFolders.js';

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
      .option('out', { type: 'string', describe: "Folder whose lists/<GSS>/ receive the lists (default: the --drop-db folder, whose lists/ are the officers' lists: the champion's only)" })
      .middleware(requireFolders('out'))
      .middleware(requireInputFolders('drop-db'))
      .option('top', { type: 'number', describe: 'How many at the top of each list to mark "visit first" (default: params rank.top, 200)' })
      .option('params', { type: 'string', describe: 'Params file (JSON or YAML); rank reads its "rank" section' })
      .option('borough', { type: 'string', array: true, describe: 'Only these boroughs (GSS codes); default every usable borough' })
      .example('$0 rank --drop-db out', "the officers' lists, from the champion model, for every usable borough under out/lists/<GSS>/")
      .example('$0 rank --model out/model --drop-db out --out lists-check', 'lists from another model, in another folder (out/lists is the champion\'s only)')
      .example('$0 rank --drop-db out --out camden-100 --borough E09000007 --top 100', 'Camden only, 100 to visit first')
      .example('$0 rank --model out/runs/r1/model --drop-db out --out lists-2026q4 --params params.yaml', 'lists in another folder, with a params file'),
  handler: async (raw) => {
    const argv = raw as unknown as RankArgs;
    const [{ rankBoroughs }, { rankBorough }, { loadParams }, { paramAllows }, { resolveModelDir }, { ModelRegistry }, { publishChampionLists }, { consoleContext }] = await Promise.all([
      import('../rank/rankBoroughs.js'),
      import('../rank/rankBorough.js'),
      import('../params/loadParams.js'),
      import('../params/paramRules.js'),
      import('../run/registry/resolveModelDir.js'),
      import('../run/registry/ModelRegistry.js'),
      import('../run/registry/publishChampionLists.js'),
      import('../progress/consoleContext.js'),
    ]);
    const params = loadParams(argv.params);
    if (argv.top !== undefined) {
      if (!paramAllows('rank.top', argv.top)) throw new ParamsError(m.badTop(argv.top));
      params.rank.top = argv.top;
    }
    const dropDb = argv['drop-db'];
    const ctx = consoleContext({ info: 'stdout', progress: false });
    const intoOfficersLists = argv.out === undefined || resolve(argv.out) === resolve(dropDb);
    const champion = new ModelRegistry(dropDb).champion();
    const championModel = champion === null ? undefined : resolve(dropDb, champion.model);
    const wantsChampion = argv.model === undefined || argv.model === 'champion' || resolveModelDir(dropDb, argv.model) === championModel;
    if (intoOfficersLists && argv.borough === undefined && wantsChampion) {
      // OUT/lists: the officers' lists, the champion's, recorded as such (OUT/lists/lists.json), so hmo run keeps them.
      if (champion === null) throw new CommandError(listsMessages.noChampionToRank(dropDb), 1);
      await publishChampionLists({ out: dropDb, rankBorough, force: true, ...(argv.params === undefined && argv.top === undefined ? {} : { rank: params.rank }) }, ctx);
      return;
    }
    // OUT/lists is the champion's only: another model, or some boroughs only, go elsewhere.
    if (intoOfficersLists) throw new CommandError(listsMessages.notChampionIntoLists(dropDb), 2);
    await rankBoroughs(
      { out: dropDb, modelDir: resolveModelDir(dropDb, argv.model), params: params.rank, boroughs: argv.borough, listsOut: argv.out as string },
      ctx,
    );
  },
};
