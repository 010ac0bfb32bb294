import { headlineKey } from '../registry/compareRuns.js';
import type { RegistryFile } from '../registry/ModelRegistry.js';
import type { RunRecord } from '../registry/RunRecord.js';
import { formatMetric, textTable } from './textTable.js';

/**
 * `hmo models list`: one line per trained model (a run whose train stage ran;
 * later runs that reused it are counted), with its headline figure, the last
 * promotion decision about it, and `*` on the champion; then the decisions.
 */
export function modelsTable(runs: readonly RunRecord[], registry: RegistryFile): string {
  const models = new Map<string, { trainedBy: string; started: string; usedBy: string[]; metrics: RunRecord['metrics'] }>();
  for (const run of runs) {
    if (run.model === null) continue;
    const model = models.get(run.model.dir) ?? { trainedBy: run.model.trained_by, started: run.started_at, usedBy: [], metrics: run.metrics };
    model.usedBy.push(run.run_id);
    if (run.metrics !== null) model.metrics = run.metrics;
    models.set(run.model.dir, model);
  }
  const key = [...models.values()].map((m) => headlineKey(m.metrics)).find((k) => k !== undefined);
  const rows = [...models.entries()].map(([dir, model]) => {
    const decision = [...registry.decisions].reverse().find((d) => d.model === dir);
    const status = decision === undefined ? 'candidate' : decision.accepted ? (decision.forced ? 'promoted (forced)' : 'promoted') : 'refused';
    return [
      `${registry.champion?.model === dir ? '*' : ' '} ${dir}`,
      model.started.slice(0, 16).replace('T', ' '),
      String(model.usedBy.length),
      key === undefined ? '—' : formatMetric(model.metrics?.[key]),
      status,
    ];
  });
  let text = textTable(['  model', 'trained (UTC)', 'runs', key ?? 'metric', 'last decision'], rows);
  if (registry.champion !== null) text += `* = champion (promoted ${registry.champion.promoted_at.slice(0, 16).replace('T', ' ')} from run ${registry.champion.run_id})\n`;
  if (registry.decisions.length > 0) {
    text += '\nPromotion decisions:\n';
    text += textTable(
      ['decided (UTC)', 'run', 'accepted', 'why / reasons'],
      registry.decisions.map((d) => [
        d.decided_at.slice(0, 16).replace('T', ' '),
        d.run_id,
        d.accepted ? (d.forced ? 'forced' : 'yes') : 'no',
        [d.why === null ? '' : `why: ${d.why}`, ...d.reasons].filter((r) => r !== '').join('; '),
      ]),
    );
  }
  return text;
}
