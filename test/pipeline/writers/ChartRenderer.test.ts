import type { TopLevelSpec } from 'vega-lite';
import { renderChart } from '../../../pipeline/util/renderChart.js';
import { ChartRenderer } from '../../../pipeline/writers/evaluation/ChartRenderer.js';

const bars = (n: number): TopLevelSpec => ({
  width: 200,
  height: 100,
  data: { values: Array.from({ length: n }, (_, i) => ({ k: `k${i}`, v: (i * 7) % 5 })) },
  mark: 'bar',
  encoding: { x: { field: 'k', type: 'ordinal' }, y: { field: 'v', type: 'quantitative' } },
});

describe('ChartRenderer', () => {
  it('draws on its own thread the same SVG renderChart draws here, prefetched or not', async () => {
    const renderer = ChartRenderer.start(true);
    try {
      renderer.prefetch([bars(3), bars(4)]);
      const [three, four, five] = await Promise.all([renderer.draw(bars(3)), renderer.draw(bars(4)), renderer.draw(bars(5))]);
      expect(three).toBe(await renderChart(bars(3)));
      expect(four).toBe(await renderChart(bars(4)));
      expect(five).toBe(await renderChart(bars(5)));
      expect(three).not.toBe(four);
      expect(three.startsWith('<svg')).toBe(true);
    } finally {
      await renderer.close();
    }
  });

  it('draws in the calling thread without a worker, and a bad spec fails its draw, not the prefetch', async () => {
    const renderer = ChartRenderer.start(false);
    const bad = { data: { values: [] }, mark: 'no-such-mark' } as unknown as TopLevelSpec;
    try {
      renderer.prefetch([bad, bars(2)]);
      await expect(renderer.draw(bad)).rejects.toThrow();
      expect(await renderer.draw(bars(2))).toBe(await renderChart(bars(2)));
    } finally {
      await renderer.close();
    }
  });
});
