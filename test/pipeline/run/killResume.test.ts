import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputLayout } from '../../../pipeline/layout.js';
import { DEFAULT_PARAMS } from '../../../pipeline/params/Params.js';
import { RunEvents, type RunEvent } from '../../../pipeline/progress/RunEvent.js';
import { ContentHasher } from '../../../pipeline/run/graph/ContentHasher.js';
import { RunStore } from '../../../pipeline/run/registry/RunRecord.js';
import { runPipeline } from '../../../pipeline/run/runPipeline.js';
import { emptyCalls, toyEvaluation, toyStages, writeToyDrop } from './toyStages.js';

const BOROUGHS = ['E09000001', 'E09000007', 'E09000033'];
const here = dirname(fileURLToPath(import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hmo-kill-'));
  writeToyDrop(join(dir, 'drop'), BOROUGHS);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Starts a slow toy run in a child process and kills it (SIGKILL) once `when` sees the event it waits for. */
function runAndKill(out: string, when: (event: RunEvent) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, 'toyRunMain.js'), join(dir, 'drop'), out, '150'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (!killed && when(JSON.parse(line) as RunEvent)) {
          killed = true;
          setTimeout(() => child.kill('SIGKILL'), 200); // mid-stage: between two of its writes
        }
      }
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the toy run ended without being killed (${String(signal)})`))));
  });
}

async function runToy(out: string) {
  const calls = emptyCalls();
  const record = await runPipeline(
    { drop: join(dir, 'drop'), out, params: structuredClone(DEFAULT_PARAMS), stages: toyStages(calls), evaluation: toyEvaluation },
    new RunEvents([]),
  );
  return { calls, record };
}

/** Every output file's content hash (the model keyed inside its folder, since its run id differs). */
async function outputs(out: string, modelDir: string) {
  const layout = outputLayout(out);
  const hasher = new ContentHasher();
  const dirs = [layout.ingestDir, layout.quarantineDir, dirname(layout.qualityJson), layout.featuresDir, layout.evaluationDir, layout.listsDir];
  return { data: await hasher.hashPaths(out, dirs), model: await hasher.hashPaths(modelDir, [modelDir]) };
}

describe('a run killed with SIGKILL', () => {
  test.each([
    ['in the middle of ingest', (e: RunEvent) => e.event === 'borough_start' && e.stage === 'ingest' && e.index === 2, []],
    ['in the middle of features', (e: RunEvent) => e.event === 'borough_start' && e.stage === 'features' && e.index === 2, ['ingest']],
  ])('%s resumes cleanly: the next run gives the same outputs as an uninterrupted run', async (_label, when, stagesDone) => {
    const killedOut = join(dir, 'killed');
    await runAndKill(killedOut, when);
    const store = new RunStore(killedOut);
    expect(store.list().map((r) => r.status)).toEqual(['interrupted']);
    expect(store.list()[0]?.stages.map((s) => s.stage)).toEqual(stagesDone); // run.json says how far it got
    // no leftover cache record vouches for the borough being written when killed
    const layout = outputLayout(killedOut);
    expect(existsSync(layout.runLock)).toBe(true); // left by the killed process, taken over below

    const resumed = await runToy(killedOut);
    expect(resumed.record.status).toBe('ok');
    expect(resumed.calls.ingest.length + resumed.calls.features.length).toBeGreaterThan(0);
    expect(resumed.calls.ingest).not.toContain('E09000001'); // finished before the kill: reused

    const cleanOut = join(dir, 'clean');
    const clean = await runToy(cleanOut);
    const model = (out: string, record: typeof clean.record) => join(out, record.model?.dir ?? 'missing');
    expect(await outputs(killedOut, model(killedOut, resumed.record))).toEqual(await outputs(cleanOut, model(cleanOut, clean.record)));
    const leftovers = (d: string): string[] =>
      existsSync(d) ? readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? leftovers(join(d, e.name)) : e.name.includes('.tmp-') ? [e.name] : [])) : [];
    expect(leftovers(killedOut)).toEqual([]);
    expect(existsSync(layout.runLock)).toBe(false);
  });
});
