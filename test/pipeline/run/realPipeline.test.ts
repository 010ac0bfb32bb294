// The real stages, wired by `hmo run`, on a tiny drop: caching, a changed
// table, and a real `hmo run` killed with SIGKILL in the middle of training.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { outputLayout } from '../../../pipeline/layout.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { RunEvents, type RunEvent } from '../../../pipeline/progress/RunEvent.js';
import { ContentHasher } from '../../../pipeline/run/graph/ContentHasher.js';
import { RunStore } from '../../../pipeline/run/registry/RunRecord.js';
import { runPipeline } from '../../../pipeline/run/runPipeline.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { writeTinyDrop, type TinyDrop } from './tinyDrop.js';

/** Small, fast settings: one model, few bootstrap samples, no worker threads. */
function fastParams(): Params {
  const params = structuredClone(DEFAULT_PARAMS);
  params.train.models = ['logistic'];
  params.train.parallel_folds = false;
  params.evaluate.bootstrap_samples = 10;
  params.rank.top = 20;
  return params;
}

let dir: string;
let tiny: TinyDrop;
let paramsFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hmo-real-'));
  tiny = writeTinyDrop(dir);
  paramsFile = join(dir, 'params.json');
  writeFileSync(paramsFile, JSON.stringify(fastParams()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(out: string, concurrency?: number) {
  return runPipeline({ drop: tiny.drop, out, truth: tiny.truth, params: fastParams(), ...(concurrency === undefined ? {} : { concurrency }) }, new RunEvents([]));
}

/** Content hashes of the outputs people and later stages read (the model's metadata carries its creation time). */
async function outputs(out: string) {
  const layout = outputLayout(out);
  const hasher = new ContentHasher();
  // The latest run's candidate lists (OUT/runs/<id>/lists), keyed relative to its run folder, and the officers' OUT/lists (a notice here).
  const latest = new RunStore(out).list().filter((r) => r.status === 'ok').pop();
  const runLists = layout.runLists(latest?.run_id ?? 'none');
  const lists = { ...(await hasher.hashPaths(runLists, [join(runLists, 'lists')])), ...(await hasher.hashPaths(out, [layout.listsDir])) };
  const data = await hasher.hashPaths(out, [layout.ingestDir, layout.quarantineDir, layout.qualityJson, layout.featuresDir]);
  const predictions = await hasher.hashPaths(out, [join(layout.modelDir, 'validation')]);
  return { lists, data, predictions: Object.values(predictions) };
}

// Each test runs the whole pipeline two or three times (trees and the new feature families included):
// minutes, not seconds, on a busy 2-core machine; the time is not what is tested.
const REAL_RUN_TIMEOUT = 600_000;

describe('hmo run with the real stages on a tiny drop', () => {
  test('first run, a cached rerun, then a change to one table of one borough', async () => {
    const out = join(dir, 'cached');
    const first = await run(out);
    expect(first.status).toBe('ok');
    expect(first.usable_boroughs).toEqual(tiny.boroughs);
    const layout = outputLayout(out);
    const lists = outputLayout(layout.runLists(first.run_id));
    for (const borough of tiny.boroughs) expect(readFileSync(lists.listCsv(borough), 'utf8').split('\n').length).toBeGreaterThan(10);
    expect(first.metrics?.['lobo.model.borough_mean.roc_auc']).toBeGreaterThan(0.5);

    const second = await run(out);
    expect(second.stages.filter((s) => !s.cached)).toEqual([]);
    expect(second.model).toEqual(first.model);

    const borough = tiny.boroughs[1] as string;
    appendFileSync(join(tiny.drop, borough, 'complaints.csv'), `${1000 * 2 + 5},2026-01-02,noise\n`);
    const manifestFile = join(tiny.drop, borough, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { tables: { complaints: { rows: number } } };
    manifest.tables.complaints.rows += 1;
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
    const third = await run(out);
    const ran = (node: string) => third.nodes.filter((n) => n.node === node && !n.cached).map((n) => n.borough);
    expect(ran('ingest')).toEqual([borough]);
    expect(ran('features')).toEqual([borough]);
    expect(ran('train')).toEqual([null]);
    expect(ran('evaluate')).toEqual([null]);
    expect(third.data_fingerprint).not.toBe(first.data_fingerprint);
  }, REAL_RUN_TIMEOUT);

  test('a real hmo run killed with SIGKILL in the middle of training resumes to the same outputs as an uninterrupted run', async () => {
    const killed = join(dir, 'killed');
    const cli = join(packageRoot(), 'dist', 'pipeline', 'cli.js');
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [cli, 'run', '--drop', tiny.drop, '--truth', tiny.truth, '--out', killed, '--params', paramsFile, '--json'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const event = JSON.parse(line) as RunEvent;
          if (event.event === 'progress' && event.stage === 'train' && event.done >= 1) child.kill('SIGKILL');
        }
      });
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`hmo run was not killed in training (${String(signal)})`))));
    });
    const store = new RunStore(killed);
    expect(store.list().map((r) => [r.status, r.stages.map((s) => s.stage)])).toEqual([['interrupted', ['ingest', 'features']]]);
    expect(existsSync(join(killed, 'cache', 'train', 'all.json'))).toBe(false);

    const resumed = await run(killed);
    expect(resumed.stages.map((s) => [s.stage, s.cached])).toEqual([
      ['ingest', true],
      ['features', true],
      ['train', false],
      ['evaluate', false],
      ['rank', false],
    ]);
    const clean = join(dir, 'clean');
    await run(clean);
    expect(await outputs(killed)).toEqual(await outputs(clean));
    expect(dirname(resumed.model?.dir ?? '')).toBe(`runs/${resumed.run_id}`);
  }, REAL_RUN_TIMEOUT);

  test('boroughs on worker threads, two at once, give the same outputs and records as one at a time in this thread', async () => {
    const threads = await run(join(dir, 'threads'), 2);
    const inline = await run(join(dir, 'inline'), 1);
    expect(await outputs(join(dir, 'threads'))).toEqual(await outputs(join(dir, 'inline')));
    expect(threads.nodes.map((n) => [n.node, n.borough])).toEqual(inline.nodes.map((n) => [n.node, n.borough]));
    expect(threads.data_fingerprint).toBe(inline.data_fingerprint);
  }, REAL_RUN_TIMEOUT);
});
