import type { PropertyFacts } from './StreetBuilder.js';

/** The property-type terms of an HMO's log-odds (a world scales them; a borough may shift them). */
export interface HmoCoefficients {
  readonly house: number;
  readonly detachedHouse: number;
  readonly bungalow: number;
  readonly convertedFlat: number;
  readonly purposeBuiltFlat: number;
  readonly otherFlat: number;
  readonly aboveShop: number;
  /** Per habitable room above four. */
  readonly rooms: number;
  /** Fewer than three rooms. */
  readonly tooSmall: number;
}

/** The coefficients of the legacy generator. */
export const LEGACY_COEFFICIENTS: HmoCoefficients = {
  house: 1.3,
  detachedHouse: 0.9,
  bungalow: -1.5,
  convertedFlat: 0.4,
  purposeBuiltFlat: -1.2,
  otherFlat: 0.2,
  aboveShop: 0.7,
  rooms: 0.45,
  tooSmall: -3,
};

/**
 * Log-odds (before the borough's intercept) that a property is an HMO, from
 * what makes one likely in London: a private let, a terraced or large house,
 * a flat in a converted house or above a shop, many habitable rooms, a ward
 * where HMOs cluster. Social housing is never an HMO here; an owner with
 * lodgers rarely is. The intercept is fitted per borough to its prevalence.
 *
 * @example
 *   sigmoid(intercept + hmoLogOdds(facts, profile.hmoCoefficients)); // chance that this property is an HMO
 */
export function hmoLogOdds(facts: PropertyFacts, c: HmoCoefficients = LEGACY_COEFFICIENTS): number {
  if (facts.tenure === 'social-rented') return Number.NEGATIVE_INFINITY;
  let x = 0;
  if (facts.type === 'house') x += facts.form === 'detached' ? c.detachedHouse : c.house;
  else if (facts.type === 'bungalow') x += c.bungalow;
  else if (facts.form === 'converted') x += c.convertedFlat;
  else if (facts.form === 'purpose-built') x += c.purposeBuiltFlat;
  else x += c.otherFlat;
  if (facts.aboveShop) x += c.aboveShop;
  x += c.rooms * (facts.rooms - 4);
  if (facts.rooms < 3) x += c.tooSmall;
  x += facts.ward.hmoEffect;
  if (facts.tenure === 'owner-occupied') x -= 5.5;
  return x;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * The intercept that makes the mean HMO chance over the properties' log-odds equal `prevalence`
 * (bisection; the mean is increasing in the intercept).
 *
 * @example
 *   const intercept = fitIntercept(properties.map(hmoLogOdds), 0.045);
 */
export function fitIntercept(logOdds: ArrayLike<number>, prevalence: number): number {
  let lo = -20;
  let hi = 10;
  for (let step = 0; step < 60; step++) {
    const mid = (lo + hi) / 2;
    let sum = 0;
    for (let i = 0; i < logOdds.length; i++) {
      const x = logOdds[i] as number;
      if (x !== Number.NEGATIVE_INFINITY) sum += sigmoid(mid + x);
    }
    if (sum / Math.max(1, logOdds.length) < prevalence) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
