import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { DEFAULT_PARAMS } from '../../pipeline/params/Params.js';
import { outputLayout } from '../../pipeline/layout.js';
import { benchMessages as m } from '../../pipeline/messages/bench.js';
import { WORLDS } from '../../pipeline/generate/worlds/registry.js';
import {
  commonRows,
  listYield,
  loboFigures,
  peerLists,
  readPeerPredictions,
  readPipelinePredictions,
  readUndeclared,
  runLists,
  type HeldOutPrediction,
  type ListYield,
  type LoboFigures,
} from './accuracy.js';
import { cachedDrop } from './DropCache.js';
import { machineInfo, type MachineInfo } from './machineInfo.js';
import { measureCommand } from './measureCommand.js';

/** The four boroughs of the accuracy benchmark: the sample's three and Lambeth (a large inner borough), each with hundreds of labels at scale 2. */
export const ACCURACY_BOROUGHS = ['E09000007', 'E09000012', 'E09000022', 'E09000025'] as const;

/**
 * The world whose figures are reported as held out: no default of the
 * pipeline (params, features, learner settings) may be chosen by looking at
 * it. Defaults are chosen on the other worlds.
 */
export const HELD_OUT_WORLD = 'patchwork';

/** Everything `npm run bench:accuracy` can be told. */
export interface AccuracyOptions {
  /** The project folder (package.json, dist/, docs/). */
  root: string;
  /** Generated drops and run outputs (git-ignored). */
  cacheDir: string;
  /** Where accuracy.md and accuracy.json go. */
  docsDir: string;
  worlds: string[];
  heldOut: string;
  boroughs: string[];
  scale: number;
  seed: number;
  /** Learners `hmo run` trains (`train.models`); the command line's default is every registered learner. */
  learners: string[];
  python: string;
  /** OpenMP threads of the peer's models; 1 on a shared machine (spinning threads of a busy machine make them 10x slower). */
  peerThreads: number;
  skipPeer: boolean;
  log: (line: string) => void;
}

/** One model's figures on one world. */
export interface ModelAccuracy {
  side: 'ours' | 'peer';
  model: string;
  /** The model this side's model choice picked (ours: the run's model; the peer: its best on leave-borough-out P@100, then ROC AUC). */
  chosen: boolean;
  lobo: LoboFigures | null;
  /** Undeclared HMOs in the first 100 of each borough's list, against the truth (ours: the chosen model's lists only). */
  list: ListYield | null;
}

export interface SideRun {
  ok: boolean;
  error: string | null;
  wall_seconds: number;
  /** Its output folder, relative to the project folder. */
  out: string;
}

export interface WorldAccuracy {
  world: string;
  summary: string;
  held_out: boolean;
  properties: number;
  undeclared_hmos: number;
  /** Labelled rows both sides scored held out (the rows the AUCs are computed on), and how many only one side had. */
  rows: { common: number; positives: number; only_ours: number; only_peer: number };
  ours: SideRun | null;
  peer: SideRun | null;
  models: ModelAccuracy[];
  notes: string[];
}

export interface AccuracyResults {
  generated_at: string;
  machine: MachineInfo;
  /** The machine's 1, 5 and 15 minute load averages when the benchmark started (it is shared: wall times depend on them). */
  load_average: number[];
  config: { boroughs: string[]; scale: number; seed: number; learners: string[] | null; held_out: string; top: number; peer_threads: number };
  worlds: WorldAccuracy[];
  seconds: number;
}

const TOP = 100;

/**
 * The accuracy benchmark: for every world, generates (or reuses from the
 * cache) the same drop for both sides, runs `hmo run` and the Python peer
 * (logistic regression, HistGradientBoosting, XGBoost) with the same
 * leave-borough-out folds, and measures each model on the labelled rows
 * both sides held out (ROC AUC, PR AUC) and each list against the truth
 * (undeclared HMOs in the first 100 per borough, and pooled).
 *
 * @example
 *   const results = await runAccuracyBench({ ...defaults, worlds: ['calibrated'], scale: 1 });
 *   results.worlds[0].models.find((x) => x.chosen && x.side === 'ours')?.lobo?.roc_auc;
 */
export async function runAccuracyBench(options: AccuracyOptions): Promise<AccuracyResults> {
  const started = Date.now();
  const cli = join(options.root, 'dist', 'pipeline', 'cli.js');
  if (!existsSync(cli)) throw new Error(m.notBuilt(cli));
  const results: AccuracyResults = {
    generated_at: new Date().toISOString(),
    machine: machineInfo(options.root),
    load_average: loadavg().map((x) => Math.round(x * 10) / 10),
    config: {
      boroughs: options.boroughs,
      scale: options.scale,
      seed: options.seed,
      learners: options.learners,
      held_out: options.heldOut,
      top: TOP,
      peer_threads: options.peerThreads,
    },
    worlds: [],
    seconds: 0,
  };
  for (const name of options.worlds) {
    const world = WORLDS.find((w) => w.name === name);
    if (!world) throw new Error(m.unknownWorlds([name], WORLDS.map((w) => w.name)));
    options.log(m.phase(`world ${name}`, `${options.boroughs.length} boroughs at scale ${options.scale}, seed ${options.seed}`));
    const drop = await cachedDrop(
      { boroughs: options.boroughs.join(','), scale: options.scale, seed: options.seed, world: name },
      { root: options.root, cacheDir: options.cacheDir, node: process.execPath, log: options.log },
    );
    const runDir = join(options.cacheDir, 'accuracy', name);
    rmSync(runDir, { recursive: true, force: true });
    mkdirSync(runDir, { recursive: true });
    const undeclared = await readUndeclared(drop.truth);
    const notes: string[] = [];

    // Side by side: the peer runs on one thread, so the two share the machine's cores rather than queue.
    const [ours, peer] = await Promise.all([
      runOurs(options, drop.drop, drop.truth, join(runDir, 'ours')),
      options.skipPeer ? Promise.resolve(null) : runPeer(options, drop.drop, join(runDir, 'peer')),
    ]);
    const oursPredictions = ours.modelDir ? await readPipelinePredictions(ours.modelDir) : [];
    const peerPredictions = peer?.ok ? await readPeerPredictions(peer.out) : [];
    const shared = peer?.ok ? commonRows(oursPredictions, peerPredictions) : null;
    if (shared && (shared.onlyOurs > 0 || shared.onlyPeer > 0)) {
      notes.push(`ROC and PR AUC are on the ${shared.rows} labelled rows both sides held out; ${shared.onlyOurs} rows only ours scored and ${shared.onlyPeer} only the peer are left out.`);
    }
    const figures = (predictions: readonly HeldOutPrediction[]) => new Map(loboFigures(predictions, TOP).map((f) => [f.model, f]));
    const oursLobo = figures(shared ? shared.ours : oursPredictions);
    const peerLobo = figures(shared ? shared.peer : peerPredictions);

    const models: ModelAccuracy[] = [];
    const oursList = ours.ok ? await listYield(runLists(ours.out), undeclared, TOP) : null;
    for (const model of ours.candidates.length > 0 ? ours.candidates : [...oursLobo.keys()]) {
      models.push({ side: 'ours', model, chosen: model === ours.chosen, lobo: oursLobo.get(model) ?? null, list: model === ours.chosen ? oursList : null });
    }
    if (peer?.ok) {
      const summary = JSON.parse(readFileSync(join(peer.out, 'summary.json'), 'utf8')) as { models: string[]; best_model: string };
      for (const model of summary.models) {
        models.push({ side: 'peer', model, chosen: model === summary.best_model, lobo: peerLobo.get(model) ?? null, list: await listYield(peerLists(peer.out, model), undeclared, TOP) });
      }
    }
    const truthCounts = countTruth(drop.truth);
    const anyLobo = [...oursLobo.values(), ...peerLobo.values()][0];
    results.worlds.push({
      world: name,
      summary: world.summary,
      held_out: name === options.heldOut,
      properties: truthCounts.properties,
      undeclared_hmos: undeclared.size,
      rows: { common: anyLobo?.rows ?? 0, positives: anyLobo?.positives ?? 0, only_ours: shared?.onlyOurs ?? 0, only_peer: shared?.onlyPeer ?? 0 },
      ours: { ok: ours.ok, error: ours.error, wall_seconds: ours.wallSeconds, out: relative(options.root, ours.out) },
      peer: peer ? { ok: peer.ok, error: peer.error, wall_seconds: peer.wallSeconds, out: relative(options.root, peer.out) } : null,
      models,
      notes,
    });
    const line = models
      .filter((x) => x.lobo)
      .map((x) => `${x.side}/${x.model}${x.chosen ? '*' : ''} AUC ${x.lobo?.roc_auc?.toFixed(3)} P@100 ${x.list?.hit_rate?.toFixed(3) ?? '-'}`)
      .join('; ');
    options.log(m.phase(`world ${name}`, line));
  }
  results.seconds = Math.round((Date.now() - started) / 100) / 10;
  return results;
}

interface OursRun {
  ok: boolean;
  error: string | null;
  wallSeconds: number;
  out: string;
  modelDir: string | undefined;
  chosen: string | null;
  candidates: string[];
}

async function runOurs(options: AccuracyOptions, drop: string, truth: string, out: string): Promise<OursRun> {
  const params = join(out, '..', 'ours-params.json');
  writeFileSync(params, `${JSON.stringify({ train: { models: options.learners } }, null, 2)}\n`);
  const command = [process.execPath, join(options.root, 'dist', 'pipeline', 'cli.js'), 'run', '--drop', drop, '--truth', truth, '--out', out, '--force', '--quiet', '--params', params];
  options.log(m.phase('ours', command.slice(1).join(' ')));
  const result = await measureCommand(command, { cwd: options.root, logFile: `${out}.log` });
  const ok = result.exitCode === 0;
  const error = ok ? null : m.commandFailed('hmo run', result.exitCode, result.stderrTail);
  if (!ok) options.log(error as string);
  const modelDir = findModelDir(out);
  let chosen: string | null = null;
  let candidates: string[] = [];
  if (modelDir) {
    try {
      const metadata = JSON.parse(readFileSync(join(modelDir, 'metadata.json'), 'utf8')) as { kind?: string; selection?: { chosen?: string; scores?: Record<string, unknown> } };
      chosen = metadata.selection?.chosen ?? metadata.kind ?? null;
      candidates = Object.keys(metadata.selection?.scores ?? {});
    } catch {
      chosen = null;
    }
  }
  return { ok, error, wallSeconds: result.wallSeconds, out, modelDir, chosen, candidates };
}

async function runPeer(options: AccuracyOptions, drop: string, out: string): Promise<{ ok: boolean; error: string | null; wallSeconds: number; out: string }> {
  try {
    execFileSync(options.python, ['-c', 'import pandas, sklearn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n').slice(-2).join(' ') : String(error);
    const message = m.pythonMissing(options.python, detail);
    options.log(message);
    return { ok: false, error: message, wallSeconds: 0, out };
  }
  const script = join(options.root, 'scripts', 'bench', 'peer', 'hmo_peer.py');
  const command = [
    options.python, script, '--drop', drop, '--out', out, '--seed', String(DEFAULT_PARAMS.seed), '--top', String(TOP),
    '--max-borough-folds', String(DEFAULT_PARAMS.train.max_borough_folds), '--threads', String(options.peerThreads),
  ];
  options.log(m.phase('peer', `${options.python} ${script} (yardstick)`));
  const threads = String(options.peerThreads);
  const result = await measureCommand(command, {
    cwd: options.root,
    logFile: `${out}.log`,
    env: { ...process.env, OMP_NUM_THREADS: threads, OPENBLAS_NUM_THREADS: threads, OMP_WAIT_POLICY: 'PASSIVE' },
  });
  const ok = result.exitCode === 0 && existsSync(join(out, 'summary.json'));
  const error = ok ? null : m.commandFailed('The peer', result.exitCode, result.stderrTail);
  if (!ok) options.log(error as string);
  return { ok, error, wallSeconds: result.wallSeconds, out };
}

/** The model folder of a finished run: OUT/model, else the newest OUT/runs/<id>/model. */
function findModelDir(out: string): string | undefined {
  const layout = outputLayout(out);
  if (existsSync(layout.modelDir)) return layout.modelDir;
  if (!existsSync(layout.runsDir)) return undefined;
  return readdirSync(layout.runsDir)
    .map((id) => join(layout.runDir(id), 'model'))
    .filter((dir) => existsSync(dir))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}

function countTruth(truth: string): { properties: number } {
  const lines = readFileSync(truth, 'utf8').split('\n').filter((l) => l.trim() !== '');
  return { properties: Math.max(0, lines.length - 1) };
}
