/**
 * The seed `hmo generate` uses when none is given (the committed sample's seed).
 * Its own module so that the command's definition (`hmo generate --help`)
 * does not load the generator.
 *
 * @example
 *   generateDrop({ out, boroughs, scale: 1, seed: DEFAULT_SEED }, ctx);
 */
export const DEFAULT_SEED = 20260930;
