import { evaluateMessages as m } from '../../messages/evaluate.js';
import type { Params } from '../../params/Params.js';
import type { MetricsJson } from '../MetricsJson.js';

/** Leave-borough-out precision@100 of the model, mean over the boroughs where 100 is at most half their held-out rows. */
export function loboPrecisionAt100(metrics: MetricsJson): number | null {
  return metrics.validation.lobo?.orderings.model?.borough_mean_precision['100'] ?? null;
}

/** Leave-borough-out average precision of the model, mean over boroughs. */
export function loboAveragePrecision(metrics: MetricsJson): number | null {
  return metrics.validation.lobo?.orderings.model?.borough_mean_pr_auc ?? null;
}

/** Leave-borough-out ROC AUC of the model, mean over boroughs. */
export function loboRocAuc(metrics: MetricsJson): number | null {
  return metrics.validation.lobo?.orderings.model?.borough_mean_roc_auc ?? null;
}

/**
 * The promotion rule: may `candidate` replace `champion` (the model in use)?
 * Every figure is leave-borough-out and a mean over boroughs (each borough's
 * list is its own). It passes when its precision@100 is not lower by more
 * than `rules.max_precision_at_100_drop` (when no borough has 200 held-out
 * rows, so precision@100 cannot tell orderings apart, its average precision
 * is compared instead, with the same allowance, and the reasons say so),
 * its ROC AUC is not lower by more than `rules.max_auc_drop`, and (with
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
  const usePrecision = loboPrecisionAt100(candidate) !== null || loboAveragePrecision(candidate) === null;
  const ranking = usePrecision
    ? { figure: m.promotionPrecisionFigure(), candidate: loboPrecisionAt100(candidate), champion: loboPrecisionAt100(champion) }
    : { figure: m.promotionAveragePrecisionFigure(), candidate: loboAveragePrecision(candidate), champion: loboAveragePrecision(champion) };
  if (!usePrecision) reasons.push(m.promotionPrecisionNotInformative());
  const checks: Array<{ figure: string; candidate: number | null; champion: number | null; allowed: number }> = [
    { ...ranking, allowed: rules.max_precision_at_100_drop },
    { figure: m.promotionAucFigure(), candidate: loboRocAuc(candidate), champion: loboRocAuc(champion), allowed: rules.max_auc_drop },
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
      const drop = m.promotionFigureDrop(check.figure, check.candidate, check.champion, check.allowed);
      reasons.push(drop);
      failed.push(drop);
    } else {
      reasons.push(m.promotionFigureOk(check.figure, check.candidate, check.champion, check.allowed));
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
