import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CommandError } from '../../../pipeline/errors/CommandError.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { runMessages } from '../../../pipeline/messages/run.js';
import { DEFAULT_PARAMS, type Params } from '../../../pipeline/params/Params.js';
import { RunEvents } from '../../../pipeline/progress/RunEvent.js';
import { diffRuns, runsTable } from '../../../pipeline/run/registry/compareRuns.js';
import { ModelRegistry } from '../../../pipeline/run/registry/ModelRegistry.js';
import { modelsTable } from '../../../pipeline/run/tables/modelsTable.js';
import { resolveModelDir } from '../../../pipeline/run/registry/resolveModelDir.js';
import { RunStore, type RunRecord } from '../../../pipeline/run/registry/RunRecord.js';
import { runPipeline } from '../../../pipeline/run/runPipeline.js';
import { toyDecide, toyEvaluation, toyStages, writeToyDrop } from './toyStages.js';

let dir: string;
let out: string;
let clock = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hmo-registry-'));
  out = join(dir, 'out');
  writeToyDrop(join(dir, 'drop'), ['E09000001', 'E09000007']);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(change: (p: Params) => void = () => undefined): Promise<RunRecord> {
  const params = structuredClone(DEFAULT_PARAMS);
  change(params);
  clock += 1;
  return runPipeline(
    { drop: join(dir, 'drop'), out, params, stages: toyStages(), evaluation: toyEvaluation, now: () => new Date(Date.UTC(2026, 10, 27, 9, 30, clock)) },
    new RunEvents([]),
  );
}

/** The toy precision of a run. */
const precision = (r: RunRecord) => r.metrics?.['lobo.precision_at_100'] as number;

describe('model registry', () => {
  test('the first model is promoted by command, with no champion to compare; nothing is promoted by hmo run', async () => {
    const first = await run();
    const registry = new ModelRegistry(out);
    expect(registry.champion()).toBeNull();
    expect(() => resolveModelDir(out)).toThrow(runMessages.noChampion(out));
    expect(first.promotion_preview).toEqual({ pass: true, reasons: ['no champion to compare with'] });

    const result = registry.promote(first.run_id, { decide: toyDecide, now: new Date('2026-11-27T10:00:00Z') });
    expect(result.kind).toBe('decided');
    expect(registry.champion()).toEqual({ run_id: first.run_id, model: first.model?.dir, promoted_at: '2026-11-27T10:00:00.000Z' });
    expect(resolveModelDir(out)).toBe(resolve(out, `runs/${first.run_id}/model`));
    expect(resolveModelDir(out, 'champion')).toBe(resolveModelDir(out));
    expect(resolveModelDir(out, first.run_id)).toBe(resolveModelDir(out));
    expect(resolveModelDir(out, first.run_id.slice(0, 15))).toBe(resolveModelDir(out));
    expect(resolveModelDir(out, join(out, 'runs', first.run_id, 'model'))).toBe(resolveModelDir(out));
    expect(() => resolveModelDir(out, 'no-such-run')).toThrow(CommandError);

    // a cached rerun uses the same model: promoting it is a no-op
    const again = await run();
    expect(again.model).toEqual(first.model);
    expect(registry.promote(again.run_id, { decide: toyDecide }).kind).toBe('already-champion');
  });

  test('a worse candidate is refused and the refusal recorded; --force needs --why and is recorded', async () => {
    // find two seeds whose toy precision differ, to have a better and a worse model
    const a = await run((p) => (p.seed = 1));
    const b = await run((p) => (p.seed = 2));
    const [better, worse] = precision(a) >= precision(b) ? [a, b] : [b, a];
    expect(precision(better)).toBeGreaterThan(precision(worse) + DEFAULT_PARAMS.promotion.max_precision_at_100_drop);
    const registry = new ModelRegistry(out);
    registry.promote(better.run_id, { decide: toyDecide });

    const refused = registry.promote(worse.run_id, { decide: toyDecide });
    expect(refused.kind === 'decided' && refused.entry.accepted).toBe(false);
    expect(registry.champion()?.run_id).toBe(better.run_id);

    let error: unknown;
    try {
      registry.promote(worse.run_id, { decide: toyDecide, force: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).exitCode).toBe(2);
    expect((error as CommandError).message).toBe(runMessages.forceNeedsWhy);

    const forced = registry.promote(worse.run_id, { decide: toyDecide, force: true, why: 'audit asked for it' });
    expect(forced.kind === 'decided' && forced.entry).toMatchObject({ accepted: true, forced: true, why: 'audit asked for it', champion_before: better.run_id });
    expect(registry.champion()?.run_id).toBe(worse.run_id);

    const file = JSON.parse(readFileSync(outputLayout(out).registry, 'utf8')) as { decisions: Array<{ accepted: boolean; reasons: string[] }> };
    expect(file.decisions.map((d) => d.accepted)).toEqual([true, false, true]);
    expect(file.decisions[1]?.reasons[0]).toMatch(/^precision@100 drops by/);

    // accepted: the better model passes against the worse champion
    const back = registry.promote(better.run_id, { decide: toyDecide });
    expect(back.kind === 'decided' && back.entry.accepted).toBe(true);

    const table = modelsTable(new RunStore(out).list(), registry.read());
    expect(table).toContain(`* runs/${better.run_id}/model`);
    expect(table).toContain('audit asked for it');
  });

  test('runs list and runs diff show two known runs side by side with deltas', async () => {
    const a = await run();
    const b = await run((p) => {
      p.seed = 9;
      p.rank.top = 50;
    });
    const store = new RunStore(out);
    new ModelRegistry(out).promote(a.run_id, { decide: toyDecide });

    const list = runsTable(store.list(), a.run_id);
    expect(list.split('\n')[0]).toMatch(/run +started \(UTC\) +drop +boroughs +status +stages +lobo\.precision_at_100 +model/);
    expect(list).toContain(`* ${a.run_id}`);
    expect(list).toContain(`  ${b.run_id}`);
    expect(list).toContain('3 ran, 2 cached'); // b: train, evaluate, rank ran

    const diff = diffRuns(a, b, store.params(a.run_id), store.params(b.run_id));
    const row = (label: string) => diff.split('\n').find((line) => line.startsWith(label))?.split(/ {2,}/);
    expect(row('params.seed')).toEqual(['params.seed', '42', '9', '-33']);
    expect(row('params.rank.top')).toEqual(['params.rank.top', '200', '50', '-150']);
    expect(row('params.train.patience')).toBeUndefined(); // equal params are left out
    const pa = precision(a);
    const pb = precision(b);
    const metric = row('metrics.lobo.precision_at_100');
    expect(metric?.slice(1, 3)).toEqual([pa.toFixed(3), pb.toFixed(3)]);
    expect(Number(metric?.[3])).toBeCloseTo(pb - pa, 2);
    expect(row('run.data_fingerprint')?.[3]).toBe('=');
    expect(diffRuns(a, b, store.params(a.run_id), store.params(b.run_id), { allParams: true })).toContain('params.train.patience');
  });
});
