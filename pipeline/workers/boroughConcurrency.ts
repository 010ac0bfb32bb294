import { availableParallelism } from 'node:os';

/**
 * How many boroughs `hmo run` processes at once in its per-borough stages
 * (ingest, features, rank), each on a worker thread: one per core, at most 4.
 * The cap is memory's: ranking a full-size London borough holds about 1 GB
 * in its thread, and the whole run should stay well under 4 GiB on a
 * 2-core machine and near it on a bigger one.
 *
 * @example
 *   defaultBoroughConcurrency(); // 2 on a 2-core machine
 */
export function defaultBoroughConcurrency(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}
