import type { Random } from '../util/Random.js';
import { parseIsoDay } from './dayDates.js';
import { YEAR } from './LifeContext.js';

export type Scheme = 'mandatory-hmo' | 'additional-hmo' | 'selective';

export interface Licence {
  scheme: Scheme;
  start: number;
  end: number;
  maxOccupants: number | null;
  maxHouseholds: number | null;
  /** A first application (inspected more often than a renewal). */
  first: boolean;
}

/** Mandatory HMO licensing (Housing Act 2004) in force. */
export const MANDATORY_SINCE = parseIsoDay('2006-04-06');

/**
 * Adds a run of five-year licences from `firstStart`: most are renewed at
 * expiry, some lapse (an expired licence) and a few are applied for again
 * later. Licences starting after the extract date are not added.
 *
 * @example
 *   addLicenceChain(licences, 'mandatory-hmo', day, extractDay, rng, () => ({ maxOccupants: 6, maxHouseholds: 6 }));
 */
export function addLicenceChain(
  licences: Licence[],
  scheme: Scheme,
  firstStart: number,
  E: number,
  rng: Random,
  capacity: () => { maxOccupants: number | null; maxHouseholds: number | null },
): void {
  let start = firstStart;
  let first = true;
  while (start <= E) {
    const end = start + 5 * YEAR - 1;
    licences.push({ scheme, start, end, first, ...capacity() });
    if (end >= E) return;
    if (rng.chance(0.85)) start = end + 1;
    else if (rng.chance(0.35)) {
      start = end + rng.int(90, 900);
      first = true;
      continue;
    } else return;
    first = false;
  }
}
