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

/** Boroughs of the drop that did not pass ingest (so got no list): a run with any ends with exit code 1, as `hmo ingest` does. */
export function failedBoroughs(record: RunRecord): string[] {
  return record.boroughs.filter((code) => !record.usable_boroughs.includes(code));
}
