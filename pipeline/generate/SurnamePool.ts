import type { Random } from '../util/Random.js';

/**
 * Surnames drawn with a Zipf-like popularity (a few very common, a long tail),
 * as in a diverse city: two unrelated people share a surname now and then,
 * which is what makes "distinct surnames at one address" a noisy signal.
 * Returns surname ids; the borough's salted hash turns them into keys.
 *
 * @example
 *   const pool = new SurnamePool(40_000, 0.75);
 *   pool.draw(rng); // 0 (the commonest) .. 39_999
 */
export class SurnamePool {
  private readonly cumulative: Float64Array;

  constructor(size = 40_000, exponent = 0.75) {
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank++) {
      total += 1 / Math.pow(rank + 1, exponent);
      this.cumulative[rank] = total;
    }
    for (let rank = 0; rank < size; rank++) this.cumulative[rank] = (this.cumulative[rank] as number) / total;
  }

  draw(rng: Random): number {
    const u = rng.uniform();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
