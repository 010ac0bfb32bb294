import { calibratedWorld } from './calibrated.js';
import type { World } from './World.js';

/**
 * How biased inspections are: here councils inspect mostly proactively,
 * visiting private lets at random rather than aiming at hot-spot wards (so
 * labels are closer to a random sample of private lets and most visits find
 * no HMO), and follow up few complaints. Models trained on complaint-led labels learn
 * "complained about"; here that shortcut is not there.
 */
export const proactiveWorld: World = {
  ...calibratedWorld,
  name: 'proactive',
  summary: 'Inspections are mostly proactive sweeps of private lets (not aimed at hot spots), few complaint follow-ups: labels close to a random sample.',
  inspections: {
    ...calibratedWorld.inspections,
    complaintFollowUp: 0.35,
    hmoFollowUpBoost: 1.1,
    proactiveRate: 12,
    proactiveTargeting: 0,
  },
};
