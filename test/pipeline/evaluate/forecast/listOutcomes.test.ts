import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duck, sqlString } from '../../../../pipeline/db/Duck.js';
import { consoleSummary } from '../../../../pipeline/evaluate/consoleSummary.js';
import { evaluateModel } from '../../../../pipeline/evaluate/evaluateModel.js';
import { readForecastLedger, type LedgerEntry } from '../../../../pipeline/evaluate/forecast/ForecastLedger.js';
import { listOutcome } from '../../../../pipeline/evaluate/forecast/listOutcomes.js';
import { outputLayout } from '../../../../pipeline/layout.js';
import { evaluateMessages as m } from '../../../../pipeline/messages/evaluate.js';
import { writeListOutcomes } from '../../../../pipeline/outcomes/writeListOutcomes.js';
import { DEFAULT_PARAMS, type Params } from '../../../../pipeline/params/Params.js';
import { silentContext } from '../../../../pipeline/stage.js';
import { escapeHtml } from '../../../../pipeline/util/html.js';
import { BOROUGHS, buildFixture, fakeScorer, type Fixture } from '../evaluationFixture.js';

const entry = (scores: number[]): LedgerEntry => ({
  id: 'E09000007/m/2025-06-30',
  borough_code: 'E09000007',
  model_id: 'm',
  extract_date: '2025-06-30',
  top_n: scores.length,
  level: 0.95,
  uprns: scores.map((_, i) => 100 + i),
  scores,
  // P(hmo) = the score itself, give or take a little
  estimate: [0, 1],
  draws: [
    [-0.1, 1],
    [0, 1],
    [0.1, 1],
  ],
});

describe('a list\'s promise against its visits', () => {
  test('the forecast for the visited properties only, against what they found; a shortfall below the interval', () => {
    const list = entry(Array.from({ length: 40 }, () => 0.5));
    const visits = new Map(Array.from({ length: 30 }, (_, i) => [100 + i, i % 2]));
    const kept = listOutcome(list, visits);
    expect(kept?.visited).toBe(30);
    expect(kept?.found).toBe(15);
    expect(kept?.expected_found).toBeCloseTo(15, 6);
    expect(kept?.low).toBeLessThan(15);
    expect(kept?.high).toBeGreaterThan(15);
    expect(kept?.shortfall).toBe(false);
    const short = listOutcome(list, new Map(Array.from({ length: 30 }, (_, i) => [100 + i, i < 4 ? 1 : 0])));
    expect(short?.found).toBe(4);
    expect(short?.shortfall).toBe(true);
    expect(short?.p_at_most_found).toBeLessThan(0.01);
    // a visit to a property not on the list, or no visit, is not the list's
    expect(listOutcome(list, new Map([[999, 1]]))).toBeNull();
  });
});

const params: Params = { ...structuredClone(DEFAULT_PARAMS), evaluate: { ...DEFAULT_PARAMS.evaluate, bootstrap_samples: 20 }, rank: { ...DEFAULT_PARAMS.rank, top: 60 } };
const loader = async (dir: string) => fakeScorer(dir);

describe('outcomes fed back through hmo outcomes', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await buildFixture();
  });
  afterAll(() => rmSync(fixture.root, { recursive: true, force: true }));

  test('the next evaluation shows, for the list issued, its forecast against what the visits found', async () => {
    const first = await evaluateModel({ out: fixture.out, modelDir: fixture.modelDir, params }, silentContext, loader);
    expect(first.metrics.list_outcomes).toEqual([]);
    const borough = BOROUGHS[0];
    const issued = readForecastLedger(fixture.out).entries.find((e) => e.borough_code === borough.code);
    expect(issued?.uprns).toHaveLength(60);
    expect(issued?.extract_date).toBe(borough.extract);

    // the team visits the first 40 properties of the list and records what it found, as the truth says
    const truth = new Map(fixture.truthRows.map((t) => [t.uprn, t]));
    const visited = (issued?.uprns ?? []).slice(0, 40);
    const visitDay = '2026-11-02';
    const listFile = join(fixture.root, 'filled_list.csv');
    const lines = ['rank,uprn,outcome,inspected_on', ...(issued?.uprns ?? []).map((u, i) => `${i + 1},${u},${i < 40 ? (truth.get(u)?.is_hmo === 1 ? 'hmo' : 'not-hmo') : ''},${i < 40 ? visitDay : ''}`)];
    writeFileSync(listFile, `${lines.join('\n')}\n`);
    const recorded = join(fixture.root, 'inspections_from_list.csv');
    expect(writeListOutcomes({ list: listFile, out: recorded, today: '2026-12-01' }).written).toBe(40);

    // the next drop of the borough carries those visits
    const layout = outputLayout(fixture.out);
    const db = await Duck.open();
    try {
      const table = layout.acceptedTable(borough.code, 'inspections');
      await db.run(
        `CREATE TABLE i AS SELECT * FROM read_parquet(${sqlString(table)}) UNION ALL ` +
          `SELECT ${sqlString(borough.code)} AS borough_code, CAST(100000 + row_number() OVER () AS BIGINT) AS source_line, CAST(uprn AS BIGINT) AS uprn, ` +
          `CAST(inspection_date AS DATE) AS inspection_date, outcome, trigger FROM read_csv(${sqlString(recorded)}, all_varchar = true)`,
      );
      await db.run(`COPY i TO ${sqlString(table)} (FORMAT parquet)`);
    } finally {
      db.close();
    }
    const status = JSON.parse(readFileSync(layout.boroughStatus(borough.code), 'utf8')) as { extract_date: string };
    status.extract_date = '2026-12-31';
    writeFileSync(layout.boroughStatus(borough.code), JSON.stringify(status));

    const next = await evaluateModel({ out: fixture.out, modelDir: fixture.modelDir, params }, silentContext, loader);
    const outcomes = next.metrics.list_outcomes;
    expect(outcomes).toHaveLength(1);
    const outcome = outcomes[0];
    expect(outcome?.list).toBe(issued?.id);
    expect(outcome?.visited).toBe(40);
    expect(outcome?.found).toBe(visited.filter((u) => truth.get(u)?.is_hmo === 1).length);
    expect(outcome?.low).toBeLessThanOrEqual(outcome?.high ?? -1);
    expect(outcome?.shortfall).toBe((outcome?.found ?? 0) < (outcome?.low ?? 0));
    expect(readFileSync(layout.evaluationHtml, 'utf8')).toContain(escapeHtml(m.outcomesHeading()));
    expect(consoleSummary(next.metrics).join('\n')).toContain(`${issued?.id}: 40 visited, ${outcome?.found} HMOs found`);
  });
});
