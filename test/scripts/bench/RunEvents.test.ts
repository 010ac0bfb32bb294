import { parseEventLine, scoringPass, stageWindows, taskRate, taskSpans, type StageEvent } from '../../../scripts/bench/RunEvents.js';
import { evaluateMessages } from '../../../pipeline/messages/evaluate.js';

describe('parseEventLine', () => {
  test('reads stage_start and stage_end with their fields', () => {
    expect(parseEventLine('{"event":"stage_start","stage":"ingest"}', 10)).toEqual({ kind: 'stage_start', stage: 'ingest', atMs: 10 });
    expect(parseEventLine('  {"event":"stage_end","stage":"ingest","seconds":3.5,"cached":false,"ran":6}  ', 3600)).toEqual({
      kind: 'stage_end',
      stage: 'ingest',
      atMs: 3600,
      seconds: 3.5,
      cached: false,
    });
    expect(parseEventLine('{"event":"stage_end","stage":"features","borough":"E09000007","cached":true}', 5)).toMatchObject({ borough: 'E09000007', cached: true });
  });

  test('ignores anything else without failing', () => {
    for (const line of [
      '',
      'Ingesting E09000007...',
      '{"event":"borough_start","stage":"ingest","borough":"E09000001"}',
      '{"event":"stage_start"}',
      '{"event":"stage_start","stage":""}',
      '{"event":"stage_start","stage":42}',
      '{"event":"stage_end","stage":"x"',
      '[1,2]',
      'null',
    ]) {
      expect(parseEventLine(line, 0)).toBeUndefined();
    }
  });

  test('drops fields of the wrong type but keeps the event', () => {
    expect(parseEventLine('{"event":"stage_end","stage":"train","seconds":"12","cached":"no"}', 1)).toEqual({ kind: 'stage_end', stage: 'train', atMs: 1 });
    expect(parseEventLine('{"event":"stage_end","stage":"train","seconds":-1}', 1)).toEqual({ kind: 'stage_end', stage: 'train', atMs: 1 });
  });
});

const start = (stage: string, atMs: number, borough?: string): StageEvent => ({ kind: 'stage_start', stage, atMs, ...(borough ? { borough } : {}) });
const end = (stage: string, atMs: number, seconds?: number, cached?: boolean): StageEvent => ({
  kind: 'stage_end',
  stage,
  atMs,
  ...(seconds === undefined ? {} : { seconds }),
  ...(cached === undefined ? {} : { cached }),
});

describe('stageWindows', () => {
  test('makes one window per stage, in order of start, with reported seconds', () => {
    const windows = stageWindows([start('ingest', 100), end('ingest', 1100, 0.95, false), start('train', 1200), end('train', 4200, 3, false)], 5000);
    expect(windows).toEqual([
      { stage: 'ingest', startMs: 100, endMs: 1100, wallSeconds: 1, seconds: 0.95, cached: false, completed: true },
      { stage: 'train', startMs: 1200, endMs: 4200, wallSeconds: 3, seconds: 3, cached: false, completed: true },
    ]);
  });

  test('gathers a per-borough stage into one window and sums what it reported', () => {
    const [features] = stageWindows(
      [start('features', 0, 'A'), end('features', 400, 0.4), start('features', 400, 'B'), end('features', 1000, 0.6)],
      1200,
    );
    expect(features).toMatchObject({ startMs: 0, endMs: 1000, seconds: 1, completed: true });
  });

  test('uses the window when no seconds were reported, and marks a cached stage', () => {
    const [rank] = stageWindows([start('rank', 500), end('rank', 2500, undefined, true)], 3000);
    expect(rank).toMatchObject({ seconds: 2, cached: true });
  });

  test('a stage without an end runs to the exit and is marked unfinished', () => {
    const windows = stageWindows([start('ingest', 0), end('ingest', 1000, 1), start('train', 1000)], 7000);
    expect(windows[1]).toMatchObject({ stage: 'train', startMs: 1000, endMs: 7000, seconds: 6, completed: false });
  });

  test('an end without a start counts from the previous end', () => {
    const windows = stageWindows([start('ingest', 0), end('ingest', 1000, 1), end('evaluate', 3000)], 3000);
    expect(windows[1]).toMatchObject({ stage: 'evaluate', startMs: 1000, endMs: 3000, seconds: 2, completed: true });
  });

  test('no events, no windows', () => {
    expect(stageWindows([], 1000)).toEqual([]);
  });
});

describe('taskSpans and taskRate', () => {
  const progress = (borough: string, task: string, done: number, total: number, t: number) =>
    JSON.stringify({ event: 'progress', stage: 'rank', borough, task, done, total, unit: 'properties', t });
  const scoring = (task: string, borough: string | null) => borough !== null && task === `Scoring ${borough}`;

  test('one span per task and borough, from its first to its last event, by the run\'s clock', () => {
    const lines = [
      progress('A', 'Scoring A', 0, 300, 1000),
      progress('B', 'Scoring B', 0, 100, 1100),
      progress('A', 'reasons A', 0, 200, 1150),
      progress('A', 'Scoring A', 150, 300, 1200),
      progress('A', 'Scoring A', 300, 300, 1500),
      'not json',
      '{"event":"progress","task":"Scoring A","done":"x"}',
      progress('B', 'Scoring B', 100, 100, 1600),
    ];
    expect(taskSpans(lines, scoring)).toEqual([
      { task: 'Scoring A', borough: 'A', startMs: 1000, endMs: 1500, total: 300, finished: true },
      { task: 'Scoring B', borough: 'B', startMs: 1100, endMs: 1600, total: 100, finished: true },
    ]);
    // Overlapping spans each count their own time: 400 items in 0.5 + 0.5 s.
    expect(taskRate(taskSpans(lines, scoring))).toEqual({ items: 400, seconds: 1, perSecond: 400 });
  });

  test('an unfinished task or no task gives no rate', () => {
    expect(taskRate(taskSpans([progress('A', 'Scoring A', 0, 300, 1000), progress('A', 'Scoring A', 10, 300, 1400)], scoring))).toBeNull();
    expect(taskRate([])).toBeNull();
  });
});

describe('scoringPass', () => {
  const log = (stage: string, message: string) => JSON.stringify({ event: 'log', level: 'info', stage, message, t: 5 });
  test("reads the evaluate stage's scoring line as the message renders it", () => {
    const lines = ['not json', log('rank', 'Scored nothing'), log('evaluate', evaluateMessages.scored(3_605_386, 8.7371))];
    expect(scoringPass(lines)).toEqual({ items: 3_605_386, seconds: 8.737, perSecond: 3_605_386 / 8.737 });
  });
  test('no such line (or one from another stage): null', () => {
    expect(scoringPass([log('rank', evaluateMessages.scored(10, 1))])).toBeNull();
    expect(scoringPass([])).toBeNull();
  });
});
