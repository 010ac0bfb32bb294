/**
 * A plain-text table with aligned columns (numbers right-aligned), for
 * terminals and logs.
 *
 * @example
 *   textTable(['run', 'status'], [['2026-11-27T093012-3fa9c1', 'ok']]);
 *   // run                       status
 *   // ------------------------  ------
 *   // 2026-11-27T093012-3fa9c1  ok
 */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const numeric = header.map((_h, i) => rows.length > 0 && rows.every((row) => /^[-+]?[\d.,]+%?$|^$|^—$/.test(row[i] ?? '')));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] === true ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

/** A number for a table: up to 4 decimals, no trailing zeros; '—' for none. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(4)));
}

/**
 * An evaluation figure as the train log, the evaluation's console and the
 * runs tables all print it: a count as it is, any other figure with 3
 * decimals ("0.340"), so one figure reads the same everywhere.
 *
 * @example
 *   formatMetric(0.34); // '0.340'
 *   formatMetric(479); // '479'
 */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

/** A signed difference b − a for a table (to `digits` decimals), '' when either is missing or they are equal. */
export function formatDelta(a: number | null | undefined, b: number | null | undefined, digits = 4): string {
  if (a === null || a === undefined || b === null || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return '';
  const delta = Number((b - a).toFixed(digits));
  if (delta === 0) return '0';
  return `${delta > 0 ? '+' : ''}${delta}`;
}
