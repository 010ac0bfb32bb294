/**
 * How many reasons the visit-first rows of each written inspection list carry
 * (0, 1, 2 or 3), per borough and in all: the figures of docs/ranking.md.
 *
 *   node dist/scripts/rank/reasonCoverage.js --lists OUT [--top 200]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import { outputLayout } from '../../pipeline/layout.js';

export interface ReasonCoverage {
  borough_code: string;
  rows: number;
  /** Rows with 0, 1, 2 and 3 reasons. */
  with_reasons: [number, number, number, number];
}

/**
 * The reason counts of the first `top` rows of every list under `lists`
 * (OUT/lists/<GSS>/inspection_list.csv), in borough code order.
 *
 * @example
 *   reasonCoverage('out/sample', 200); // [{ borough_code: 'E09000007', rows: 200, with_reasons: [0, 5, 32, 163] }, ...]
 */
export function reasonCoverage(lists: string, top: number): ReasonCoverage[] {
  const folder = join(lists, 'lists');
  if (!existsSync(folder)) return [];
  const layout = outputLayout(lists);
  return readdirSync(folder)
    .sort()
    .filter((code) => existsSync(layout.listCsv(code)))
    .map((code) => {
      const rows = Papa.parse<Record<string, string>>(readFileSync(layout.listCsv(code), 'utf8'), { header: true, skipEmptyLines: true }).data.slice(0, top);
      const counts: [number, number, number, number] = [0, 0, 0, 0];
      for (const row of rows) {
        const n = [row.reason_1, row.reason_2, row.reason_3].filter((r) => r !== undefined && r !== '' && !r.startsWith('(not computed')).length;
        counts[n] = (counts[n] as number) + 1;
      }
      return { borough_code: code, rows: rows.length, with_reasons: counts };
    });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback?: string) => {
    const i = process.argv.indexOf(`--${name}`);
    const value = i >= 0 ? process.argv[i + 1] : fallback;
    if (value === undefined) throw new Error(`--${name} is required`);
    return value;
  };
  const coverage = reasonCoverage(arg('lists'), Number(arg('top', '200')));
  const all: [number, number, number, number] = [0, 0, 0, 0];
  const lines = ['| borough | rows | 0 / 1 / 2 / 3 reasons | ≥ 2 |', '|---|---:|---|---:|'];
  const share = (c: readonly number[], rows: number) => `${(((c[2] as number) + (c[3] as number)) / Math.max(rows, 1) * 100).toFixed(1)}%`;
  for (const b of coverage) {
    b.with_reasons.forEach((n, i) => (all[i] = (all[i] as number) + n));
    lines.push(`| ${b.borough_code} | ${b.rows} | ${b.with_reasons.join(' / ')} | ${share(b.with_reasons, b.rows)} |`);
  }
  const rows = coverage.reduce((n, b) => n + b.rows, 0);
  lines.push(`| all | ${rows} | ${all.join(' / ')} | ${share(all, rows)} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
