import { runMessages as m } from '../../../pipeline/messages/run.js';
import { forecastLines, shortfallLines } from '../../../pipeline/run/tables/runSummary.js';

describe('the run summary prints each borough\'s list forecast', () => {
  test('one line per borough from the headline figures, the truth when known, in borough order', () => {
    const lines = forecastLines({
      'lobo.model.roc_auc': 0.8,
      'forecast.E09000025.top_n': 100,
      'forecast.E09000025.expected_found': 41.26,
      'forecast.E09000025.low': 30,
      'forecast.E09000025.high': 52,
      'forecast.E09000025.score_sum': 55.1,
      'forecast.E09000025.level': 0.95,
      'forecast.E09000007.top_n': 100,
      'forecast.E09000007.expected_found': 20,
      'forecast.E09000007.low': 12,
      'forecast.E09000007.high': 29,
      'forecast.E09000007.score_sum': 30,
      'forecast.E09000007.level': 0.95,
      'forecast.E09000007.truth_found': 31,
    });
    expect(lines).toEqual([
      m.forecastHeading(),
      m.forecastLine('E09000007', 100, '20.0', 12, 29, 0.95, '30.0', 31),
      m.forecastLine('E09000025', 100, '41.3', 30, 52, 0.95, '55.1', undefined),
    ]);
    expect(lines[1]).toContain('OUTSIDE the interval');
    expect(lines[2]).toContain('95% interval 30–52');
  });

  test('nothing without a forecast', () => {
    expect(forecastLines(null)).toEqual([]);
    expect(forecastLines({ 'lobo.model.roc_auc': 0.8 })).toEqual([]);
  });
});

describe('the run summary warns of an earlier list that fell short', () => {
  test('only lists whose count fell below the interval', () => {
    const metrics = {
      'list_outcomes.E09000007.2026-09-30.found': 3,
      'list_outcomes.E09000007.2026-09-30.expected_found': 12.5,
      'list_outcomes.E09000007.2026-09-30.low': 6,
      'list_outcomes.E09000007.2026-09-30.shortfall': 1,
      'list_outcomes.E09000033.2026-09-30.shortfall': 0,
    };
    expect(shortfallLines(metrics)).toEqual([m.listShortfall('E09000007', '2026-09-30', 3, 12.5, 6)]);
    expect(shortfallLines(null)).toEqual([]);
  });
});
