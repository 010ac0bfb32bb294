import { worldNames } from '../../pipeline/generate/worlds/registry.js';

/**
 * The synthetic worlds the list-forecast benchmark runs on: `hmo generate`
 * arguments. Every world of the generator's registry (docs/generator.md),
 * each with three seeds and two borough sets of four (alternating), at scale 2 (about 6,000
 * properties a borough: a few hundred held-out inspections each, the
 * real regime's low end). `tuning` worlds are the ones the forecast's
 * defaults (prior widths, the share of the borough's own terms, the
 * interval level, the floor of the boroughs' spread) were chosen on:
 * `legacy`, the generator as it was then; the others only report.
 */
export interface ForecastWorld {
  name: string;
  /** Arguments of `hmo generate` after `--out`. */
  args: string[];
  tuning: boolean;
}

/** Borough sets the seeds alternate between (inner and outer London mixed). */
const BOROUGH_SETS = ['E09000007,E09000012,E09000025,E09000033', 'E09000003,E09000019,E09000022,E09000031'] as const;
const SEEDS = [31, 32, 33] as const;
/** Tuned on; the rest report. */
export const TUNING_WORLD = 'legacy';

export const FORECAST_WORLDS: readonly ForecastWorld[] = worldNames().flatMap((world) =>
  SEEDS.map((seed, i) => ({
    name: `${world}-${seed}`,
    args: ['--world', world, '--boroughs', BOROUGH_SETS[i % BOROUGH_SETS.length] as string, '--scale', '2', '--seed', String(seed)],
    tuning: world === TUNING_WORLD,
  })),
);
