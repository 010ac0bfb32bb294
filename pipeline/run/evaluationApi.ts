import { decidePromotion } from '../evaluate/promotion/decidePromotion.js';
import { headlineMetrics } from '../evaluate/metrics/headlineMetrics.js';
import type { MetricsJson } from '../evaluate/MetricsJson.js';
import type { Params } from '../params/Params.js';

/** A promotion verdict, as `decidePromotion` gives it. */
export interface PromotionDecision {
  pass: boolean;
  reasons: string[];
  /** The reasons of the failed checks only (what a refusal shows); every reason when not given. */
  failed?: string[];
}

/**
 * The promotion rule: candidate metrics vs the champion's (none for the first
 * model), under the thresholds. The registry reads metrics.json files, hence
 * `unknown`; the real rule is `decidePromotion` of pipeline/evaluate/.
 */
export type DecidePromotion = (candidate: unknown, champion: unknown, rules: Params['promotion']) => PromotionDecision;

/** `decidePromotion` of pipeline/evaluate/promotion/decidePromotion.ts, over metrics.json contents. */
export const realDecidePromotion: DecidePromotion = (candidate, champion, rules) =>
  decidePromotion(candidate as MetricsJson, champion as MetricsJson | undefined, rules);

/**
 * The run's headline figures from OUT/evaluation/metrics.json (the evaluate
 * stage's `headlineMetrics`), e.g. `{ 'lobo.model.precision_at_100': 0.41, … }`.
 */
export function headlineFigures(metricsJson: unknown): Record<string, number | null> {
  return flattenNumbers(headlineMetrics(metricsJson as MetricsJson));
}

/**
 * Numbers (and nulls) of a nested object, keyed by dotted path; other leaves are dropped.
 *
 * @example
 *   flattenNumbers({ lobo: { auc: 0.8, name: 'x' }, n: 3 }); // { 'lobo.auc': 0.8, n: 3 }
 */
export function flattenNumbers(value: unknown, prefix = ''): Record<string, number | null> {
  const flat: Record<string, number | null> = {};
  if (typeof value === 'number' || value === null) {
    if (prefix !== '') flat[prefix] = typeof value === 'number' && Number.isFinite(value) ? value : null;
    return flat;
  }
  if (typeof value !== 'object' || value === undefined) return flat;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  for (const [key, v] of entries) Object.assign(flat, flattenNumbers(v, prefix === '' ? key : `${prefix}.${key}`));
  return flat;
}
