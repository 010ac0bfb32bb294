import type { WorkerJobs } from '../../workers/WorkerJobs.js';

/**
 * The chart jobs a `WorkerPool` thread runs for `ChartRenderer`: one spec in,
 * its SVG out (vega loads once per thread, on the first chart).
 *
 * @example
 *   const pool = WorkerPool.create(1, chartJobsModule);
 *   const svg = (await pool.run('renderChart', spec, ctx)) as string;
 */
export const workerJobs = {
  renderChart: async () => (await import('../../util/renderChart.js')).renderChart,
} satisfies WorkerJobs;

/** This module's URL, for `WorkerPool.create`. */
export const chartJobsModule = import.meta.url;
