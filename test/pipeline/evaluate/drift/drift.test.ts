import { rmSync } from 'node:fs';
import { Duck, sqlString } from '../../../../pipeline/db/Duck.js';
import { chooseDriftReference, readDriftReference } from '../../../../pipeline/evaluate/drift/DriftReference.js';
import { categoricalProfile, deciles, numericProfile, populationStabilityIndex } from '../../../../pipeline/evaluate/drift/DistributionProfile.js';
import { evaluateModel } from '../../../../pipeline/evaluate/evaluateModel.js';
import { outputLayout } from '../../../../pipeline/layout.js';
import { evaluateMessages as m } from '../../../../pipeline/messages/evaluate.js';
import { DEFAULT_PARAMS, type Params } from '../../../../pipeline/params/Params.js';
import { driftLines } from '../../../../pipeline/run/tables/runSummary.js';
import { consoleSummary } from '../../../../pipeline/evaluate/consoleSummary.js';
import { headlineMetrics } from '../../../../pipeline/evaluate/metrics/headlineMetrics.js';
import { silentContext } from '../../../../pipeline/stage.js';
import { BOROUGHS, buildFixture, fakeScorer, type Fixture } from '../evaluationFixture.js';

describe('population profiles and the PSI', () => {
  test('PSI: zero for the same shares, the usual figure for a shift, NaN when the bins differ', () => {
    expect(populationStabilityIndex([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(populationStabilityIndex([0.5, 0.5], [0.9, 0.1])).toBeCloseTo(0.4 * Math.log(1.8) + 0.4 * Math.log(5), 9);
    // an emptied bin is floored, not infinite
    expect(Number.isFinite(populationStabilityIndex([0.5, 0.5], [1, 0]))).toBe(true);
    expect(populationStabilityIndex([1], [0.5, 0.5])).toBeNaN();
  });

  test('numbers are binned at the reference deciles, missing values in their own bin; categories with an "other" bin', () => {
    const reference = numericProfile('x', Float64Array.from({ length: 100 }, (_, i) => i));
    expect(reference.edges).toHaveLength(9);
    expect(reference.shares[0]).toBe(0);
    expect(reference.shares.slice(1).every((s) => Math.abs(s - 0.1) < 0.011)).toBe(true);
    const later = numericProfile('x', Float64Array.from([Number.NaN, 5, 5, 1000]), reference.edges);
    expect(later.shares[0]).toBe(0.25);
    expect(later.shares[1]).toBe(0.5);
    expect(later.shares.at(-1)).toBe(0.25);
    const tenure = categoricalProfile('tenure', ['owned', null, 'owned', 'rented']);
    expect(tenure.categories).toEqual(['owned', 'rented']);
    expect(categoricalProfile('tenure', ['social', 'owned'], tenure.categories).shares).toEqual([0, 0.5, 0, 0.5]);
  });

  test('deciles: the distinct values at the ninths of the sorted values, whether they are tallied, counted or sorted', () => {
    // the definition: every value sorted, the one at ⌊d·n/10⌋ for d = 1..9, distinct, ascending
    const bySort = (values: Float64Array): number[] => {
      const sorted = Float64Array.from(values).sort();
      const found = new Set<number>();
      for (let d = 1; d < 10 && sorted.length > 0; d++) found.add(sorted[Math.min(sorted.length - 1, Math.floor((d * sorted.length) / 10))] as number);
      return [...found].sort((a, b) => a - b);
    };
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const cases: Array<[string, Float64Array]> = [
      ['empty', new Float64Array(0)],
      ['one value', Float64Array.from([3])],
      ['small counts (tallied)', Float64Array.from({ length: 5001 }, () => Math.floor(next() * next() * 12))],
      ['flags', Float64Array.from({ length: 999 }, () => (next() < 0.93 ? 0 : 1))],
      ['negative and fractional, few distinct (counted)', Float64Array.from({ length: 3000 }, () => Math.round(next() * 40) / 4 - 5)],
      ['a zero of either sign', Float64Array.from([-0, 0, -0, 1, 2, -0, 0, 0, 3, 4, 5])],
      ['whole numbers beyond the tally', Float64Array.from({ length: 2000 }, () => Math.floor(next() * 1e6))],
      ['many distinct (sorted)', Float64Array.from({ length: 4000 }, () => next() * 1000 - 200)],
    ];
    for (const [name, values] of cases) expect([name, deciles(values)]).toEqual([name, bySort(values)]);
    expect(deciles(Float64Array.from([0, 0, 0, 1, 5]))).toEqual([0, 1, 5]);
  });

  test('the reference is the previous drop; re-evaluating the same drop keeps comparing with the one before', () => {
    const a = { E09000007: { features: [numericProfile('x', [1, 2, 3])], scores: null } };
    const b = { E09000007: { features: [numericProfile('x', [7, 8, 9])], scores: null } };
    const first = chooseDriftReference(null, a);
    expect(first.reference).toBeNull();
    expect(chooseDriftReference(first.next, a).reference).toBeNull();
    const second = chooseDriftReference(first.next, b);
    expect(second.reference?.boroughs).toEqual(a);
    const again = chooseDriftReference(second.next, b);
    expect(again.reference?.boroughs).toEqual(a);
    expect(again.next).toEqual(second.next);
  });
});

const params: Params = { ...structuredClone(DEFAULT_PARAMS), evaluate: { ...DEFAULT_PARAMS.evaluate, bootstrap_samples: 20 } };
const loader = async (dir: string) => fakeScorer(dir);

describe('drift between drops', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await buildFixture();
  });
  afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));

  test('a borough whose electoral register stopped updating is named, with the feature, in the report, the console and the run summary', async () => {
    const first = await evaluateModel({ out: fixture.out, modelDir: fixture.modelDir, params }, silentContext, loader);
    expect(first.metrics.drift.compared_with).toBeNull();
    expect(first.metrics.drift.note).toBe(m.driftNoReference());
    expect(readDriftReference(fixture.out)).not.toBeNull();
    // the same drop again: nothing moved, nothing compared
    const same = await evaluateModel({ out: fixture.out, modelDir: fixture.modelDir, params }, silentContext, loader);
    expect(same.metrics.drift).toEqual(first.metrics.drift);

    // the next drop: the second borough's register stopped updating, so no property shows a current elector
    const stale = BOROUGHS[1].code;
    const file = outputLayout(fixture.out).scoringFeatures(stale);
    const db = await Duck.open();
    try {
      await db.run(`CREATE TABLE s AS SELECT * REPLACE (CAST(0 AS DOUBLE) AS electors) FROM read_parquet(${sqlString(file)})`);
      await db.run(`COPY s TO ${sqlString(file)} (FORMAT parquet)`);
    } finally {
      db.close();
    }
    const next = await evaluateModel({ out: fixture.out, modelDir: fixture.modelDir, params }, silentContext, loader);
    const drift = next.metrics.drift;
    expect(drift.compared_with).toBe('previous_drop');
    expect(drift.boroughs[stale]?.flagged).toEqual(['electors']);
    expect(drift.boroughs[BOROUGHS[0].code]?.flagged).toEqual([]);
    expect(drift.boroughs[BOROUGHS[0].code]?.features.every((f) => f.psi === 0)).toBe(true);
    const electors = drift.boroughs[stale]?.features.find((f) => f.feature === 'electors')?.psi ?? 0;
    expect(electors).toBeGreaterThan(drift.threshold);
    expect(drift.warnings[0]).toBe(m.driftFeatures(stale, [{ feature: 'electors', psi: electors }]));
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(outputLayout(fixture.out).evaluationHtml, 'utf8')).toContain(`Drift in ${stale}`);
    expect(consoleSummary(next.metrics)).toContain(drift.warnings[0]);
    const summary = driftLines(headlineMetrics(next.metrics));
    expect(summary).toHaveLength(1);
    expect(summary[0]).toContain(stale);
    expect(summary[0]).toContain('electors');
  });
});
