export type RiskBand = 'high' | 'medium' | 'low';

/**
 * The risk band of a calibrated probability: `high` at or above
 * `bands.high`, `medium` at or above `bands.medium`, else `low`. Lists band
 * the score as printed (3 decimals), so that a printed 0.500 is never `medium`
 * under a 0.5 threshold.
 *
 * @example
 *   riskBand(0.4996, { high: 0.5, medium: 0.2 }); // 'high' (printed as 0.500)
 */
export function riskBand(score: number, bands: { high: number; medium: number }): RiskBand {
  const printed = Number(formatScore(score));
  if (printed >= bands.high) return 'high';
  if (printed >= bands.medium) return 'medium';
  return 'low';
}

/** A score as the lists print it: 3 decimals. */
export function formatScore(score: number): string {
  return score.toFixed(3);
}
