import { decidePromotion } from '../../../pipeline/evaluate/promotion/decidePromotion.js';
import { headlineMetrics } from '../../../pipeline/evaluate/metrics/headlineMetrics.js';
import type { MetricsJson } from '../../../pipeline/evaluate/MetricsJson.js';
import { evaluateMessages as m } from '../../../pipeline/messages/evaluate.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';

/** A metrics.json with just the figures the rule reads. */
function metricsWith(auc: number | null, precisionAt100: number | null, flagged: string[], averagePrecision: number | null = 0.5): MetricsJson {
  const set = {
    rows: 1000,
    positives: 300,
    prevalence: 0.3,
    roc_auc: auc,
    roc_auc_ci: null,
    pr_auc: 0.5,
    brier: 0.2,
    at_k: { '100': { depth: 100, hits: 40, precision: precisionAt100, recall: 0.1, lift: 1.3, informative: true } },
    precision_at_100_ci: null,
  };
  return {
    format: 'hmo-evaluation/1',
    model: { model_id: 'm', kind: 'mlp', features: [], trained_on: { boroughs: [], rows: 0, positives: 0 } },
    settings: {} as MetricsJson['settings'],
    validation: {
      lobo: { rows: 1000, positives: 300, boroughs: [], orderings: {
          model: {
            overall: set,
            by_borough: {},
            borough_mean_precision: { '100': precisionAt100 },
            borough_mean_boroughs: { '100': precisionAt100 === null ? 0 : 3 },
            borough_mean_roc_auc: auc,
            borough_mean_pr_auc: averagePrecision,
          },
        }, calibration: { model: { ece: 0.05, brier: 0.2, bins: [] } } },
      temporal: null,
    },
    slices: { scheme: 'lobo', threshold: 0.2, overall: {} as never, complaint_rate: { source: '', thresholds: [] }, slices: [], flagged, proxy_features: [] },
    field_trial: null,
    feature_importance: { source: 'none', sample_rows: 0, features: [], note: '' },
    comparison: null,
    list_forecast: {},
    list_forecast_method: { level: 0.95, draws: 0, reference_triggers: [], trigger_rows: {}, trigger_odds_ratios: {}, assumption: '' },
    drift: { threshold: 0.25, compared_with: null, note: '', boroughs: {}, warnings: [] },
    list_outcomes: [],
  };
}

const rules = DEFAULT_PARAMS.promotion; // precision drop <= 0.01, AUC drop <= 0, no new flags

describe('decidePromotion', () => {
  test('passes a candidate within every threshold, explaining each check', () => {
    const result = decidePromotion(metricsWith(0.8, 0.445, ['tenure=social-rented']), metricsWith(0.8, 0.45, ['tenure=social-rented']), rules);
    expect(result.pass).toBe(true);
    expect(result.reasons).toEqual([m.promotionFigureOk(m.promotionPrecisionFigure(), 0.445, 0.45, 0.01), m.promotionFigureOk(m.promotionAucFigure(), 0.8, 0.8, 0), m.promotionNoNewFlags()]);
  });
  test('fails a candidate whose precision@100 drops too far', () => {
    const result = decidePromotion(metricsWith(0.85, 0.43, []), metricsWith(0.8, 0.45, []), rules);
    expect(result.pass).toBe(false);
    expect(result.reasons[0]).toBe(m.promotionFigureDrop(m.promotionPrecisionFigure(), 0.43, 0.45, 0.01));
  });
  test('fails a candidate whose AUC drops at all when max_auc_drop is 0', () => {
    const result = decidePromotion(metricsWith(0.799, 0.5, []), metricsWith(0.8, 0.45, []), rules);
    expect(result.pass).toBe(false);
    expect(result.reasons[1]).toBe(m.promotionFigureDrop(m.promotionAucFigure(), 0.799, 0.8, 0));
  });
  test('fails a candidate that flags a new slice, unless the params allow it', () => {
    const candidate = metricsWith(0.9, 0.6, ['ward=E05000001', 'tenure=social-rented']);
    const champion = metricsWith(0.8, 0.45, ['tenure=social-rented']);
    const result = decidePromotion(candidate, champion, rules);
    expect(result.pass).toBe(false);
    expect(result.reasons).toContain(m.promotionNewFlags(['ward=E05000001']));
    expect(decidePromotion(candidate, champion, { ...rules, forbid_new_slice_flags: false }).pass).toBe(true);
  });
  test('a refusal names only the checks that failed, and a newly flagged ward by its name', () => {
    const candidate = metricsWith(0.9, 0.3, ['ward=E05000001']);
    candidate.slices?.slices.push({ dimension: 'ward', value: 'E05000001', label: 'Belsize (E05000001)' } as never);
    const result = decidePromotion(candidate, metricsWith(0.8, 0.45, []), rules);
    expect(result.pass).toBe(false);
    expect(result.failed).toEqual([m.promotionFigureDrop(m.promotionPrecisionFigure(), 0.3, 0.45, 0.01), m.promotionNewFlags(['ward=Belsize (E05000001)'])]);
    expect(result.reasons).toContain(m.promotionFigureOk(m.promotionAucFigure(), 0.9, 0.8, 0));
    expect(result.failed.join(' ')).not.toContain(m.promotionFigureOk(m.promotionAucFigure(), 0.9, 0.8, 0));
  });
  test('passes without a champion; fails a candidate without leave-borough-out figures', () => {
    expect(decidePromotion(metricsWith(0.7, 0.3, []), undefined, rules)).toEqual({ pass: true, reasons: [m.promotionNoChampion()], failed: [] });
    const result = decidePromotion(metricsWith(null, null, []), metricsWith(0.8, 0.45, []), rules);
    expect(result.pass).toBe(false);
    expect(result.reasons).toContain(m.promotionMissingFigure(m.promotionAucFigure()));
  });
  test('compares the mean over boroughs, never the pooled figure', () => {
    const candidate = metricsWith(0.8, 0.4, []);
    // pooled over boroughs the candidate looks better; borough by borough it finds less
    const pooled = candidate.validation.lobo?.orderings.model?.overall.at_k['100'];
    if (pooled !== undefined) pooled.precision = 0.7;
    const result = decidePromotion(candidate, metricsWith(0.8, 0.45, []), rules);
    expect(result.pass).toBe(false);
    expect(result.reasons[0]).toBe(m.promotionFigureDrop(m.promotionPrecisionFigure(), 0.4, 0.45, 0.01));
  });
  test('compares average precision, and says why, when no borough has enough rows for precision@100', () => {
    const result = decidePromotion(metricsWith(0.8, null, [], 0.3), metricsWith(0.8, null, [], 0.35), rules);
    expect(result.pass).toBe(false);
    expect(result.reasons[0]).toBe(m.promotionPrecisionNotInformative());
    expect(result.reasons[1]).toBe(m.promotionFigureDrop(m.promotionAveragePrecisionFigure(), 0.3, 0.35, 0.01));
  });
});

describe('headlineMetrics', () => {
  test('flattens the headline figures and leaves out what is missing', () => {
    const headline = headlineMetrics(metricsWith(0.8, 0.45, ['a=b']));
    expect(headline).toMatchObject({
      'lobo.rows': 1000,
      'lobo.model.borough_mean.roc_auc': 0.8,
      'lobo.model.borough_mean.precision_at_100': 0.45,
      'lobo.model.borough_mean.pr_auc': 0.5,
      'lobo.model.pooled.roc_auc': 0.8,
      'lobo.model.pooled.precision_at_100': 0.45,
      'lobo.model.pooled.ece': 0.05,
      'slices.flagged': 1,
    });
    // every ranking figure says whether it is a mean over boroughs or pooled
    expect(Object.keys(headline).filter((k) => /roc_auc|pr_auc|precision_at/.test(k) && !/\.(borough_mean|pooled)\./.test(k))).toEqual([]);
    expect(Object.keys(headline).some((k) => k.startsWith('temporal.'))).toBe(false);
    expect(headlineMetrics(metricsWith(null, null, []))['lobo.model.borough_mean.roc_auc']).toBeUndefined();
    // a pooled precision@k that cannot tell orderings apart is left out
    const few = metricsWith(0.8, 0.45, []);
    const at = few.validation.lobo?.orderings.model?.overall.at_k['100'];
    if (at !== undefined) at.informative = false;
    expect(headlineMetrics(few)['lobo.model.pooled.precision_at_100']).toBeUndefined();
  });
});
