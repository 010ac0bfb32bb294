/**
 * A failure of the features stage the user can act on (a borough not
 * ingested, or failed); its message comes from `pipeline/messages/features.ts`.
 * The command turns it into exit code 1.
 */
export class FeaturesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeaturesError';
  }
}
