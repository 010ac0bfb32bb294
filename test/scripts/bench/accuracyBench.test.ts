import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError } from '../../../pipeline/errors/CommandError.js';
import { worldNames } from '../../../pipeline/generate/worlds/registry.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { defaultModelKinds, MODEL_KINDS } from '../../../models/learners.js';
import { ACCURACY_BIG_SCALE, ACCURACY_SCALE, parseAccuracyArgs } from '../../../scripts/bench/accuracyBench.js';
import type { ListYield, LoboFigures } from '../../../scripts/bench/accuracy.js';
import { HELD_OUT_WORLD, runAccuracyBench, type AccuracyResults, type ModelAccuracy, type WorldAccuracy } from '../../../scripts/bench/runAccuracyBench.js';
import { meetsBar, renderAccuracyReport } from '../../../scripts/bench/writeAccuracyReport.js';
import { pythonHas } from '../../helpers/debianPython.js';

const root = packageRoot();
const pythonReady = pythonHas('pandas', 'sklearn');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-accuracy-run-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseAccuracyArgs', () => {
  test('defaults: every world, the held-out one last, four boroughs at the default scale; --big scales up', async () => {
    const options = await parseAccuracyArgs([], root);
    if (options === 'help' || 'reportOnly' in options) throw new Error('not a run');
    expect([...options.worlds].sort()).toEqual(worldNames().sort());
    expect(options.worlds[options.worlds.length - 1]).toBe(HELD_OUT_WORLD);
    expect(options.heldOut).toBe(HELD_OUT_WORLD);
    expect(options.boroughs).toHaveLength(4);
    expect(options.scale).toBe(ACCURACY_SCALE);
    expect(options.learners).toEqual(defaultModelKinds());
    const big = await parseAccuracyArgs(['--big', '--learners', 'logistic'], root);
    if (big === 'help' || 'reportOnly' in big) throw new Error('not a run');
    expect(big.scale).toBe(ACCURACY_BIG_SCALE);
    expect(big.learners).toEqual(['logistic']);
  });

  test('an unknown world, one borough or a bad scale is a usage error', async () => {
    for (const args of [['--learners', 'logistic,oracle'], ['--worlds', 'calibrated,atlantis'], ['--held-out', 'atlantis'], ['--boroughs', 'E09000007'], ['--scale', '0'], ['--boroughs', 'E09000099,E09000007']]) {
      await expect(parseAccuracyArgs(args, root)).rejects.toThrow(CommandError);
    }
  });
});

const lobo = (model: string, roc: number, pr: number): LoboFigures => ({ model, rows: 500, positives: 60, roc_auc: roc, pr_auc: pr, precision_at_k: null, precision_at_k_per_borough: null, k: 100 });
const list = (hit: number): ListYield => ({ boroughs: 2, listed: 200, undeclared_found: Math.round(hit * 200), hit_rate: hit, top: 100, per_borough: { E09000007: { listed: 100, undeclared_found: Math.round(hit * 100), hit_rate: hit }, E09000012: { listed: 100, undeclared_found: Math.round(hit * 100), hit_rate: hit } } });
const model = (side: 'ours' | 'peer', name: string, chosen: boolean, roc: number, hit: number | null): ModelAccuracy => ({ side, model: name, chosen, lobo: lobo(name, roc, roc - 0.2), list: hit === null ? null : list(hit) });
const world = (name: string, heldOut: boolean, models: ModelAccuracy[]): WorldAccuracy => ({
  world: name, summary: `The ${name} world.`, held_out: heldOut, properties: 6000, undeclared_hmos: 150,
  rows: { common: 500, positives: 60, only_ours: 0, only_peer: 0 },
  ours: { ok: true, error: null, wall_seconds: 30, out: '/x' }, peer: { ok: true, error: null, wall_seconds: 20, out: '/y' }, models, notes: [],
});

describe('the report', () => {
  const results: AccuracyResults = {
    generated_at: '2026-12-03T09:00:00.000Z',
    load_average: [3.5, 4, 4.2],
    machine: { cpu_model: 'cpu', cores: 2, ram_bytes: 1, os: 'linux', node: 'v20', date: '2026-12-03', git_commit: 'abc1234', git_dirty: false },
    config: { boroughs: ['E09000007', 'E09000012'], scale: 2, seed: 1, learners: null, held_out: 'patchwork', top: 100, peer_threads: 1 },
    worlds: [
      world('calibrated', false, [model('ours', 'logistic', true, 0.853, 0.5), model('ours', 'mlp', false, 0.86, null), model('peer', 'hgb', true, 0.856, 0.45), model('peer', 'xgboost', false, 0.84, 0.47)]),
      world('patchwork', true, [model('ours', 'logistic', true, 0.8, 0.4), model('peer', 'hgb', true, 0.82, 0.41)]),
    ],
    seconds: 100,
  };

  test('the bar: ours at least the best peer on P@100, and ROC AUC within 0.005 of the best peer', () => {
    expect(meetsBar(results.worlds[0] as WorldAccuracy)).toEqual({ p100: true, auc: true });
    expect(meetsBar(results.worlds[1] as WorldAccuracy)).toEqual({ p100: false, auc: false });
  });

  test('names the held-out world in its own section, with per-borough P@100 and the command', () => {
    const md = renderAccuracyReport(results);
    expect(md).toContain('npm run bench:accuracy');
    expect(md).toContain('## Held out: patchwork');
    expect(md.indexOf('### calibrated')).toBeLessThan(md.indexOf('## Held out: patchwork'));
    expect(md.indexOf('### patchwork')).toBeGreaterThan(md.indexOf('## Held out: patchwork'));
    expect(md).toContain('| patchwork (held out) | 500 (60) | logistic | 0.800 |');
    expect(md).toContain('P@100 Camden | P@100 Hackney');
    expect(md).toContain('| ours | logistic (chosen) | 0.853 | 0.653 | 0.50 | 0.50 | 0.50 |');
    expect(md).toContain('| ours | mlp | 0.860 | 0.660 | — | — | — |');
    expect(md).toMatch(/\| calibrated \|.*\| yes \|/);
    expect(md).toMatch(/\| patchwork \(held out\) \|.*\| no \(P@100, AUC\) \|/);
    expect(md).toContain('The bar is met on 1 of 2 worlds (calibrated). Pooled P@100, ours minus the best peer model: calibrated +0.03, patchwork -0.01.');
    expect(md).toContain('load average 3.5 / 4 / 4.2');
  });
});

describe('runAccuracyBench', () => {
  test('runs hmo run (and the peer, when Python is there) on a generated world and measures both on the same rows', async () => {
    const results = await runAccuracyBench({
      root,
      cacheDir: join(dir, 'cache'),
      docsDir: join(dir, 'docs'),
      worlds: ['legacy'],
      heldOut: 'patchwork',
      boroughs: ['E09000012', 'E09000025'],
      scale: 0.6,
      seed: 3,
      learners: MODEL_KINDS,
      python: '/usr/bin/python3',
      peerThreads: 1,
      skipPeer: !pythonReady,
      log: () => undefined,
    });
    const [legacy] = results.worlds;
    expect(legacy?.world).toBe('legacy');
    expect(legacy?.ours?.ok).toBe(true);
    const ours = legacy?.models.filter((x) => x.side === 'ours') ?? [];
    expect(ours.filter((x) => x.chosen)).toHaveLength(1);
    const chosen = ours.find((x) => x.chosen);
    expect(chosen?.lobo?.roc_auc).toBeGreaterThan(0.5);
    expect(chosen?.list?.boroughs).toBe(2);
    expect(Object.keys(chosen?.list?.per_borough ?? {}).sort()).toEqual(['E09000012', 'E09000025']);
    expect(existsSync(join(dir, 'cache', 'accuracy', 'legacy', 'ours'))).toBe(true);
    if (pythonReady) {
      expect(legacy?.peer?.ok).toBe(true);
      const peer = legacy?.models.filter((x) => x.side === 'peer') ?? [];
      expect(peer.map((x) => x.model)).toEqual(expect.arrayContaining(['logistic', 'hgb']));
      // Same rows on both sides: every model's figures count the same held-out rows.
      const counts = new Set(legacy?.models.map((x) => x.lobo?.rows));
      expect(counts.size).toBe(1);
      expect(legacy?.rows.common).toBe([...counts][0]);
      const peerSummary = JSON.parse(readFileSync(join(dir, 'cache', 'accuracy', 'legacy', 'peer', 'summary.json'), 'utf8')) as { folds: Record<string, string> };
      expect(Object.keys(peerSummary.folds).sort()).toEqual(['E09000012', 'E09000025']);
    }
  }, 300_000);
});
