import type { CommandModule } from 'yargs';
import { ingestMessages } from '../messages/ingest.js';
import { requireFolders } from './requireFolders.js';

interface IngestArgs {
  drop: string;
  out: string;
}

/** `hmo ingest --drop DIR --out OUT`: exit 0 when every borough is usable, 1 when any failed, 2 on a usage error. */
export const ingestCommand: CommandModule = {
  command: 'ingest',
  describe: 'Validate a drop against hmo-harmonised/1.0 and write the accepted rows, the quarantine and the quality report',
  builder: (yargs) =>
    yargs
      .option('drop', { type: 'string', demandOption: true, describe: 'The drop folder (one sub-folder per borough)' })
      .option('out', { type: 'string', demandOption: true, describe: 'The output folder (only this folder is written)' })
      .middleware(requireFolders('out'))
      .example('$0 ingest --drop data/sample/drop --out out/sample', 'Ingest the sample drop')
      .example('cd out/sample && duckdb hmo.duckdb', 'Then query the accepted tables (views over the Parquet)'),
  handler: async (raw) => {
    const args = raw as unknown as IngestArgs;
    const [{ ingestDrop }, { formatSummary }, { consoleContext }] = await Promise.all([
      import('../ingest/ingestDrop.js'),
      import('../ingest/formatSummary.js'),
      import('../progress/consoleContext.js'),
    ]);
    // A DropError ends the command with its exit code (2).
    const report = await ingestDrop({ drop: args.drop, out: args.out }, consoleContext({ warnings: false, progress: false }));
    process.stdout.write(formatSummary(report));
    process.stdout.write(`${ingestMessages.wrote(args.out)}\n`);
    if (Object.values(report.boroughs).some((b) => b.status === 'failed')) process.exitCode = 1;
  },
};
