import { resolve } from 'node:path';
import { outputLayout } from '../../layout.js';
import { runMessages as m } from '../../messages/run.js';
import { formatSeconds } from '../../progress/rate.js';
import type { RunRecord } from '../registry/RunRecord.js';

/**
 * What `hmo run` prints when it is done (stdout): which stages ran and which
 * were cached, where the quality report, evaluation report and lists are,
 * which model ranked them, which boroughs failed ingest, and the promotion check.
 *
 * @example
 *   process.stdout.write(runSummary(record, 'out/sample', previousRunId, registry.champion()?.model));
 */
export function runSummary(record: RunRecord, out: string, previousRun: string | undefined, championModel: string | undefined): string {
  const lines = [m.runFinished(record.run_id, formatSeconds(record.seconds ?? 0))];
  const ran = record.stages.filter((s) => !s.cached).map((s) => s.stage);
  const cached = record.stages.filter((s) => s.cached).map((s) => s.stage);
  lines.push(ran.length === 0 ? m.nothingChanged(previousRun) : m.stagesSummary(ran, cached));
  const failed = failedBoroughs(record);
  if (failed.length > 0) {
    lines.push(m.boroughsFailed(failed, record.usable_boroughs.length, record.boroughs.length, resolve(out, record.outputs?.quality_report ?? 'quality/report.html')));
  }
  if (record.outputs !== null) {
    lines.push(m.whereOutputs(resolve(out, record.outputs.quality_report), resolve(out, record.outputs.evaluation)));
    const champion = record.outputs.champion_lists;
    lines.push(
      champion === null || champion === undefined
        ? m.noChampionLists(outputLayout(resolve(out)).listsNotice)
        : m.championLists(champion.champion_run, champion.status, Object.values(champion.lists).map((list) => resolve(out, list))),
    );
    const own = Object.values(record.outputs.lists)[0];
    if (record.model !== null && own !== undefined) {
      // OUT/runs/<id>/lists: the folder of the run's candidate lists.
      lines.push(m.candidateLists(resolve(out, own, '..', '..'), record.model.trained_by, championModel === record.model.dir));
    }
  }
  lines.push(...forecastLines(record.metrics), ...shortfallLines(record.metrics), ...driftLines(record.metrics));
  if (record.promotion_preview !== null) {
    const verdict = record.promotion_preview.pass ? 'would pass' : 'would be refused';
    const preview = [verdict, ...record.promotion_preview.reasons.map((reason) => `  - ${reason}`)].join('\n');
    lines.push(m.promotionHint(record.run_id, out, preview));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What `hmo run --quiet` still says when boroughs failed (errors are never
 * quiet, even when the failed ingest was cached from an earlier run): the
 * line of the summary that names them; empty when none failed.
 *
 * @example
 *   process.stderr.write(quietFailures(record, 'out/sample'));
 */
export function quietFailures(record: RunRecord, out: string): string {
  const failed = failedBoroughs(record);
  if (failed.length === 0) return '';
  return `${m.boroughsFailed(failed, record.usable_boroughs.length, record.boroughs.length, resolve(out, record.outputs?.quality_report ?? 'quality/report.html'))}\n`;
}

/** The list forecast of each borough, from the run's headline figures (`forecast.<GSS>.*`); none without. */
export function forecastLines(metrics: Record<string, number | null> | null): string[] {
  if (metrics === null) return [];
  const boroughs = [...new Set(Object.keys(metrics).flatMap((key) => /^forecast\.([^.]+)\.expected_found$/.exec(key)?.[1] ?? []))].sort();
  const lines = boroughs.flatMap((code) => {
    const get = (name: string) => metrics[`forecast.${code}.${name}`];
    const [expected, low, high, topN, sum, level] = ['expected_found', 'low', 'high', 'top_n', 'score_sum', 'level'].map(get);
    if (typeof expected !== 'number' || typeof low !== 'number' || typeof high !== 'number' || typeof topN !== 'number' || typeof level !== 'number') return [];
    const truth = get('truth_found');
    return [m.forecastLine(code, topN, expected.toFixed(1), low, high, level, typeof sum === 'number' ? sum.toFixed(1) : '—', typeof truth === 'number' ? truth : undefined)];
  });
  return lines.length === 0 ? [] : [m.forecastHeading(), ...lines];
}

/** A warning per earlier list whose visits found fewer HMOs than its interval (headline keys `list_outcomes.<GSS>.<date>.*`). */
export function shortfallLines(metrics: Record<string, number | null> | null): string[] {
  if (metrics === null) return [];
  return Object.keys(metrics)
    .flatMap((key) => {
      const match = /^list_outcomes\.([^.]+)\.([^.]+)\.shortfall$/.exec(key);
      return match === null || metrics[key] !== 1 ? [] : [[match[1] as string, match[2] as string] as const];
    })
    .sort()
    .map(([code, date]) => {
      const get = (name: string) => Number(metrics[`list_outcomes.${code}.${date}.${name}`] ?? Number.NaN);
      return m.listShortfall(code, date, get('found'), get('expected_found'), get('low'));
    });
}

/** A warning per borough whose features moved beyond the drift threshold, naming them (headline keys `drift.<GSS>.<feature>.psi`). */
export function driftLines(metrics: Record<string, number | null> | null): string[] {
  if (metrics === null) return [];
  const byBorough = new Map<string, Array<{ feature: string; psi: number }>>();
  for (const [key, value] of Object.entries(metrics)) {
    const match = /^drift\.([^.]+)\.(.+)\.psi$/.exec(key);
    if (match === null || typeof value !== 'number') continue;
    const list = byBorough.get(match[1] as string) ?? [];
    list.push({ feature: match[2] as string, psi: value });
    byBorough.set(match[1] as string, list);
  }
  return [...byBorough.keys()].sort().map((code) => m.driftLine(code, (byBorough.get(code) ?? []).sort((a, b) => b.psi - a.psi || (a.feature < b.feature ? -1 : 1))));
}

/** Boroughs of the drop that did not pass ingest (so got no list): a run with any ends with exit code 1, as `hmo ingest` does. */
export function failedBoroughs(record: RunRecord): string[] {
  return record.boroughs.filter((code) => !record.usable_boroughs.includes(code));
}
