import { HmoError, type ExitCode } from '../../errors/HmoError.js';

/**
 * A failure of address matching the caller can act on (no gazetteer, a table
 * without the expected columns, bad thresholds); its message comes from
 * `pipeline/messages/harmoniseAddress.ts`, in the `harmonise` family of
 * `HmoError` (not in `pipeline/errors/errorClasses.ts`: the errors folder may not
 * import a stage; add it there if it ever crosses a worker thread). Exit code 1 unless the caller says
 * it was a usage error (2).
 *
 * @example
 *   throw new AddressMatchError(harmoniseAddressMessages.noGazetteer('gazetteer'));
 */
export class AddressMatchError extends HmoError {
  readonly kind = 'harmonise';

  constructor(message: string, exitCode: ExitCode = 1) {
    super(message, exitCode);
    this.name = 'AddressMatchError';
  }
}
