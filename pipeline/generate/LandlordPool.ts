import type { Random } from '../util/Random.js';

export interface Landlord {
  readonly id: number;
  /** 0..1: how readily this landlord licenses what needs a licence. */
  readonly compliance: number;
  /** Runs HMOs as a business (several HMOs under one ref). */
  readonly hmoOperator: boolean;
}

/**
 * Who owns the private lets: a Pitman-Yor ("rich get richer") process, so
 * most landlords hold one or two lets and a few hold dozens, with a separate
 * process for HMO operators (landlords with several HMOs). Picking an
 * existing landlord costs O(1): draw a past letting uniformly (proportional
 * to portfolio size) and thin it by the discount.
 *
 * @example
 *   const pool = new LandlordPool(() => nextId++);
 *   const landlord = pool.forLet(rng, true); // an HMO's landlord
 */
export class LandlordPool {
  private readonly general = new Portfolios(12, 0.75);
  private readonly operators = new Portfolios(4, 0.45);

  constructor(private readonly newId: () => number) {}

  /** The landlord of a new private let; HMOs mostly go to operators, ordinary lets mostly to everyone else. */
  forLet(rng: Random, isHmo: boolean): Landlord {
    const fromOperators = isHmo ? rng.chance(0.75) : rng.chance(0.04);
    const portfolios = fromOperators ? this.operators : this.general;
    return portfolios.pick(rng, () => ({
      id: this.newId(),
      compliance: fromOperators ? rng.uniform() : Math.min(1, 0.3 + rng.uniform()),
      hmoOperator: fromOperators,
    }));
  }
}

class Portfolios {
  private readonly landlords: Landlord[] = [];
  private readonly sizes: number[] = [];
  /** One entry per let handed out: the index of its landlord. */
  private readonly lets: number[] = [];

  constructor(
    private readonly concentration: number,
    private readonly discount: number,
  ) {}

  pick(rng: Random, create: () => Landlord): Landlord {
    const n = this.lets.length;
    const k = this.landlords.length;
    const newChance = (this.concentration + this.discount * k) / (n + this.concentration);
    let index = -1;
    if (!rng.chance(newChance)) {
      for (let tries = 0; tries < 50 && index < 0; tries++) {
        const candidate = this.lets[rng.int(0, n)] as number;
        const size = this.sizes[candidate] as number;
        if (rng.chance((size - this.discount) / size)) index = candidate;
      }
    }
    if (index < 0) {
      index = this.landlords.length;
      this.landlords.push(create());
      this.sizes.push(0);
    }
    this.sizes[index] = (this.sizes[index] as number) + 1;
    this.lets.push(index);
    return this.landlords[index] as Landlord;
  }
}
