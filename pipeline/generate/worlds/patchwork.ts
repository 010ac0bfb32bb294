import { calibratedWorld } from './calibrated.js';
import type { World } from './World.js';

/**
 * How much boroughs differ: every borough-level draw (prevalence, tenure
 * mix, register coverage, complaint reporting, proactive rate) spreads
 * 2.5 times as wide, and the kind of building HMOs occupy shifts from
 * borough to borough (big houses here, flats above shops there). What one
 * borough teaches transfers less to the next: leave-borough-out is harsh.
 */
export const patchworkWorld: World = {
  ...calibratedWorld,
  name: 'patchwork',
  summary: 'Boroughs differ a lot: wide spread of every borough-level rate, and the kind of building HMOs occupy shifts between boroughs.',
  boroughs: { spread: 2.5, structureShift: 0.8 },
};
