import type { TopLevelSpec } from 'vega-lite';
import type { StageContext } from '../../stage.js';
import { renderChart } from '../../util/renderChart.js';
import { WorkerPool } from '../../workers/WorkerPool.js';
import { chartJobsModule } from './chartJobs.js';
import type { ChartDrawer } from './evaluationCharts.js';

/** A context for chart jobs: they neither log nor report progress. */
const SILENT: StageContext = { log: { info: () => undefined, warn: () => undefined }, progress: { start: () => undefined, update: () => undefined, finish: () => undefined } };

/**
 * Draws Vega-Lite specs to SVG, on a worker thread of its own or in the
 * calling thread, so that the report's charts are drawn while the caller
 * goes on: evaluation hands over the validation charts (`prefetch`) before it
 * scores the boroughs, and `draw` then returns them at once. On a thread of
 * its own (about 90 MB more while it lives, vega's load of about 0.5 s
 * there) when the caller is busy; in the calling thread when it only waits
 * (for other threads), where the drawing fills the wait. A spec is
 * drawn once, keyed by its JSON: the same spec, the same SVG as
 * `renderChart` gives. `close` ends the thread.
 *
 * @example
 *   const renderer = ChartRenderer.start();
 *   try {
 *     renderer.prefetch([rocSpec]);
 *     // ... other work ...
 *     const svg = await renderer.draw(rocSpec);
 *   } finally {
 *     await renderer.close();
 *   }
 */
export class ChartRenderer {
  private readonly drawn = new Map<string, Promise<string>>();
  /** The last chart asked for: charts are drawn one after the other (in this thread, two first imports of vega at once fail under jest). */
  private last: Promise<unknown> = Promise.resolve();

  private constructor(private readonly pool: WorkerPool | undefined) {}

  /** A renderer on a worker thread when `onThread` (default: whenever the compiled worker script exists), else in this thread. */
  static start(onThread = WorkerPool.available()): ChartRenderer {
    return new ChartRenderer(onThread ? WorkerPool.create(1, chartJobsModule) : undefined);
  }

  /** Starts drawing `specs` (in order) for a later `draw` of the same specs; a failure surfaces from that `draw`. */
  prefetch(specs: readonly TopLevelSpec[]): void {
    for (const spec of specs) this.drawing(spec).catch(() => undefined);
  }

  /** The SVG of `spec`: drawn already, being drawn, or drawn now. */
  readonly draw: ChartDrawer = (spec) => this.drawing(spec);

  /** Ends the worker thread (after the charts asked for are drawn). */
  async close(): Promise<void> {
    await Promise.allSettled(this.drawn.values());
    await this.pool?.close();
  }

  private drawing(spec: TopLevelSpec): Promise<string> {
    const key = JSON.stringify(spec);
    let svg = this.drawn.get(key);
    if (svg === undefined) {
      const pool = this.pool;
      const next = () => (pool === undefined ? renderChart(spec) : (pool.run('renderChart', spec, SILENT) as Promise<string>));
      svg = this.last.then(next, next);
      this.last = svg;
      this.drawn.set(key, svg);
    }
    return svg;
  }
}
