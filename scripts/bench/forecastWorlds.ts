/**
 * The synthetic worlds the list-forecast benchmark runs on: `hmo generate`
 * arguments, varied in borough set, size (so HMO density among the
 * candidates and list precision), complaints supplied or not, and seed.
 * `tuning` worlds are the ones the forecast's defaults (prior widths,
 * interval level) were chosen on; the others only report.
 */
export interface ForecastWorld {
  name: string;
  /** Arguments of `hmo generate` after `--out`. */
  args: string[];
  tuning: boolean;
}

export const FORECAST_WORLDS: readonly ForecastWorld[] = [
  { name: 'four-s8-101', args: ['--boroughs', '4', '--scale', '8', '--seed', '101', '--without-complaints', ''], tuning: true },
  { name: 'sample-s1-7', args: ['--boroughs', '3', '--scale', '1', '--seed', '7'], tuning: true },
  { name: 'inner-s3-11', args: ['--boroughs', 'E09000007,E09000019,E09000030,E09000033', '--scale', '3', '--seed', '11'], tuning: false },
  { name: 'outer-s3-12', args: ['--boroughs', 'E09000003,E09000010,E09000017,E09000026', '--scale', '3', '--seed', '12'], tuning: false },
  { name: 'south-s5-13', args: ['--boroughs', 'E09000008,E09000022,E09000023,E09000028', '--scale', '5', '--seed', '13'], tuning: false },
  { name: 'east-s2-14', args: ['--boroughs', 'E09000012,E09000025,E09000030,E09000002', '--scale', '2', '--seed', '14'], tuning: false },
  { name: 'west-s4-15', args: ['--boroughs', 'E09000009,E09000013,E09000018,E09000020', '--scale', '4', '--seed', '15'], tuning: false },
  { name: 'six-s2-16', args: ['--boroughs', '6', '--scale', '2', '--seed', '16', '--without-complaints', 'E09000007'], tuning: false },
  { name: 'north-s6-17', args: ['--boroughs', 'E09000005,E09000014,E09000015,E09000031', '--scale', '6', '--seed', '17'], tuning: false },
  { name: 'mixed-s1-18', args: ['--boroughs', 'E09000006,E09000011,E09000024,E09000029', '--scale', '1', '--seed', '18'], tuning: false },
];
