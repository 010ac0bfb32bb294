import type { Random } from '../util/Random.js';
import type { BoroughProfile } from './BoroughProfile.js';
import { DAYS_PER_YEAR } from './dayDates.js';
import type { FaultyTableWriter } from './FaultyTableWriter.js';
import type { LandlordPool } from './LandlordPool.js';
import type { Pseudonyms } from './Pseudonyms.js';
import type { SurnamePool } from './SurnamePool.js';
import type { RowSink } from './RowSink.js';
import type { World } from './worlds/World.js';

/** The borough's tables as the simulation writes them; optional ones are undefined when the borough does not supply them. */
export interface BoroughTableWriters {
  readonly properties: FaultyTableWriter;
  readonly council_tax: RowSink;
  readonly electoral_register: RowSink;
  readonly licences: FaultyTableWriter;
  readonly inspections: FaultyTableWriter;
  readonly housing_benefit: RowSink | undefined;
  readonly complaints: RowSink | undefined;
}

/** Borough-wide state shared by every property's simulation. */
export interface LifeContext {
  readonly profile: BoroughProfile;
  readonly rng: Random;
  readonly intercept: number;
  /** The world's knobs. */
  readonly world: World;
  /** Draws of the world's landlord link noise (a stream of its own, so a world without it draws nothing here). */
  readonly linkRng: Random;
  readonly refs: Pseudonyms;
  readonly surnames: SurnamePool;
  readonly landlords: LandlordPool;
  readonly housingAssociations: readonly number[];
  readonly tables: BoroughTableWriters;
  readonly counters: { account: number; elector: number; claim: number; licence: number };
}

/** Days in a year, rounded: the simulation's unit for stays, windows and licence terms. */
export const YEAR = Math.round(DAYS_PER_YEAR);

/** An exponentially distributed duration with the given mean. */
export function exponential(rng: Random, mean: number): number {
  return -Math.log(1 - rng.uniform()) * mean;
}
