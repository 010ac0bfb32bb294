import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputLayout } from '../../../pipeline/layout.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { JsonRenderer } from '../../../pipeline/progress/JsonRenderer.js';
import { RunEvents, type RunEvent } from '../../../pipeline/progress/RunEvent.js';
import { RunStore, type RunRecord } from '../../../pipeline/run/registry/RunRecord.js';
import { runPipeline } from '../../../pipeline/run/runPipeline.js';
import { listsMessages } from '../../../pipeline/messages/run.js';
import { ModelRegistry } from '../../../pipeline/run/registry/ModelRegistry.js';
import { publishChampionLists } from '../../../pipeline/run/registry/publishChampionLists.js';
import { silentContext } from '../../../pipeline/stage.js';
import { emptyCalls, toyDecide, toyEvaluation, toyStages, writeToyBorough, writeToyDrop, type ToyCalls } from './toyStages.js';

const BOROUGHS = ['E09000001', 'E09000007', 'E09000033'];

let dir: string;
let drop: string;
let out: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hmo-run-'));
  drop = join(dir, 'drop');
  out = join(dir, 'out');
  writeToyDrop(drop, BOROUGHS);
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(options: { params?: Params; force?: boolean; truth?: string } = {}): Promise<{ calls: ToyCalls; record: RunRecord; events: RunEvent[] }> {
  const calls = emptyCalls();
  const lines: string[] = [];
  const events = new RunEvents([new JsonRenderer({ write: (text: string) => lines.push(text) })]);
  const record = await runPipeline(
    {
      drop,
      out,
      params: options.params ?? structuredClone(DEFAULT_PARAMS),
      force: options.force ?? false,
      stages: toyStages(calls),
      evaluation: toyEvaluation,
      ...(options.truth === undefined ? {} : { truth: options.truth }),
    },
    events,
  );
  events.close();
  return { calls, record, events: lines.map((line) => JSON.parse(line) as RunEvent) };
}

function ranStages(record: RunRecord): string[] {
  return record.stages.filter((s) => !s.cached).map((s) => s.stage);
}

describe('hmo run (toy stages)', () => {
  test('a first run runs every stage, records the run and emits one start/end pair per stage', async () => {
    const { calls, record, events } = await run();
    expect(calls).toEqual({ ingest: BOROUGHS, quality: 1, features: BOROUGHS, train: 1, evaluate: 1, rank: BOROUGHS });
    expect(record.status).toBe('ok');
    expect(ranStages(record)).toEqual(['ingest', 'features', 'train', 'evaluate', 'rank']);
    expect(record.usable_boroughs).toEqual(BOROUGHS);
    expect(record.model).toEqual({ dir: `runs/${record.run_id}/model`, trained_by: record.run_id });
    expect(record.metrics?.['lobo.precision_at_100']).toEqual(expect.any(Number));
    expect(record.run_id).toMatch(/^\d{4}-\d\d-\d\dT\d{6}-[0-9a-f]{6}$/);

    const layout = outputLayout(out);
    expect(JSON.parse(readFileSync(layout.runParams(record.run_id), 'utf8'))).toEqual(DEFAULT_PARAMS);
    expect(readFileSync(layout.runMetrics(record.run_id), 'utf8')).toBe(readFileSync(layout.metricsJson, 'utf8'));
    // The run's candidate lists go with its record; OUT/lists holds only the notice that no model is approved yet.
    for (const borough of BOROUGHS) expect(existsSync(outputLayout(layout.runLists(record.run_id)).listCsv(borough))).toBe(true);
    expect(readdirSync(layout.listsDir)).toEqual(['README.txt']);
    expect(readFileSync(layout.listsNotice, 'utf8')).toBe(listsMessages.notice());
    expect(record.outputs?.champion_lists).toBeNull();
    expect(existsSync(layout.qualityJson)).toBe(true);
    // OUT/model is the latest run's model (a link to runs/<id>/model)
    expect(realpathSync(layout.modelDir)).toBe(realpathSync(join(out, 'runs', record.run_id, 'model')));

    const stageEvents = events.filter((e) => e.event === 'stage_start' || e.event === 'stage_end').map((e) => `${e.event}:${(e as { stage: string }).stage}`);
    expect(stageEvents).toEqual(['ingest', 'features', 'train', 'evaluate', 'rank'].flatMap((s) => [`stage_start:${s}`, `stage_end:${s}`]));
    const ingestEnd = events.find((e) => e.event === 'stage_end' && e.stage === 'ingest');
    expect(ingestEnd).toMatchObject({ cached: false, seconds: expect.any(Number), t: expect.any(Number) });
    const end = events[events.length - 1];
    expect(end).toMatchObject({ event: 'run_end', run_id: record.run_id, status: 'ok' });
    expect(events.filter((e) => e.event === 'borough_start' && e.stage === 'ingest')).toHaveLength(3);
    expect(events.some((e) => e.event === 'progress' && e.stage === 'train' && e.task === 'epochs')).toBe(true);
    expect(events.some((e) => e.event === 'log' && e.stage === 'features' && e.borough === 'E09000007')).toBe(true);
  });

  test('a second run with nothing changed runs no stage and reuses the model', async () => {
    const first = await run();
    const { calls, record, events } = await run();
    expect(calls).toEqual(emptyCalls());
    expect(ranStages(record)).toEqual([]);
    expect(record.run_id).not.toBe(first.record.run_id);
    expect(record.model).toEqual(first.record.model);
    expect(record.metrics).toEqual(first.record.metrics);
    expect(record.data_fingerprint).toBe(first.record.data_fingerprint);
    expect(events.filter((e) => e.event === 'stage_end').every((e) => e.event === 'stage_end' && e.cached)).toBe(true);
    expect(new RunStore(out).ids()).toEqual([first.record.run_id, record.run_id].sort());
  });

  test('a change to one table of one borough reruns only its ingest and features, then train, evaluate and rank', async () => {
    await run();
    writeFileSync(join(drop, 'E09000007', 'inspections.csv'), 'uprn,outcome\n1,hmo\n2,not-hmo\n');
    const { calls, record } = await run();
    expect(calls.ingest).toEqual(['E09000007']);
    expect(calls.quality).toBe(0); // the toy borough.json does not change with the rows
    expect(calls.features).toEqual(['E09000007']);
    expect(calls.train).toBe(1);
    expect(calls.evaluate).toBe(1);
    expect(calls.rank).toEqual(BOROUGHS); // a new model ranks every borough
    expect(record.nodes.filter((n) => n.node === 'ingest' && !n.cached).map((n) => n.borough)).toEqual(['E09000007']);
  });

  test('a CSV the manifest does not list, and timestamps alone, change nothing', async () => {
    await run();
    writeFileSync(join(drop, 'E09000001', 'notes.csv'), 'a,b\n1,2\n');
    const text = readFileSync(join(drop, 'E09000033', 'properties.csv'));
    writeFileSync(join(drop, 'E09000033', 'properties.csv'), text); // same content, new mtime
    const { calls } = await run();
    expect(calls).toEqual(emptyCalls());
  });

  test('a param change reruns from the first stage that reads it', async () => {
    await run();
    const features = structuredClone(DEFAULT_PARAMS);
    features.features.recent_months = 6;
    let { calls } = await run({ params: features });
    expect(calls.ingest).toEqual([]);
    expect(calls.features).toEqual(BOROUGHS);
    expect(calls.rank).toEqual(BOROUGHS);

    const rank = structuredClone(features);
    rank.rank.top = 50;
    ({ calls } = await run({ params: rank }));
    expect(calls).toEqual({ ingest: [], quality: 0, features: [], train: 0, evaluate: 1, rank: BOROUGHS });

    const seed = structuredClone(rank);
    seed.seed = 7;
    ({ calls } = await run({ params: seed }));
    expect(calls).toMatchObject({ ingest: [], features: [], train: 1, evaluate: 1 });
  });

  test('a missing or altered output is detected and rebuilt; --force reruns everything', async () => {
    const first = await run();
    const layout = outputLayout(out);
    rmSync(outputLayout(layout.runLists(first.record.run_id)).listCsv('E09000033'));
    writeFileSync(layout.acceptedTable('E09000001', 'properties'), 'tampered');
    let { calls } = await run();
    expect(calls.ingest).toEqual(['E09000001']);
    // the rebuilt ingest output has its old content, so features and everything after it are unchanged
    expect(calls.features).toEqual([]);
    expect(calls.train).toBe(0);
    expect(calls.rank).toEqual(['E09000033']);

    ({ calls } = await run({ force: true }));
    expect(calls).toEqual({ ingest: BOROUGHS, quality: 1, features: BOROUGHS, train: 1, evaluate: 1, rank: BOROUGHS });
  });

  test('a borough gone from the drop loses its outputs; a failed borough is not featured or ranked', async () => {
    const first = await run();
    rmSync(join(drop, 'E09000033'), { recursive: true });
    writeToyBorough(drop, 'E09000007', { properties: 'uprn\n1\n' }, { fail: true });
    const { calls, record } = await run();
    const layout = outputLayout(out);
    expect(existsSync(join(layout.ingestDir, 'E09000033'))).toBe(false);
    expect(existsSync(join(layout.featuresDir, 'E09000033'))).toBe(false);
    expect(existsSync(outputLayout(layout.runLists(first.record.run_id)).listCsv('E09000033'))).toBe(false);
    expect(existsSync(join(layout.featuresDir, 'E09000007'))).toBe(false);
    expect(calls.features).toEqual([]);
    expect(record.boroughs).toEqual(['E09000001', 'E09000007']);
    expect(record.usable_boroughs).toEqual(['E09000001']);
    expect(Object.keys(record.outputs?.lists ?? {})).toEqual(['E09000001']);
  });

  test("the officers' lists (OUT/lists) change only on promotion or when the data changes under the champion", async () => {
    const first = await run();
    const layout = outputLayout(out);
    const listFiles = () => Object.fromEntries(BOROUGHS.map((b) => [b, readFileSync(layout.listCsv(b), 'utf8')]));
    // Promote the first run's model: its lists (same model, same data) become the officers'.
    const registry = new ModelRegistry(out);
    expect(registry.promote(first.record.run_id, { decide: toyDecide }).kind).toBe('decided');
    const calls = emptyCalls();
    const published = await publishChampionLists({ out, rankBorough: toyStages(calls).rankBorough }, silentContext);
    expect(published.status).toBe('published');
    expect(existsSync(layout.listsNotice)).toBe(false);
    const approved = listFiles();
    for (const b of BOROUGHS) expect(approved[b]).toBe(readFileSync(outputLayout(layout.runLists(first.record.run_id)).listCsv(b), 'utf8'));

    // An experiment with other params (a new candidate model, other list length) leaves OUT/lists byte-identical.
    const other = structuredClone(DEFAULT_PARAMS);
    other.seed = 99;
    other.rank.top = 50;
    const experiment = await run({ params: other });
    expect(experiment.calls.train).toBe(1);
    expect(experiment.calls.rank).toEqual(BOROUGHS);
    expect(listFiles()).toEqual(approved);
    expect(experiment.record.outputs?.champion_lists).toMatchObject({ champion_run: first.record.run_id, status: 'current' });
    expect(readFileSync(outputLayout(layout.runLists(experiment.record.run_id)).listCsv('E09000001'), 'utf8')).not.toBe(approved.E09000001);

    // A list the team filled in is theirs, not a tampered output: the next run neither reranks nor rewrites it.
    writeFileSync(layout.listCsv('E09000007'), `${approved.E09000007}filled in by the team\n`);
    const again = await run({ params: other });
    expect(again.calls.rank).toEqual([]);
    expect(readFileSync(layout.listCsv('E09000007'), 'utf8')).toBe(`${approved.E09000007}filled in by the team\n`);

    // New data under the champion: its lists are ranked again on it (with the champion's own params).
    writeToyBorough(drop, 'E09000001', { properties: 'uprn\n1\n2\n3\nnew\n', inspections: 'uprn,outcome\n1,hmo\n' });
    const newData = await run({ params: other });
    expect(newData.record.outputs?.champion_lists).toMatchObject({ champion_run: first.record.run_id, status: 'published' });
    expect(listFiles().E09000001).not.toBe(approved.E09000001);
    expect(readFileSync(layout.listHtml('E09000001'), 'utf8')).toContain(`top ${DEFAULT_PARAMS.rank.top}`);
  });

  test('a truth file is an input of evaluate only', async () => {
    const truth = join(dir, 'truth.csv');
    writeFileSync(truth, 'uprn,borough_code,is_hmo,is_licensed\n1,E09000001,true,false\n');
    await run({ truth });
    writeFileSync(truth, 'uprn,borough_code,is_hmo,is_licensed\n1,E09000001,false,false\n');
    const { calls, record } = await run({ truth });
    expect(calls).toEqual({ ingest: [], quality: 0, features: [], train: 0, evaluate: 1, rank: [] });
    expect(record.truth_fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});
