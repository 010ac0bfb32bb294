/**
 * How one variable is spread over a population, in bins fixed by a reference
 * population: for a number, the missing values then the intervals between
 * the reference's deciles (≤ e0, (e0, e1], …, > e_last); for a category, the
 * missing values, then each of the reference's categories, then any other.
 */
export interface DistributionProfile {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Bin edges (numeric): the reference's distinct deciles, ascending. */
  edges: number[];
  /** Categories (categorical): the reference's, sorted. */
  categories: string[];
  /** Share of the population in each bin, in bin order (missing first); sums to 1, empty for an empty population. */
  shares: number[];
  rows: number;
}

/** Smallest share used in the PSI, so that an empty bin on one side does not make it infinite. */
const FLOOR = 1e-4;

/**
 * The population stability index of `actual` against `expected` (the same
 * bins): Σ (a − e) · ln(a / e). Below 0.1 the populations are alike, 0.1 to
 * 0.25 a moderate shift, above 0.25 a major one (the usual reading). NaN when
 * either side is empty or the bins differ.
 *
 * @example
 *   populationStabilityIndex([0.5, 0.5], [0.5, 0.5]); // 0
 *   populationStabilityIndex([0.5, 0.5], [0.9, 0.1]); // 0.879
 */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[]): number {
  if (expected.length === 0 || actual.length === 0 || expected.length !== actual.length) return Number.NaN;
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i] as number, FLOOR);
    const a = Math.max(actual[i] as number, FLOOR);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

function shares(counts: readonly number[], rows: number): number[] {
  return rows === 0 ? [] : counts.map((c) => c / rows);
}

/**
 * The profile of numbers (NaN = missing) in bins fixed by `edges`, or, without
 * them, by the values' own distinct deciles (a reference profile).
 *
 * @example
 *   numericProfile('rooms', Float64Array.from([1, 2, 3, Number.NaN])).shares.length; // 1 + edges + 1
 */
export function numericProfile(name: string, values: ArrayLike<number>, edges?: readonly number[]): DistributionProfile {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i] as number)) present.push(values[i] as number);
  let cuts = edges === undefined ? undefined : [...edges];
  if (cuts === undefined) {
    present.sort((a, b) => a - b);
    const deciles = new Set<number>();
    for (let d = 1; d < 10 && present.length > 0; d++) deciles.add(present[Math.min(present.length - 1, Math.floor((d * present.length) / 10))] as number);
    cuts = [...deciles].sort((a, b) => a - b);
  }
  const counts = new Array<number>(cuts.length + 2).fill(0);
  counts[0] = values.length - present.length;
  for (const v of present) {
    let lo = 0;
    let hi = cuts.length;
    // first edge ≥ v: v falls in (edge[lo − 1], edge[lo]]
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cuts[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    counts[1 + lo] = (counts[1 + lo] as number) + 1;
  }
  return { name, kind: 'numeric', edges: cuts, categories: [], shares: shares(counts, values.length), rows: values.length };
}

/**
 * The profile of categories (null = missing) in the bins of `categories`, or,
 * without them, of the values' own categories (a reference profile).
 *
 * @example
 *   categoricalProfile('tenure', ['owned', null, 'owned']).shares; // [1/3, 2/3, 0]
 */
export function categoricalProfile(name: string, values: ReadonlyArray<string | null>, categories?: readonly string[]): DistributionProfile {
  const known = categories === undefined ? [...new Set(values.filter((v): v is string => v !== null))].sort() : [...categories];
  const index = new Map(known.map((c, i) => [c, i]));
  const counts = new Array<number>(known.length + 2).fill(0);
  for (const v of values) {
    const bin = v === null ? 0 : 1 + (index.get(v) ?? known.length);
    counts[bin] = (counts[bin] as number) + 1;
  }
  return { name, kind: 'categorical', edges: [], categories: known, shares: shares(counts, values.length), rows: values.length };
}

/** The profile of `values` in the bins of `reference` (numbers or categories as the reference is). */
export function profileLike(reference: DistributionProfile, values: ArrayLike<number> | ReadonlyArray<string | null>): DistributionProfile {
  return reference.kind === 'numeric'
    ? numericProfile(reference.name, values as ArrayLike<number>, reference.edges)
    : categoricalProfile(reference.name, values as ReadonlyArray<string | null>, reference.categories);
}
