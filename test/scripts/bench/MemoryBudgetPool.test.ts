import { MemoryBudgetPool } from '../../../scripts/bench/MemoryBudgetPool.js';

/** Runs `sizes` through a pool; each task takes `size` ms; returns the start order and the most memory held at once. */
async function simulate(sizes: readonly number[], workers: number, budget: number): Promise<{ order: number[]; peak: number; pool: MemoryBudgetPool<number> }> {
  const pool = new MemoryBudgetPool<number>({ workers, budgetBytes: budget, estimate: (s) => s });
  const order: number[] = [];
  let held = 0;
  let peak = 0;
  await pool.run(sizes, async (size) => {
    order.push(size);
    held += size;
    peak = Math.max(peak, held);
    await new Promise((resolve) => setTimeout(resolve, size));
    held -= size;
  });
  return { order, peak, pool };
}

describe('MemoryBudgetPool', () => {
  it('keeps the memory of the tasks running at once within the budget, filling gaps with smaller tasks', async () => {
    const sizes = [40, 35, 30, 10, 8, 6, 5, 4, 3, 2];
    const { order, peak, pool } = await simulate(sizes, 4, 50);
    expect(order.slice().sort((a, b) => a - b)).toEqual(sizes.slice().sort((a, b) => a - b));
    expect(peak).toBeLessThanOrEqual(50);
    expect(pool.peakEstimateBytes).toBeLessThanOrEqual(50);
    // the largest first, then smaller ones beside it rather than the next largest
    expect(order[0]).toBe(40);
    expect(order[1]).toBe(10);
  });

  it('without a budget, runs the workers the largest first; a task larger than the budget runs alone', async () => {
    expect((await simulate([5, 20, 10], 2, 0)).order).toEqual([20, 10, 5]);
    const alone = await simulate([80, 5, 5], 3, 50);
    expect(alone.order[0]).toBe(80);
    expect(alone.peak).toBe(80);
  });

  it('lets the running tasks finish, then throws the first failure', async () => {
    const pool = new MemoryBudgetPool<number>({ workers: 2, budgetBytes: 0, estimate: (s) => s });
    const finished: number[] = [];
    await expect(
      pool.run([3, 2, 1], async (n) => {
        await new Promise((resolve) => setTimeout(resolve, n * 5));
        if (n === 2) throw new Error('borough 2 failed');
        finished.push(n);
      }),
    ).rejects.toThrow('borough 2 failed');
    expect(finished).toContain(3);
    expect(finished).not.toContain(1);
  });
});
