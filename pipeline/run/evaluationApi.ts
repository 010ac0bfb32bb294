import type { Params } from '../params.js';

/** A promotion verdict, as `decidePromotion` gives it. */
export interface PromotionDecision {
  pass: boolean;
  reasons: string[];
}

/** The promotion rule: candidate metrics vs the champion's (none for the first model), under the thresholds. */
export type DecidePromotion = (candidate: unknown, champion: unknown, rules: Params['promotion']) => PromotionDecision;

// The evaluate stage is built on another branch; until it is merged the run
// wiring loads it at run time (TODO: static imports once merged).
const EVALUATE_DIR = '../evaluate/';

/** `decidePromotion` of pipeline/evaluate/decidePromotion.ts. */
export async function loadDecidePromotion(): Promise<DecidePromotion> {
  const module = (await import(`${EVALUATE_DIR}decidePromotion.js`)) as { decidePromotion: DecidePromotion };
  return module.decidePromotion;
}

/**
 * The run's headline figures from OUT/evaluation/metrics.json (via the
 * evaluate stage's `headlineMetrics`), flattened to dotted keys with numbers,
 * e.g. `{ 'lobo.precision_at_100': 0.41, 'lobo.roc_auc': 0.83 }`.
 */
export async function headlineFigures(metricsJson: unknown): Promise<Record<string, number | null>> {
  const module = (await import(`${EVALUATE_DIR}headlineMetrics.js`)) as { headlineMetrics: (m: unknown) => unknown };
  return flattenNumbers(module.headlineMetrics(metricsJson));
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
