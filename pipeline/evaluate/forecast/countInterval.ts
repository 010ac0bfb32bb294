import { normalCdf } from './normalCdf.js';

/** One draw of the expected count: its mean and the variance of the count around it (Σ p(1 − p) over the list). */
export interface CountDraw {
  mean: number;
  variance: number;
}

/**
 * The central `level` interval of a count of HMOs among `n` listed
 * properties, when the count is, for each equally likely parameter draw, a
 * sum of independent visits (normal approximation of the Poisson-binomial
 * with a continuity correction), mixed over the draws: the interval holds
 * both how unsure the estimate is and how a count scatters around it. Whole
 * numbers: the smallest counts whose mixed distribution function reaches
 * (1 − level) / 2 and (1 + level) / 2.
 *
 * @example
 *   countInterval([{ mean: 50, variance: 25 }], 100, 0.95); // [40, 60]
 */
export function countInterval(draws: readonly CountDraw[], n: number, level: number): [number, number] {
  const cdf = (k: number) => {
    let sum = 0;
    for (const d of draws) {
      if (d.variance <= 1e-12) sum += k + 0.5 >= d.mean ? 1 : 0;
      else sum += normalCdf((k + 0.5 - d.mean) / Math.sqrt(d.variance));
    }
    return sum / draws.length;
  };
  const smallestReaching = (target: number) => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf(mid) >= target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return [smallestReaching((1 - level) / 2), smallestReaching((1 + level) / 2)];
}
