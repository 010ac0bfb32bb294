import type { PropertyFacts } from './StreetBuilder.js';

/**
 * Log-odds (before the borough's intercept) that a property is an HMO, from
 * what makes one likely in London: a private let, a terraced or large house,
 * a flat in a converted house or above a shop, many habitable rooms, a ward
 * where HMOs cluster. Social housing is never an HMO here; an owner with
 * lodgers rarely is. The intercept is fitted per borough to its prevalence.
 *
 * @example
 *   sigmoid(intercept + hmoLogOdds(facts)); // chance that this property is an HMO
 */
export function hmoLogOdds(facts: PropertyFacts): number {
  if (facts.tenure === 'social-rented') return Number.NEGATIVE_INFINITY;
  let x = 0;
  if (facts.type === 'house') x += facts.form === 'detached' ? 0.9 : 1.3;
  else if (facts.type === 'bungalow') x -= 1.5;
  else if (facts.form === 'converted') x += 0.4;
  else if (facts.form === 'purpose-built') x -= 1.2;
  else x += 0.2;
  if (facts.aboveShop) x += 0.7;
  x += 0.45 * (facts.rooms - 4);
  if (facts.rooms < 3) x -= 3;
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
