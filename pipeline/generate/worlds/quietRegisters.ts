import { calibratedWorld } from './calibrated.js';
import type { World } from './World.js';

/**
 * Which records carry the signal: here the registers say little (most HMO
 * tenants never register to vote, most bills are in the landlord's name,
 * few tenants claim housing benefit) and the building and the neighbours'
 * complaints say more. A model that leans on electoral churn does poorly.
 */
export const quietRegistersWorld: World = {
  ...calibratedWorld,
  name: 'quiet-registers',
  summary: 'The registers say little (hidden tenants, bills in the landlord\'s name, few claims); the building and complaints say more.',
  signal: {
    ...calibratedWorld.signal,
    structure: 1.25,
    hiddenShare: 0.65,
    hmoElectoralCoverage: 0.5,
    billedToLandlord: 0.8,
    hmoClaimChance: 0.05,
    sharedRateChance: 0.4,
    hmoComplaints: 1.4,
  },
};
