/**
 * A failure of `hmo harmonise` that is reported to the person as it is (no
 * stack trace), with the exit code the command line ends with: 1 for a
 * failure of the data, 2 for a usage error (a bad option, a missing file).
 *
 * @example
 *   throw new HarmoniseError(harmoniseMessages.noGazetteer(path), 2);
 */
export class HarmoniseError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'HarmoniseError';
  }
}
