import { calibratedWorld } from './calibrated.js';
import type { World } from './World.js';

/**
 * How noisy the links are: one register row in ten sits on the
 * neighbouring property's UPRN, properties.csv knows the landlord of half
 * the lets it used to, claims rarely name the landlord, and landlords hide
 * behind company and agent refs, so portfolios split across refs.
 */
export const noisyLinksWorld: World = {
  ...calibratedWorld,
  name: 'noisy-links',
  summary: 'Noisy links: 10% of register rows on the neighbour\'s UPRN, landlord refs often missing or split across company and agent aliases.',
  links: { misaddressedShare: 0.1, landlordRefKnown: 0.55, claimLandlordRef: 0.4, landlordAliasShare: 0.4 },
};
