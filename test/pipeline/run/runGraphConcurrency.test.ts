import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError } from '../../../pipeline/errors/CommandError.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { RunEvents, type RunEvent, type RunRenderer } from '../../../pipeline/progress/RunEvent.js';
import type { BaseSettings, PipelineNode } from '../../../pipeline/run/graph/PipelineNode.js';
import { value } from '../../../pipeline/run/graph/PipelineNode.js';
import { runGraph } from '../../../pipeline/run/graph/runGraph.js';
import { StageCache } from '../../../pipeline/run/graph/StageCache.js';
import { writeFileAtomic } from '../../../pipeline/util/atomicWrite.js';

const BOROUGHS = ['E09000001', 'E09000002', 'E09000003', 'E09000004', 'E09000005'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let out: string;
beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'hmo-graph-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

/**
 * A per-borough node whose boroughs finish in reverse order (the first
 * sleeps longest), counting how many run at once; `fail` boroughs throw.
 */
function boroughNode(fail: ReadonlyMap<string, Error> = new Map()) {
  const counters = { now: 0, most: 0 };
  const node: PipelineNode<BaseSettings> = {
    name: 'toy',
    stage: 'toy',
    perBorough: true,
    needs: [],
    params: [],
    boroughs: () => BOROUGHS,
    codeVersion: () => 'v1',
    inputs: (s) => ({ borough: value(s.borough) }),
    outputs: (s) => ({ file: join(out, 'toy', `${s.borough}.txt`) }),
    run: async (s, ctx) => {
      const borough = s.borough as string;
      counters.now += 1;
      counters.most = Math.max(counters.most, counters.now);
      ctx.progress.start(`rows ${borough}`, 2, 'rows');
      await sleep(10 * (BOROUGHS.length - BOROUGHS.indexOf(borough)));
      ctx.progress.update(1);
      ctx.log.info(`halfway ${borough}`);
      await sleep(5);
      counters.now -= 1;
      const error = fail.get(borough);
      if (error !== undefined) throw error;
      writeFileAtomic(join(out, 'toy', `${borough}.txt`), borough);
      ctx.progress.finish();
    },
  };
  return { node, counters };
}

async function run(node: PipelineNode<BaseSettings>, concurrency: number | undefined) {
  const events: RunEvent[] = [];
  const recorder: RunRenderer = { handle: (event) => events.push(event), close: () => undefined };
  const settings: BaseSettings = { out, params: structuredClone(DEFAULT_PARAMS) };
  const result = runGraph([node], settings, { runId: 'r1', events: new RunEvents([recorder]), ...(concurrency === undefined ? {} : { concurrency }) });
  return { result, events };
}

describe('runGraph: boroughs of a per-borough node at once', () => {
  test.each([1, 2, 3])('at most %i at once; outcomes, starts and cache records in borough order whatever the finish order', async (limit) => {
    const { node, counters } = boroughNode();
    const { result, events } = await run(node, limit);
    const graph = await result;
    expect(counters.most).toBe(limit);
    expect(graph.nodes.map((n) => n.borough)).toEqual(BOROUGHS);
    expect(graph.nodes.every((n) => !n.cached)).toBe(true);
    expect(graph.stages).toEqual([{ stage: 'toy', seconds: expect.any(Number), cached: false, ran: 5, reused: 0 }]);
    const starts = events.filter((e) => e.event === 'borough_start');
    expect(starts.map((e) => (e.event === 'borough_start' ? [e.borough, e.index] : []))).toEqual(BOROUGHS.map((b, i) => [b, i + 1]));
    expect(events.filter((e) => e.event === 'borough_end')).toHaveLength(5);
    // every borough's progress and log lines carry its borough
    const halfway = events.filter((e) => e.event === 'log');
    expect(halfway.map((e) => (e.event === 'log' ? `${e.borough} ${e.message}` : '')).sort()).toEqual(BOROUGHS.map((b) => `${b} halfway ${b}`));
    const cache = new StageCache(out);
    for (const borough of BOROUGHS) {
      expect(cache.read('toy', borough)?.outputs.file?.path).toBe(`toy/${borough}.txt`);
      expect(readFileSync(join(out, 'toy', `${borough}.txt`), 'utf8')).toBe(borough);
    }
    // the first borough sleeps longest: with room for several, a later one ends first
    const ends = events.filter((e) => e.event === 'borough_end').map((e) => (e.event === 'borough_end' ? e.borough : ''));
    if (limit > 1) expect(ends[0]).not.toBe(BOROUGHS[0]);
    else expect(ends).toEqual(BOROUGHS);
  });

  test('the default is one at a time', async () => {
    const { node, counters } = boroughNode();
    await (await run(node, undefined)).result;
    expect(counters.most).toBe(1);
  });

  test('a failing borough does not stop the others: they finish and are cached; the first failure in borough order is thrown, the others logged', async () => {
    const failures = new Map<string, Error>([
      ['E09000004', new Error('disk full')],
      ['E09000002', new CommandError('no model for E09000002', 1)],
    ]);
    const { node } = boroughNode(failures);
    const { result, events } = await run(node, 2);
    const error = (await result.catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CommandError);
    expect(error.message).toBe('no model for E09000002');
    const cache = new StageCache(out);
    for (const borough of ['E09000001', 'E09000003', 'E09000005']) expect(cache.read('toy', borough)).toBeDefined();
    for (const borough of ['E09000002', 'E09000004']) {
      expect(cache.read('toy', borough)).toBeUndefined();
      expect(existsSync(join(out, 'toy', `${borough}.txt`))).toBe(false);
    }
    const errors = events.filter((e) => e.event === 'log' && e.level === 'error');
    expect(errors).toEqual([expect.objectContaining({ stage: 'toy', borough: 'E09000004', message: expect.stringContaining('disk full') })]);
    expect(events.some((e) => e.event === 'stage_end')).toBe(false);

    // the next run reruns only the boroughs that failed
    const again = boroughNode();
    const graph = await (await run(again.node, 2)).result;
    expect(graph.nodes.filter((n) => !n.cached).map((n) => n.borough)).toEqual(['E09000002', 'E09000004']);
  });
});
