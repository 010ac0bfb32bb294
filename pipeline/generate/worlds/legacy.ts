import type { World } from './World.js';

/**
 * The generator as it was before worlds existed: strong, redundant signal in
 * every register, complaint-led inspections, one borough without housing
 * benefit, every optional column supplied, clean links. It regenerates the
 * committed sample (data/sample) byte for byte. Models reach a
 * leave-borough-out ROC AUC of 0.93-0.97 here (0.97-0.99 on all of London):
 * too easy to tell good features from bad.
 */
export const legacyWorld: World = {
  name: 'legacy',
  summary: 'The original synthetic London (the committed sample): strong signal in every register, clean links; models reach ROC AUC 0.93-0.97.',
  signal: {
    structure: 1,
    hiddenShare: 0.25,
    hmoElectoralCoverage: 1,
    billedToLandlord: 0.4,
    hmoClaimChance: 0.15,
    sharedRateChance: 0.7,
    hmoComplaints: 1,
    lookAlikes: 1,
    privateTenureRecorded: [0.82, 0.1, 0.08],
  },
  inspections: {
    complaintFollowUp: 1,
    hmoFollowUpBoost: 1.6,
    proactiveRate: 1,
    proactiveTargeting: 0.8,
    outcomeError: 0.01,
  },
  supply: {
    withoutHousingBenefit: 'legacy',
    withoutComplaints: 'legacy',
    missingColumns: [],
  },
  boroughs: { spread: 1, structureShift: 0 },
  links: { misaddressedShare: 0, landlordRefKnown: 1, claimLandlordRef: 0.85, landlordAliasShare: 0 },
};
