import { boroughSpread, MIN_BOROUGH_SPREAD } from '../../../../pipeline/evaluate/forecast/BoroughSpread.js';
import { Cholesky } from '../../../../pipeline/evaluate/forecast/Cholesky.js';
import { countInterval } from '../../../../pipeline/evaluate/forecast/countInterval.js';
import type { ForecastRows } from '../../../../pipeline/evaluate/forecast/ForecastRows.js';
import { listForecast, type ListHead } from '../../../../pipeline/evaluate/forecast/listForecast.js';
import { listHead } from '../../../../pipeline/evaluate/forecast/listHead.js';
import { normalCdf } from '../../../../pipeline/evaluate/forecast/normalCdf.js';
import { SelectionAdjustedCalibration } from '../../../../pipeline/evaluate/forecast/SelectionAdjustedCalibration.js';
import { evaluateMessages as m } from '../../../../pipeline/messages/evaluate.js';
import { Random } from '../../../../pipeline/util/Random.js';
import { createHash } from 'node:crypto';

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Held-out rows of a simulated world: in each borough, the true chance an
 * unvisited property of score s is an HMO is sigmoid(shift + logit(s));
 * complaint-led inspections find HMOs at `complaintOdds` times those odds.
 */
function simulateRows(random: Random, boroughs: Array<{ code: string; shift: number; rows: number; proactiveShare: number }>, complaintOdds: number): ForecastRows {
  const rows: ForecastRows = { length: 0, boroughCode: [], score: new Float64Array(0), label: new Int8Array(0), trigger: [] };
  const scores: number[] = [];
  const labels: number[] = [];
  for (const b of boroughs) {
    for (let i = 0; i < b.rows; i++) {
      const score = sigmoid(random.normal(-1.5, 1.2));
      const proactive = random.chance(b.proactiveShare);
      const z = b.shift + logit(score) + (proactive ? 0 : Math.log(complaintOdds));
      rows.boroughCode.push(b.code);
      rows.trigger.push(proactive ? 'proactive' : 'complaint');
      scores.push(score);
      labels.push(random.chance(sigmoid(z)) ? 1 : 0);
    }
  }
  return { ...rows, length: scores.length, score: Float64Array.from(scores), label: Int8Array.from(labels) };
}

describe('the list forecast', () => {
  test('normalCdf and the count interval', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.644854)).toBeCloseTo(0.05, 6);
    expect(countInterval([{ mean: 50, variance: 25 }], 100, 0.95)).toEqual([40, 60]);
    // a mixture over two estimates spans both
    const [low, high] = countInterval(
      [
        { mean: 30, variance: 20 },
        { mean: 60, variance: 20 },
      ],
      100,
      0.95,
    );
    expect(low).toBeLessThan(30);
    expect(high).toBeGreaterThan(60);
    // never beyond the list
    expect(countInterval([{ mean: 9.9, variance: 0.01 }], 10, 0.95)[1]).toBeLessThanOrEqual(10);
  });

  test('Cholesky solves and factors', () => {
    const chol = Cholesky.of(Float64Array.from([4, 2, 2, 3]), 2);
    expect(Array.from(chol.solve([2, 1]))).toEqual([0.5, 0]);
    expect(() => Cholesky.of(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite/);
  });

  test('the recalibration recovers the complaint-led selection and each borough\'s own level', () => {
    const rows = simulateRows(
      new Random(7),
      [
        { code: 'E09000001', shift: 0, rows: 3000, proactiveShare: 0.3 },
        { code: 'E09000002', shift: -0.7, rows: 3000, proactiveShare: 0.2 },
        // no proactive visit at all: the correction is borrowed from the others
        { code: 'E09000003', shift: 0.5, rows: 2000, proactiveShare: 0 },
      ],
      3,
    );
    const fit = SelectionAdjustedCalibration.fit(rows);
    expect(fit.triggerOddsRatios().complaint).toBeGreaterThan(2.3);
    expect(fit.triggerOddsRatios().complaint).toBeLessThan(3.9);
    for (const [code, shift] of [
      ['E09000001', 0],
      ['E09000002', -0.7],
      ['E09000003', 0.5],
    ] as const) {
      const b = fit.boroughIndex(code);
      for (const s of [0.1, 0.3, 0.6]) expect(fit.probability(fit.estimate, b, s)).toBeCloseTo(sigmoid(shift + logit(s)), 1);
    }
    expect(fit.boroughIndex('E09000033')).toBe(-1);
  });

  test('the boroughs\' spread: measured when they differ, the floor when they agree or there is one borough', () => {
    const boroughs = (random: Random, sd: number) =>
      Array.from({ length: 10 }, (_, i) => ({ code: `E090000${String(10 + i)}`, shift: random.normal(0, sd), rows: 600, proactiveShare: 0.2 }));
    const random = new Random(11);
    const differing = boroughSpread(simulateRows(random.fork('a'), boroughs(random.fork('shifts-a'), 0.8), 2.5));
    expect(differing.departures).toHaveLength(10);
    expect(differing.estimated).toBeGreaterThan(0.45);
    expect(differing.estimated).toBeLessThan(1.3);
    expect(differing.spread).toBe(differing.estimated);
    const agreeing = boroughSpread(simulateRows(random.fork('b'), boroughs(random.fork('shifts-b'), 0), 2.5));
    expect(agreeing.estimated).toBeLessThan(MIN_BOROUGH_SPREAD);
    expect(agreeing.spread).toBe(MIN_BOROUGH_SPREAD);
    const alone = boroughSpread(simulateRows(random.fork('c'), [{ code: 'E09000001', shift: 0.5, rows: 500, proactiveShare: 0.2 }], 2.5));
    expect(alone).toEqual({ spread: MIN_BOROUGH_SPREAD, estimated: null, departures: [] });
  });

  test('a borough that departs from the others widens every interval, and the method says by how much', () => {
    const random = new Random(5);
    const heads = new Map<string, ListHead>();
    const scores = Array.from({ length: 100 }, (_, i) => sigmoid(1.5 - i / 50));
    for (const code of ['E09000001', 'E09000002', 'E09000003', 'E09000004']) heads.set(code, { candidates: 1000, uprns: scores.map((_, i) => i), scores, truthFound: null });
    const width = (shifts: number[]) => {
      const rows = simulateRows(random.fork(shifts.join()), shifts.map((shift, i) => ({ code: `E0900000${i + 1}`, shift, rows: 1000, proactiveShare: 0.2 })), 2);
      const result = listForecast(rows, heads, 100, 1);
      const f = result.forecasts.E09000001;
      return { width: (f?.high ?? 0) - (f?.low ?? 0), spread: result.method.borough_spread };
    };
    const agree = width([0, 0, 0, 0]);
    const differ = width([1, -1, 0.8, -0.9]);
    expect(differ.width).toBeGreaterThan(agree.width + 5);
    expect(differ.spread?.used).toBeGreaterThan(0.5);
    expect(agree.spread?.used).toBe(MIN_BOROUGH_SPREAD);
    expect(Object.keys(differ.spread?.departures ?? {})).toHaveLength(4);
  });

  test('intervals hold the count a list finds in at least 90% of simulated lists', () => {
    let inside = 0;
    let trials = 0;
    for (let world = 0; world < 20; world++) {
      const random = new Random(1000 + world);
      const boroughs = [
        { code: 'E09000001', shift: random.normal(0, 0.5), rows: 600, proactiveShare: 0.15 },
        { code: 'E09000002', shift: random.normal(0, 0.5), rows: 400, proactiveShare: 0.1 },
      ];
      const rows = simulateRows(random.fork('rows'), boroughs, 2.5);
      const heads = new Map<string, ListHead>();
      const truth = new Map<string, number>();
      for (const b of boroughs) {
        const scores = Array.from({ length: 100 }, () => sigmoid(random.normal(0.5, 0.8))).sort((x, y) => y - x);
        heads.set(b.code, { candidates: 5000, uprns: scores.map((_, i) => 1000 + i), scores, truthFound: null });
        truth.set(b.code, scores.reduce((n, s) => n + (random.chance(sigmoid(b.shift + logit(s))) ? 1 : 0), 0));
      }
      const { forecasts } = listForecast(rows, heads, 100, world);
      for (const b of boroughs) {
        const f = forecasts[b.code];
        trials++;
        const found = truth.get(b.code) as number;
        if (f?.low !== null && f?.high !== null && found >= (f?.low ?? 0) && found <= (f?.high ?? 0)) inside++;
      }
    }
    expect(inside / trials).toBeGreaterThanOrEqual(0.9);
  });

  test('a borough without held-out rows or without a list gets nulls and says why; figures are seeded', () => {
    const rows = simulateRows(new Random(3), [{ code: 'E09000001', shift: 0, rows: 500, proactiveShare: 0.2 }], 2);
    const head: ListHead = { candidates: 300, uprns: [11, 12, 13], scores: [0.9, 0.8, 0.5], truthFound: 2 };
    const heads = new Map<string, ListHead | null>([
      ['E09000001', head],
      ['E09000002', head],
      ['E09000003', null],
    ]);
    const result = listForecast(rows, heads, 3, 42);
    const own = result.forecasts.E09000001;
    expect(own?.expected_found).not.toBeNull();
    expect(own?.score_sum).toBeCloseTo(2.2, 6);
    expect(own?.listed).toBe(3);
    expect(own?.truth_found).toBe(2);
    expect(own?.held_out_rows).toBe(500);
    expect(own?.reference_rows).toBeGreaterThan(0);
    expect(own?.low).toBeLessThanOrEqual(own?.high ?? -1);
    expect(result.forecasts.E09000002?.expected_found).toBeNull();
    expect(result.forecasts.E09000002?.note).toBe(m.forecastNoHeldOut());
    expect(result.forecasts.E09000003?.note).toBe(m.forecastNoList());
    expect(result.method.reference_triggers).toEqual(['proactive', 'model']);
    expect(result.method.assumption).toBe(m.forecastAssumption());
    expect(JSON.stringify(listForecast(rows, heads, 3, 42))).toBe(JSON.stringify(result));
  });

  test('the list head is the lists\' order: score descending, then lower UPRN; unscored candidates left out', () => {
    const head = listHead(Float64Array.from([11, 12, 13, 14, 15]), Float64Array.from([0.2, 0.9, Number.NaN, 0.9, 0.5]), 3, Int8Array.from([1, 0, 1, 1, 0]));
    expect(head).toEqual({ candidates: 5, uprns: [12, 14, 15], scores: [0.9, 0.9, 0.5], truthFound: 1 });
    expect(listHead(Float64Array.from([11, 12]), Float64Array.from([Number.NaN, 0.4]), 5, null)).toEqual({ candidates: 2, uprns: [12], scores: [0.4], truthFound: null });
  });
});

describe('the recalibration fit, bit for bit', () => {
  // The fit's row loop was written out (no index/value arrays, one exp a row, the curvature summed below the
  // diagonal and mirrored) to halve London's forecast time. It must give the very numbers the plain loop gave:
  // this digest of the estimate, 50 parameter draws and the borough spread was taken with the plain loop.
  test('estimate, draws and spread are those of the plain Newton loop', () => {
    const random = new Random(20261203);
    const triggers = ['proactive', 'complaint', 'model', 'unknown'];
    const boroughCode: string[] = [];
    const score: number[] = [];
    const label: number[] = [];
    const trigger: string[] = [];
    for (const [k, code] of ['E09000001', 'E09000007', 'E09000012', 'E09000025'].entries()) {
      for (let i = 0; i < 400 + 150 * k; i++) {
        const s = sigmoid(random.normal(-1.5, 1.2));
        const t = triggers[random.int(0, 4)] as string;
        boroughCode.push(code);
        trigger.push(t);
        score.push(s);
        label.push(random.chance(sigmoid(0.3 * k - 0.2 + logit(s) + (t === 'complaint' ? 0.8 : 0))) ? 1 : 0);
      }
    }
    const rows: ForecastRows = { length: score.length, boroughCode, score: Float64Array.from(score), label: Int8Array.from(label), trigger };
    const fit = SelectionAdjustedCalibration.fit(rows);
    const spread = boroughSpread(rows, undefined, fit);
    const digest = createHash('sha256');
    digest.update(Buffer.from(fit.estimate.buffer));
    for (const draw of fit.draws(50, new Random(7))) digest.update(Buffer.from(draw.buffer));
    digest.update(JSON.stringify(spread));
    expect(digest.digest('hex')).toBe('1cff0fce99b8baaa1f16683525becbce985014e0577c85b09e7749016d6439cd');
  });
});
