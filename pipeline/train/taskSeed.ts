import { Random } from '../util/Random.js';

/**
 * The seed of one fit, derived from params.seed and the fit's id
 * (`lobo/<fold>/<model>`, `temporal/temporal/<model>`, `final/<model>`), so
 * that each fit is reproducible on its own (a script can refit exactly the
 * model of one fold) and adding a fit changes no other fit's seed.
 *
 * @example
 *   taskSeed(42, 'lobo/E09000007/mlp'); // a 32-bit unsigned integer
 */
export function taskSeed(seed: number, id: string): number {
  return new Random(seed).fork(id).nextUint32();
}
