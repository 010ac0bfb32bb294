import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to an SVG string in Node (no browser, no network),
 * for inline use in the HTML reports and notebooks.
 *
 * vega and vega-lite are loaded on first use: they are slow to load, and
 * vega's module graph has a top-level await, which would stop notebooks
 * (tslab loads modules with require) from importing any module that imports
 * vega statically.
 *
 * @example
 *   const svg = await renderChart({
 *     data: { values: [{ k: 50, precision: 0.4 }] },
 *     mark: 'bar',
 *     encoding: { x: { field: 'k', type: 'ordinal' }, y: { field: 'precision', type: 'quantitative' } },
 *   });
 */
export async function renderChart(spec: TopLevelSpec): Promise<string> {
  // One after the other: jest's ESM loader fails ("not in cache") when two dynamic imports share a module graph concurrently.
  const vegaLite = await import('vega-lite');
  const vega = await import('vega');
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
