import { HmoError } from '../../pipeline/errors/HmoError.js';
import { cliMessages } from '../../pipeline/messages/cli.js';

/**
 * How a benchmark script ends on an error: a known error (usage, drop, …) prints
 * its message and gives its exit code; anything else prints the stack, exit 1.
 *
 * @example
 *   try { … } catch (error) { return reportFailure(error); }
 */
export function reportFailure(error: unknown): number {
  if (error instanceof HmoError) {
    process.stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
  process.stderr.write(`${cliMessages.unexpectedError(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
  return 1;
}
