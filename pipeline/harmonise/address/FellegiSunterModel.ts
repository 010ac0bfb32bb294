/**
 * A Fellegi–Sunter record-linkage model whose parameters are learned without
 * labels by expectation maximisation, as the Splink library does, with the
 * one constraint address matching brings: a raw row is at most one property.
 *
 * - Every comparison (flat, number, building name, street, postcode) has
 *   levels (different, one side missing, similar, same...). A candidate pair
 *   is a vector of one level per comparison; a null level (-1: nothing to
 *   compare) counts for nothing.
 * - `m[c][l]` is the chance of level l among matching pairs, `u[c][l]` among
 *   the non-matching candidates blocking brings (pairs that share a postcode
 *   or a street agree far more than random pairs do, so u is learned on the
 *   candidates, not on random pairs). A pair's match weight is Σ log2(m/u).
 * - The candidates of one raw row form a set: with probability π the row's
 *   property is one of them (each equally likely before comparing), else it
 *   is none of them. The E step gives every candidate its posterior
 *   probability of being the row's property,
 *     r_j = (π/n)·2^w_j / ((1−π) + (π/n)·Σ_k 2^w_k),
 *   the M step re-estimates m from the r-weighted vectors, u from the
 *   (1−r)-weighted ones, and π. Because the r of one row sum to at most 1,
 *   EM cannot explain a block's common agreements (same street, same
 *   building) as matches: only one candidate per row can take the credit.
 *
 * @example
 *   const specs = [{ name: 'number', levels: 2 }];
 *   const sets = CandidateSets.from([[{ levels: [1], count: 1 }, { levels: [0], count: 9 }]]);
 *   const model = FellegiSunterModel.fit(specs, sets);
 *   model.weight([1]); // > 0: a same number is evidence for a match
 */
export interface ComparisonSpec {
  readonly name: string;
  /** Levels are 0 .. levels-1; -1 is null (not comparable). The last level is the strongest agreement. */
  readonly levels: number;
  /** Level names, for reports. */
  readonly labels?: readonly string[];
}

export interface PatternCount {
  readonly levels: readonly number[];
  readonly count: number;
}

export interface LevelParameters {
  readonly label: string;
  readonly m: number;
  readonly u: number;
  /** log2(m/u): the evidence a pair at this level carries. */
  readonly weight: number;
}

export interface ModelSummary {
  /** The learned chance that a raw row's property is among its candidates. */
  readonly pi: number;
  readonly iterations: number;
  readonly comparisons: readonly { readonly name: string; readonly levels: readonly LevelParameters[] }[];
}

/**
 * The candidate sets of many raw rows, compactly: the distinct comparison
 * vectors, and per raw row its (vector, count) entries.
 */
export class CandidateSets {
  constructor(
    /** Distinct comparison vectors. */
    readonly patterns: readonly (readonly number[])[],
    /** Entries of set s are start[s] .. start[s+1]-1. */
    readonly start: Int32Array,
    readonly pattern: Int32Array,
    readonly count: Float64Array,
  ) {}

  get size(): number {
    return this.start.length - 1;
  }

  /** From plain lists (tests, small inputs). */
  static from(sets: readonly (readonly PatternCount[])[]): CandidateSets {
    const ids = new Map<string, number>();
    const patterns: number[][] = [];
    const start = new Int32Array(sets.length + 1);
    const entries = sets.reduce((n, s) => n + s.length, 0);
    const pattern = new Int32Array(entries);
    const count = new Float64Array(entries);
    let e = 0;
    sets.forEach((set, s) => {
      start[s] = e;
      for (const p of set) {
        const id = ids.get(p.levels.join(',')) ?? patterns.push([...p.levels]) - 1;
        ids.set(p.levels.join(','), id);
        pattern[e] = id;
        count[e] = p.count;
        e++;
      }
    });
    start[sets.length] = e;
    return new CandidateSets(patterns, start, pattern, count);
  }
}

const MIN_PROBABILITY = 1e-4;

export class FellegiSunterModel {
  private constructor(
    readonly specs: readonly ComparisonSpec[],
    readonly m: readonly (readonly number[])[],
    readonly u: readonly (readonly number[])[],
    readonly pi: number,
    readonly iterations: number,
  ) {}

  /**
   * Learns m, u and π by EM over the candidate sets, starting from m that
   * favours each comparison's top level and u at the level shares of random
   * pairs (`randomPairs`; else of all candidates, nearly all non-matches).
   */
  static fit(
    specs: readonly ComparisonSpec[],
    sets: CandidateSets,
    options: {
      maxIterations?: number;
      tolerance?: number;
      randomPairs?: readonly PatternCount[];
      /** Comparisons this fit estimates (default all); the others are left out (read as null). */
      estimates?: readonly number[];
      /** Comparisons whose u stays at its start (random pairs) while m is learned. */
      fixU?: readonly number[];
    } = {},
  ): FellegiSunterModel {
    const used = specs.map((_, c) => options.estimates?.includes(c) ?? true);
    const fixU = specs.map((_, c) => options.fixU?.includes(c) ?? false);
    const { patterns, start, pattern, count } = sets;
    let m = specs.map((spec) => initialM(spec));
    // u starts at its value among random pairs when given (as Splink estimates u), else among all candidates.
    const startPatterns = options.randomPairs?.map((p) => p.levels) ?? patterns;
    const startMass = new Float64Array(startPatterns.length);
    if (options.randomPairs) options.randomPairs.forEach((p, i) => (startMass[i] = p.count));
    else for (let e = 0; e < pattern.length; e++) startMass[pattern[e] as number] = (startMass[pattern[e] as number] as number) + (count[e] as number);
    let u = specs.map((spec, c) => shares(spec, startPatterns, c, startMass, 1));
    let pi = 0.9;
    const maxIterations = options.maxIterations ?? 200;
    const tolerance = options.tolerance ?? 1e-6;
    let iterations = 0;
    const matchMass = new Float64Array(patterns.length);
    const nonMass = new Float64Array(patterns.length);
    for (; iterations < maxIterations; iterations++) {
      const bayes = patterns.map((levels) => bayesFactor(specs, m, u, levels.map((l, c) => (used[c] ? l : -1))));
      matchMass.fill(0);
      nonMass.fill(0);
      let matched = 0;
      for (let s = 0; s < sets.size; s++) {
        const from = start[s] as number;
        const to = start[s + 1] as number;
        let n = 0;
        let sum = 0;
        for (let e = from; e < to; e++) {
          n += count[e] as number;
          sum += (count[e] as number) * (bayes[pattern[e] as number] as number);
        }
        if (n === 0) continue;
        const z = 1 - pi + (pi / n) * sum;
        for (let e = from; e < to; e++) {
          const p = pattern[e] as number;
          const r = ((pi / n) * (bayes[p] as number)) / z;
          const c = count[e] as number;
          matchMass[p] = (matchMass[p] as number) + c * r;
          nonMass[p] = (nonMass[p] as number) + c * (1 - r);
          matched += c * r;
        }
      }
      const nextPi = clamp(matched / Math.max(1, sets.size));
      const nextM = specs.map((spec, c) => shares(spec, patterns, c, matchMass, 1e-3));
      const nextU = specs.map((spec, c) => (fixU[c] ? (u[c] as number[]) : shares(spec, patterns, c, nonMass, 1e-3)));
      const change = Math.max(
        Math.abs(nextPi - pi),
        ...nextM.flatMap((levels, c) => (used[c] ? levels.map((v, l) => Math.abs(v - (m[c]?.[l] as number))) : [])),
      );
      m = nextM;
      u = nextU;
      pi = nextPi;
      if (change < tolerance) {
        iterations++;
        break;
      }
    }
    return new FellegiSunterModel(specs, m, u, pi, iterations);
  }

  /**
   * One model from several fits (training sessions, as Splink has): each
   * comparison takes m and u from the fit that estimated it; π from the first.
   */
  static compose(specs: readonly ComparisonSpec[], parts: readonly (readonly [FellegiSunterModel, readonly number[]])[]): FellegiSunterModel {
    const first = parts[0]?.[0];
    if (first === undefined) throw new Error('FellegiSunterModel.compose needs at least one fit');
    const from = specs.map((_, c) => parts.find(([, comparisons]) => comparisons.includes(c))?.[0] ?? first);
    return new FellegiSunterModel(
      specs,
      specs.map((_, c) => [...((from[c] as FellegiSunterModel).m[c] ?? [])]),
      specs.map((_, c) => [...((from[c] as FellegiSunterModel).u[c] ?? [])]),
      first.pi,
      parts.reduce((n, [model]) => n + model.iterations, 0),
    );
  }

  /** The match weight (log2 Bayes factor) of one comparison vector. */
  weight(levels: readonly number[]): number {
    return Math.log2(bayesFactor(this.specs, this.m, this.u, levels));
  }

  /** log2(m/u) of one level of comparison `c`. */
  levelWeight(c: number, level: number): number {
    return Math.log2((this.m[c]?.[level] as number) / (this.u[c]?.[level] as number));
  }

  summary(): ModelSummary {
    return {
      pi: this.pi,
      iterations: this.iterations,
      comparisons: this.specs.map((spec, c) => ({
        name: spec.name,
        levels: Array.from({ length: spec.levels }, (_, l) => ({
          label: spec.labels?.[l] ?? String(l),
          m: this.m[c]?.[l] as number,
          u: this.u[c]?.[l] as number,
          weight: this.levelWeight(c, l),
        })),
      })),
    };
  }
}

function initialM(spec: ComparisonSpec): number[] {
  const top = spec.levels - 1;
  return Array.from({ length: spec.levels }, (_, level) => (level === top ? 0.9 : 0.1 / Math.max(1, top)));
}

function bayesFactor(
  specs: readonly ComparisonSpec[],
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  levels: readonly number[],
): number {
  let f = 1;
  specs.forEach((_, c) => {
    const level = levels[c] as number;
    if (level >= 0) f *= (m[c]?.[level] as number) / (u[c]?.[level] as number);
  });
  return f;
}

/** Mass-weighted share of each level of comparison `c` (nulls left out), smoothed, floored. */
function shares(spec: ComparisonSpec, patterns: readonly (readonly number[])[], c: number, mass: Float64Array, smoothing: number): number[] {
  const sums = new Array<number>(spec.levels).fill(smoothing);
  patterns.forEach((levels, p) => {
    const level = levels[c] as number;
    if (level >= 0 && level < spec.levels) sums[level] = (sums[level] as number) + (mass[p] as number);
  });
  const total = sums.reduce((s, v) => s + v, 0);
  return sums.map((v) => Math.max(MIN_PROBABILITY, v / total));
}

function clamp(p: number): number {
  return Math.min(1 - MIN_PROBABILITY, Math.max(MIN_PROBABILITY, p));
}
