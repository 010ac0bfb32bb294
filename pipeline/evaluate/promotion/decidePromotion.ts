import { evaluateMessages as m } from '../../messages/evaluate.js';
import type { Params } from '../../params/Params.js';
import type { MetricsJson } from '../MetricsJson.js';

/** The leave-borough-out figures the promotion rule compares. */
export function loboPrecisionAt100(metrics: MetricsJson): number | null {
  return metrics.validation.lobo?.orderings.model?.overall.at_k['100']?.precision ?? null;
}

export function loboRocAuc(metrics: MetricsJson): number | null {
  return metrics.validation.lobo?.orderings.model?.overall.roc_auc ?? null;
}

/**
 * The promotion rule: may `candidate` replace `champion` (the model in use)?
 * It passes when, on leave-borough-out validation, its precision@100 is not
 * lower by more than `rules.max_precision_at_100_drop`, its ROC AUC is not
 * lower by more than `rules.max_auc_drop`, and (with
 * `rules.forbid_new_slice_flags`) it flags no slice the champion did not.
 * Without a champion it passes. `reasons` explains every check, passed or not;
 * `failed` holds the reasons of the checks that failed only (what a refusal
 * shows). A newly flagged slice is named by its label ("Belsize (E05013360)").
 *
 * @example
 *   const { pass, reasons } = decidePromotion(candidateMetrics, championMetrics, params.promotion);
 *   if (!pass) console.log(reasons.join('\n'));
 */
export function decidePromotion(
  candidate: MetricsJson,
  champion: MetricsJson | undefined,
  rules: Params['promotion'],
): { pass: boolean; reasons: string[]; failed: string[] } {
  if (champion === undefined) return { pass: true, reasons: [m.promotionNoChampion()], failed: [] };
  const reasons: string[] = [];
  const failed: string[] = [];
  let pass = true;
  const checks: Array<{ figure: string; candidate: number | null; champion: number | null; allowed: number; ok: typeof m.promotionAucOk; bad: typeof m.promotionAucDrop }> = [
    {
      figure: 'precision@100',
      candidate: loboPrecisionAt100(candidate),
      champion: loboPrecisionAt100(champion),
      allowed: rules.max_precision_at_100_drop,
      ok: m.promotionPrecisionOk,
      bad: m.promotionPrecisionDrop,
    },
    { figure: 'ROC AUC', candidate: loboRocAuc(candidate), champion: loboRocAuc(champion), allowed: rules.max_auc_drop, ok: m.promotionAucOk, bad: m.promotionAucDrop },
  ];
  for (const check of checks) {
    if (check.candidate === null) {
      pass = false;
      reasons.push(m.promotionMissingFigure(check.figure));
      failed.push(m.promotionMissingFigure(check.figure));
    } else if (check.champion === null) {
      reasons.push(m.promotionChampionMissingFigure(check.figure));
    } else if (check.champion - check.candidate > check.allowed + 1e-9) {
      pass = false;
      reasons.push(check.bad(check.candidate, check.champion, check.allowed));
      failed.push(check.bad(check.candidate, check.champion, check.allowed));
    } else {
      reasons.push(check.ok(check.candidate, check.champion, check.allowed));
    }
  }
  if (rules.forbid_new_slice_flags) {
    const before = new Set(champion.slices?.flagged ?? []);
    const newly = (candidate.slices?.flagged ?? []).filter((slice) => !before.has(slice));
    if (newly.length > 0) {
      pass = false;
      const label = (id: string) => candidate.slices?.slices.find((s) => `${s.dimension}=${s.value}` === id)?.label;
      const named = newly.map((id) => {
        const found = label(id);
        return found === undefined ? id : `${id.slice(0, id.indexOf('=') + 1)}${found}`;
      });
      reasons.push(m.promotionNewFlags(named));
      failed.push(m.promotionNewFlags(named));
    } else {
      reasons.push(m.promotionNoNewFlags());
    }
  } else {
    reasons.push(m.promotionFlagsNotChecked());
  }
  return { pass, reasons, failed };
}
