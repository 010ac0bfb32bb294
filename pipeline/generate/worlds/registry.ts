import { generateMessages } from '../../messages/generate.js';
import { calibratedWorld } from './calibrated.js';
import { legacyWorld } from './legacy.js';
import { noisyLinksWorld } from './noisyLinks.js';
import { patchworkWorld } from './patchwork.js';
import { proactiveWorld } from './proactive.js';
import { quietRegistersWorld } from './quietRegisters.js';
import { sparseSupplyWorld } from './sparseSupply.js';
import type { World } from './World.js';

/**
 * Every world `hmo generate --world` knows, in the order help and docs list
 * them. A new world is one file in this folder and one line here.
 */
export const WORLDS: readonly World[] = [
  calibratedWorld,
  quietRegistersWorld,
  proactiveWorld,
  sparseSupplyWorld,
  patchworkWorld,
  noisyLinksWorld,
  legacyWorld,
];

/** The world `hmo generate` uses when none is named. */
export const DEFAULT_WORLD = calibratedWorld.name;

/** The registered worlds' names. */
export function worldNames(): string[] {
  return WORLDS.map((w) => w.name);
}

/** A world named by `--world` was not registered: a usage error. */
export class UnknownWorldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownWorldError';
  }
}

/**
 * The registered world of that name.
 *
 * @example
 *   worldByName('legacy').signal.hiddenShare; // 0.25
 *   worldByName('nope');                      // throws UnknownWorldError naming the known worlds
 */
export function worldByName(name: string): World {
  const world = WORLDS.find((w) => w.name === name);
  if (!world) throw new UnknownWorldError(generateMessages.unknownWorld(name, worldNames()));
  return world;
}
