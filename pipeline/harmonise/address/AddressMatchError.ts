/**
 * A failure of address matching the caller can act on (no gazetteer, a table
 * without the expected columns, bad thresholds); its message comes from
 * `pipeline/messages/harmoniseAddress.ts`. Local until the architecture's
 * common error base (pipeline/errors, HmoError) lands; then it extends that.
 */
export class AddressMatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressMatchError';
  }
}
