import type { CommandModule } from 'yargs';
import { ingestMessages } from '../messages/ingest.js';

interface ValidateArgs {
  drop: string;
}

/** `hmo validate --drop DIR`: the checks of ingest, printed; nothing kept. Exit 0 ok, 1 a borough fails, 2 usage. */
export const validateCommand: CommandModule = {
  command: 'validate',
  describe: 'Check a drop against hmo-harmonised/1.0 and print what fails, writing nothing',
  builder: (yargs) =>
    yargs
      .option('drop', { type: 'string', demandOption: true, describe: 'The drop folder (one sub-folder per borough)' })
      .example('$0 validate --drop data/sample/drop', 'Check the sample drop before sending it'),
  handler: async (raw) => {
    const args = raw as unknown as ValidateArgs;
    const [{ validateDrop }, { formatSummary }, { consoleContext }] = await Promise.all([
      import('../ingest/validateDrop.js'),
      import('../ingest/formatSummary.js'),
      import('../progress/consoleContext.js'),
    ]);
    // A DropError ends the command with its exit code (2).
    const report = await validateDrop({ drop: args.drop }, consoleContext({ warnings: false, progress: false }));
    const failed = Object.values(report.boroughs).filter((b) => b.status === 'failed').length;
    process.stdout.write(formatSummary(report));
    process.stdout.write(`${ingestMessages.validateDone(failed)}\n`);
    if (failed > 0) process.exitCode = 1;
  },
};
