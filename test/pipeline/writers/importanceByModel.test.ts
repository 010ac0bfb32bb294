import type { MetricsJson } from '../../../pipeline/evaluate/MetricsJson.js';
import { importanceByModel } from '../../../pipeline/writers/evaluation/renderReport.js';

function metrics(byModel: MetricsJson['feature_importance']['by_model']): MetricsJson {
  return {
    model: { model_id: 'm', kind: 'gbdt', features: [], trained_on: { boroughs: [], rows: 0, positives: 0 } },
    feature_importance: { source: 'attribution', sample_rows: 400, features: [], note: '', ...(byModel === undefined ? {} : { by_model: byModel }) },
  } as unknown as MetricsJson;
}

describe('feature importance per model (evaluation report)', () => {
  test('sets every trained model side by side, the chosen one marked, features ordered by their largest importance', () => {
    const html = importanceByModel(
      metrics({
        logistic: [
          { feature: 'tenure', mean_abs_contribution: 0.5 },
          { feature: 'electors', mean_abs_contribution: 0.2 },
        ],
        gbdt: [
          { feature: 'electors', mean_abs_contribution: 0.9 },
          { feature: 'tenure', mean_abs_contribution: 0.1 },
        ],
      }),
    );
    expect(html).toContain('<th class="num">logistic regression</th><th class="num">gradient-boosted trees (chosen)</th>');
    expect(html).toContain('on the same 400 sampled properties');
    expect(html.indexOf('<td>electors</td>')).toBeLessThan(html.indexOf('<td>tenure</td>'));
    expect(html).toContain('<td>electors</td><td class="num">0.200</td><td class="num">0.900</td>');
  });

  test('is left out when the run trained one model', () => {
    expect(importanceByModel(metrics(undefined))).toBe('');
    expect(importanceByModel(metrics({ gbdt: [{ feature: 'electors', mean_abs_contribution: 0.9 }] }))).toBe('');
  });
});
