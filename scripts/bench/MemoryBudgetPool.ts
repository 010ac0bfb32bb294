/**
 * Runs tasks a few at a time under a memory budget: at most `workers` at
 * once, and a task starts only while the estimated memory of the running
 * ones plus its own stays within `budgetBytes` (a task alone always starts,
 * so one larger than the budget still runs, by itself). Largest estimates
 * first; when the next largest does not fit beside the running ones, a
 * smaller one that fits goes instead. So the pool's memory is bounded by the
 * budget, not by workers × the largest task, whatever the mix.
 * Estimates are read when a task is considered, so they may be refined as
 * tasks finish (a borough's peak per byte of raw exports, say).
 *
 * @example
 *   const pool = new MemoryBudgetPool({ workers: 4, budgetBytes: 3 * 2 ** 30, estimate: (b) => 2e8 + 17 * size(b) });
 *   await pool.run(boroughs, async (b) => harmonise(b));
 */
export class MemoryBudgetPool<T> {
  /** The most estimated memory ever running at once (for the report). */
  peakEstimateBytes = 0;

  constructor(
    private readonly options: {
      readonly workers: number;
      /** 0 or Infinity: no budget, `workers` alone bounds the pool. */
      readonly budgetBytes: number;
      readonly estimate: (item: T) => number;
    },
  ) {}

  async run(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
    const workers = Math.max(1, Math.trunc(this.options.workers));
    const budget = this.options.budgetBytes > 0 ? this.options.budgetBytes : Number.POSITIVE_INFINITY;
    const pending = [...items];
    const running = new Map<T, { estimate: number; done: Promise<T> }>();
    let failure: unknown;
    while ((pending.length > 0 && failure === undefined) || running.size > 0) {
      if (failure === undefined && running.size < workers && pending.length > 0) {
        pending.sort((a, b) => this.options.estimate(b) - this.options.estimate(a));
        const used = [...running.values()].reduce((s, r) => s + r.estimate, 0);
        const next = pending.find((item) => running.size === 0 || used + this.options.estimate(item) <= budget);
        if (next !== undefined) {
          pending.splice(pending.indexOf(next), 1);
          const estimate = this.options.estimate(next);
          const done = task(next).then(
            () => next,
            (error: unknown) => {
              failure ??= error;
              return next;
            },
          );
          running.set(next, { estimate, done });
          this.peakEstimateBytes = Math.max(this.peakEstimateBytes, used + estimate);
          continue;
        }
      }
      const finished = await Promise.race([...running.values()].map((r) => r.done));
      running.delete(finished);
    }
    if (failure !== undefined) throw failure;
  }
}
