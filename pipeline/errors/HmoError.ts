/** The exit code of the command line: 1 for a failure of the data or the run, 2 for a usage error. */
export type ExitCode = 1 | 2;

/**
 * The base class of every error the user can act on: its message is shown as
 * it is (no stack trace) and the command line ends with its `exitCode`
 * (`pipeline/main.ts`). `kind` names the family (the stage or part that threw
 * it); each family is a subclass in its own file of `pipeline/errors/`, and a
 * stage throws its own family, never `CommandError` (the command line's).
 * Worker threads send errors back by class name (`pipeline/workers/workerError.ts`).
 *
 * @example
 *   try { await trainModel(inputs, ctx); } catch (error) {
 *     if (error instanceof HmoError) process.exitCode = error.exitCode;
 *   }
 */
export abstract class HmoError extends Error {
  /** The family: 'command', 'params', 'drop', 'features', 'train', 'evaluate', 'rank', 'outcomes'. */
  abstract readonly kind: string;

  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}
