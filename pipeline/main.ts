/**
 * `hmo`: from a data drop that follows hmo-harmonised/1.0 to ranked
 * inspection lists per borough.
 *
 * The pipeline, in order (each stage reads only what the previous one wrote):
 *   1. ingest + validate  drop/<GSS>/*.csv      -> OUT/ingest, OUT/quarantine, OUT/quality
 *   2. features           OUT/ingest            -> OUT/features (point in time, per borough)
 *   3. train              OUT/features          -> model artifact (logistic + MLP, calibrated)
 *   4. evaluate           model + OUT/features  -> OUT/evaluation (metrics, report, model card)
 *   5. rank               model + OUT/features  -> OUT/lists/<GSS>/inspection_list.{csv,html}
 * `hmo run` wires them with content-keyed caching (pipeline/run/).
 *
 * Exit codes: 0 success, 1 a failure of the data or the run, 2 a usage error
 * (an `HmoError`'s exitCode, pipeline/errors/).
 */
import yargs, { type Argv } from 'yargs';
import { commands } from './commands/index.js';
import { helpWidth } from './help/prerenderedHelp.js';
import { CommandError } from './errors/CommandError.js';
import { HmoError } from './errors/HmoError.js';
import { cliMessages } from './messages/index.js';

/**
 * The command line's parser: every command (pipeline/commands/index.ts),
 * wrapped at `width`. `onUsageFailure` hears a usage error before the
 * CommandError it throws.
 *
 * @example
 *   const help = await cliParser([], 100).getHelp(); // the text of hmo --help at 100 columns
 */
export function cliParser(argv: string[], width: number, onUsageFailure: (message: string) => void = () => undefined): Argv {
  return yargs(argv)
    .scriptName('hmo')
    // yargs' own words (Options:, [required]...) in English whatever the machine's locale, as every message of hmo.
    .locale('en')
    .usage('$0 <command> [options]\n\nFind undeclared Houses in Multiple Occupation: from a data drop (hmo-harmonised/1.0) to ranked inspection lists per borough.')
    .command(commands)
    .demandCommand(1, 'Name a command.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(width)
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      onUsageFailure(message);
      // Stop here: without a throw yargs would go on to run the command's handler with the bad arguments.
      throw new CommandError(cliMessages.usageError(message), 2);
    });
}

export async function main(argv: string[]): Promise<number> {
  let usageFailure: string | undefined;
  const parser = cliParser(argv, helpWidth(process.stdout.columns), (message) => {
    usageFailure = message;
  });
  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof HmoError) {
      process.stderr.write(`${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`${cliMessages.unexpectedError(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    return 1;
  }
  if (usageFailure !== undefined) {
    process.stderr.write(`${cliMessages.usageError(usageFailure)}\n`);
    return 2;
  }
  return process.exitCode === undefined ? 0 : Number(process.exitCode);
}

