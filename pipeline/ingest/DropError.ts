/** Thrown when a drop, a borough folder name or an output folder cannot be used at all (a usage problem, not a borough's data). */
export class DropError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DropError';
  }
}
