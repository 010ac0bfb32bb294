import type { RunRecord } from './RunRecord.js';
import { formatDelta, formatMetric, formatNumber, textTable } from '../tables/textTable.js';

/**
 * The headline figure `hmo runs list` shows: leave-borough-out precision@100
 * of the model as a mean over boroughs when there, else its mean average
 * precision (no borough has enough held-out rows for precision@100), else,
 * for runs recorded before, the first precision figure.
 */
export function headlineKey(metrics: Record<string, number | null> | null): string | undefined {
  if (metrics === null) return undefined;
  const keys = Object.keys(metrics);
  return (
    keys.find((k) => k === 'lobo.model.borough_mean.precision_at_100') ??
    keys.find((k) => k === 'lobo.model.borough_mean.pr_auc') ??
    keys.find((k) => k === 'lobo.model.precision_at_100') ??
    keys.find((k) => /lobo/i.test(k) && /precision_at_100\b|precision@100|p_at_100/i.test(k)) ??
    keys.find((k) => /precision_at_100\b|precision@100/i.test(k)) ??
    keys.find((k) => /precision/i.test(k)) ??
    keys[0]
  );
}

/**
 * `hmo runs list`: one line per run, newest last: id, start, drop, boroughs
 * usable/total, status, stages ran/cached, the headline figure, the run that
 * trained its model, and `*` on the champion's run.
 */
export function runsTable(runs: readonly RunRecord[], championRun: string | null): string {
  const key = runs.map((r) => headlineKey(r.metrics)).find((k) => k !== undefined);
  const rows = runs.map((run) => [
    `${run.run_id === championRun ? '*' : ' '} ${run.run_id}`,
    run.started_at.slice(0, 16).replace('T', ' '),
    shortPath(run.drop),
    `${run.usable_boroughs.length}/${run.boroughs.length}`,
    run.status,
    run.stages.length === 0 ? '' : `${run.stages.filter((s) => !s.cached).length} ran, ${run.stages.filter((s) => s.cached).length} cached`,
    key === undefined ? '—' : formatMetric(run.metrics?.[key]),
    run.model?.trained_by === run.run_id ? 'own' : (run.model?.trained_by ?? '—'),
  ]);
  return textTable(['  run', 'started (UTC)', 'drop', 'boroughs', 'status', 'stages', key ?? 'metric', 'model'], rows) + (championRun === null ? '' : '* = champion\n');
}

/**
 * `hmo runs diff A B`: one table of what differs, with deltas: the runs'
 * data and code fingerprints and model, every param that differs (or all of
 * them with `allParams`), every headline figure, and each stage's time.
 */
export function diffRuns(
  a: RunRecord,
  b: RunRecord,
  paramsA: unknown,
  paramsB: unknown,
  options: { allParams?: boolean } = {},
): string {
  const rows: string[][] = [];
  const same = (x: string, y: string) => (x === y ? '=' : '≠');
  const text = (label: string, x: string, y: string) => rows.push([label, x, y, same(x, y)]);
  text('run.drop', shortPath(a.drop), shortPath(b.drop));
  text('run.data_fingerprint', short(a.data_fingerprint), short(b.data_fingerprint));
  text('run.code_version', short(a.code_version), short(b.code_version));
  text('run.model', a.model?.dir ?? '—', b.model?.dir ?? '—');
  text('run.boroughs', String(a.usable_boroughs.length), String(b.usable_boroughs.length));

  const flatA = flattenParams(paramsA);
  const flatB = flattenParams(paramsB);
  for (const key of [...new Set([...Object.keys(flatA), ...Object.keys(flatB)])].sort()) {
    const x = flatA[key];
    const y = flatB[key];
    const differs = JSON.stringify(x) !== JSON.stringify(y);
    if (!differs && options.allParams !== true) continue;
    if (typeof x === 'number' && typeof y === 'number') rows.push([`params.${key}`, formatNumber(x), formatNumber(y), formatDelta(x, y) || '=']);
    else rows.push([`params.${key}`, show(x), show(y), differs ? '≠' : '=']);
  }

  const metricsA = a.metrics ?? {};
  const metricsB = b.metrics ?? {};
  for (const key of [...new Set([...Object.keys(metricsA), ...Object.keys(metricsB)])].sort()) {
    rows.push([`metrics.${key}`, formatMetric(metricsA[key]), formatMetric(metricsB[key]), formatDelta(metricsA[key], metricsB[key], 3)]);
  }

  for (const stage of [...new Set([...a.stages.map((s) => s.stage), ...b.stages.map((s) => s.stage)])]) {
    const x = a.stages.find((s) => s.stage === stage);
    const y = b.stages.find((s) => s.stage === stage);
    const label = (s: typeof x) => (s === undefined ? '—' : `${formatNumber(s.seconds)}s${s.cached ? ' (cached)' : ''}`);
    rows.push([`seconds.${stage}`, label(x), label(y), formatDelta(x?.seconds, y?.seconds)]);
  }
  return textTable(['', a.run_id, b.run_id, 'B − A'], rows);
}

/** Params flattened to dotted keys; lists stay whole values. */
export function flattenParams(value: unknown, prefix = ''): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix === '' ? {} : { [prefix]: value };
  const flat: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) Object.assign(flat, flattenParams(v, prefix === '' ? key : `${prefix}.${key}`));
  return flat;
}

function show(value: unknown): string {
  return value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
}

function short(hash: string | null): string {
  return hash === null ? '—' : hash.slice(0, 12);
}

function shortPath(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== '');
  return parts.length <= 2 ? path : `…/${parts.slice(-2).join('/')}`;
}
