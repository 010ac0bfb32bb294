/**
 * An error that a command reports to the user as it is (no stack trace),
 * with the exit code the command line should end with:
 * 1 for a failure of the data or the run, 2 for a usage error.
 */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
