import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_PARAMS } from '../../pipeline/params/Params.js';
import { outputLayout } from '../../pipeline/layout.js';
import { headlineFigures } from '../../pipeline/run/evaluationApi.js';
import { benchMessages as m } from '../../pipeline/messages/bench.js';
import { rankMessages } from '../../pipeline/messages/rank.js';
import { writeFileAtomic } from '../../pipeline/util/atomicWrite.js';
import { hashJson } from '../../pipeline/util/hash.js';
import { loboFigures, listYield, peerLists, runLists, readPeerPredictions, readPipelinePredictions, readUndeclared } from './accuracy.js';
import {
  LONDON,
  measuredRun,
  round,
  stageSeconds,
  type BenchResults,
  type DropFigures,
  type MeasuredRun,
  type PeerFigures,
  type PipelineFigures,
  type ScalingPoint,
  type ScanFigures,
  type SizeComparison,
  type Throughput,
} from './BenchResults.js';
import { bestOf, checkTargets } from './checkTargets.js';
import { cachedDrop, dropSize } from './DropCache.js';
import { machineInfo } from './machineInfo.js';
import { measureCommand } from './measureCommand.js';
import { measureHelp } from './measureHelp.js';
import { scaleForProperties } from './sizeScale.js';
import { scoringPass, taskRate, taskSpans } from './RunEvents.js';
import { REPORT_FILES, writeBenchReport } from './writeBenchReport.js';

/** The world of the speed benchmark's drop: the original one, so its London figures stay comparable across commits. */
export const SPEED_WORLD = 'legacy';

/** Everything `npm run bench` can be told. */
export interface BenchOptions {
  /** The project folder (package.json, dist/, docs/). */
  root: string;
  /** Generated drops, run outputs, logs and resumable results (git-ignored). */
  cacheDir: string;
  /** Where benchmarks.md, benchmarks.json and the charts go. */
  docsDir: string;
  boroughs: number;
  scale: number;
  seed: number;
  /** Benchmark this drop (and truth file) instead of a generated one. */
  drop?: string;
  truth?: string;
  skipScan: boolean;
  skipPeer: boolean;
  onlyPeer: boolean;
  onlyScaling: boolean;
  skipScaling: boolean;
  /** Fractions of the main drop's scale for the scaling series (the main run is the point at 1). */
  scalingFractions: number[];
  python: string;
  /** OpenMP threads of the peer's models (its scikit-learn and XGBoost); by default every core. */
  peerThreads: number;
  /** Reuse the phases an interrupted run of the same configuration and commit already finished. */
  resume: boolean;
  intervalMs: number;
  /** Sizes of the peer comparison besides the main drop: properties in all over `compareBoroughs` boroughs (generated). */
  compareProperties: number[];
  compareBoroughs: number;
  /** Only the comparison sizes and `hmo --help`: the main drop's figures are kept from the docs folder's benchmarks.json. */
  onlyCompare: boolean;
  /** Runs of `hmo --help` and of `node -e 0` (0: not measured). */
  helpRuns: number;
  log: (line: string) => void;
}

/**
 * The London-scale benchmark: `hmo --help` and the comparison sizes first
 * (ours and the peer's on each), then generates (or reuses from the cache)
 * the main drop, measures a bare DuckDB scan of it, the whole pipeline
 * (`hmo run --json --force`, time and memory per stage), the Python peer,
 * and the scaling series, then writes docs/benchmarks.{md,json} and charts. Results
 * are written after every phase, so an interrupted benchmark leaves a
 * partial report, and `resume` picks up where it stopped.
 *
 * @example
 *   await runBenchmark({ ...defaults, boroughs: 6, scale: 1, docsDir: '/tmp/bench-docs' });
 */
export async function runBenchmark(options: BenchOptions): Promise<BenchResults> {
  const node = process.execPath;
  const cli = join(options.root, 'dist', 'pipeline', 'cli.js');
  if (!existsSync(cli)) throw new Error(m.notBuilt(cli));
  mkdirSync(options.cacheDir, { recursive: true });
  const config = {
    boroughs: options.drop === undefined ? options.boroughs : null,
    scale: options.drop === undefined ? options.scale : null,
    seed: options.seed,
    drop: options.drop === undefined ? null : resolve(options.drop),
    london: LONDON,
    scaling_fractions: options.scalingFractions,
    skip_scan: options.skipScan,
    skip_peer: options.skipPeer,
    only_peer: options.onlyPeer,
    only_scaling: options.onlyScaling,
    skip_scaling: options.skipScaling,
    compare_properties: options.compareProperties,
    compare_boroughs: options.compareBoroughs,
    only_compare: options.onlyCompare,
    python: options.python,
    peer_threads: options.peerThreads,
    sample_interval_ms: options.intervalMs,
    params: 'defaults (pipeline/params/Params.ts)',
  };
  const machine = machineInfo(options.root);
  // Which phases run (skip/only) is not part of the key: a later call may finish what an earlier one skipped.
  const measured = {
    boroughs: config.boroughs,
    scale: config.scale,
    seed: config.seed,
    drop: config.drop,
    fractions: config.scaling_fractions,
    python: config.python,
    interval: config.sample_interval_ms,
    compare: [config.compare_boroughs, config.compare_properties],
  };
  const resumeFile = join(options.cacheDir, 'results', `${hashJson({ measured, commit: machine.git_commit }).slice(0, 16)}.json`);
  const previous = options.resume && existsSync(resumeFile) ? (JSON.parse(readFileSync(resumeFile, 'utf8')) as BenchResults) : undefined;
  const results: BenchResults = {
    format: 'hmo-bench/1',
    status: 'partial',
    london_scale: options.drop === undefined && options.boroughs === LONDON.boroughs && options.scale === LONDON.scale,
    started_at: machine.date,
    updated_at: machine.date,
    config,
    machine,
    drop: null,
    scan: null,
    pipeline: null,
    peer: null,
    scaling: [],
    sizes: [],
    help: null,
    targets: [],
    notes: [],
  };
  const save = async () => {
    results.updated_at = new Date().toISOString();
    results.targets = checkTargets(results);
    writeFileAtomic(resumeFile, `${JSON.stringify(results, null, 2)}\n`);
    const written = await writeBenchReport(results, options.docsDir);
    options.log(m.wrote(written));
  };

  if (options.onlyCompare) {
    keepMainFigures(results, options);
    await measureHelpAndSizes(options, node, cli, results, previous, save);
    results.status = 'complete';
    await save();
    return results;
  }

  // hmo --help and the smaller comparison sizes first: the short phases, so that a benchmark cut short
  // (the main drop's peer and scaling series take the longest) still has every size but London.
  if (!options.onlyPeer && !options.onlyScaling) await measureHelpAndSizes(options, node, cli, results, previous, save);

  // The drop.
  const drop = await prepareDrop(options, node);
  results.drop = drop;
  const runsDir = join(options.cacheDir, 'runs', drop.key);
  options.log(m.phase('drop', `${drop.path}: ${drop.boroughs} boroughs, ${drop.properties.toLocaleString('en-GB')} properties, ${drop.source_rows.toLocaleString('en-GB')} source rows${drop.reused_from_cache ? ' (cached)' : ''}`));

  const reuse = <K extends 'scan' | 'pipeline' | 'peer'>(key: K): BenchResults[K] | undefined => {
    const earlier = previous?.[key];
    if (earlier == null || !earlier.ok || previous?.drop?.key !== drop.key) return undefined;
    options.log(m.resumed(key));
    return earlier;
  };

  if (!options.onlyPeer && !options.onlyScaling && !options.skipScan) {
    results.scan = reuse('scan') ?? (await measureScan(options, node, drop, runsDir));
    await save();
  } else results.scan = reuse('scan') ?? null;
  if (!options.onlyPeer) {
    results.pipeline = reuse('pipeline') ?? (await measurePipeline(options, node, cli, drop, join(runsDir, 'out')));
    await save();
  } else results.pipeline = reuse('pipeline') ?? null;
  if (!options.skipPeer && !options.onlyScaling) {
    results.peer = reuse('peer') ?? (await measurePeer(options, drop, join(runsDir, 'peer')));
    await save();
  } else results.peer = reuse('peer') ?? null;
  if (!options.skipScaling && !options.onlyPeer && options.drop === undefined) {
    const earlier = previous?.drop?.key === drop.key ? previous.scaling : [];
    for (const fraction of [...options.scalingFractions].sort((a, b) => a - b)) {
      const done = earlier.find((p) => p.fraction === fraction && p.ok);
      results.scaling.push(done ?? (await measureScalingPoint(options, node, cli, fraction)));
      results.scaling.sort((a, b) => a.source_rows - b.source_rows);
      await save();
    }
    if (results.pipeline !== null) {
      results.scaling.push({
        label: 'main run',
        fraction: 1,
        boroughs: drop.boroughs,
        scale: options.scale,
        source_rows: drop.source_rows,
        properties: drop.properties,
        ok: results.pipeline.ok,
        error: results.pipeline.error,
        wall_seconds: results.pipeline.wall_seconds,
        peak_rss_bytes: results.pipeline.peak_rss_bytes,
        stages: results.pipeline.stages,
      });
    }
  }
  results.status = 'complete';
  await save();
  return results;
}

/**
 * With `onlyCompare`: the main drop's figures (drop, scan, pipeline, peer,
 * scaling: London when that is what was run last) come from the docs
 * folder's benchmarks.json, with a note saying when and at which commit they
 * were measured; this run adds the sizes and `hmo --help`.
 */
function keepMainFigures(results: BenchResults, options: BenchOptions): void {
  const file = join(options.docsDir, REPORT_FILES.json);
  if (!existsSync(file)) return;
  const earlier = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  results.london_scale = earlier.london_scale;
  results.drop = earlier.drop;
  results.scan = earlier.scan;
  results.pipeline = earlier.pipeline;
  results.peer = earlier.peer;
  results.scaling = earlier.scaling;
  results.main_measured = earlier.main_measured ?? { started_at: earlier.started_at, git_commit: earlier.machine.git_commit, cpu_model: earlier.machine.cpu_model };
  if (earlier.pipeline !== null || earlier.peer !== null) {
    const kept = results.main_measured;
    results.notes.push(m.mainFiguresKept(kept.started_at, kept.git_commit, kept.cpu_model === results.machine.cpu_model ? null : kept.cpu_model));
  }
}

/** `hmo --help`, then each comparison size (smallest first): drop, bare scan, our run, the peer's; saved after each. */
async function measureHelpAndSizes(
  options: BenchOptions,
  node: string,
  cli: string,
  results: BenchResults,
  previous: BenchResults | undefined,
  save: () => Promise<void>,
): Promise<void> {
  if (options.helpRuns > 0) {
    options.log(m.phase('help', `hmo --help and node -e 0, ${options.helpRuns} runs each`));
    results.help = measureHelp(node, cli, options.helpRuns, () => loadavg()[0] ?? 0);
    await save();
  }
  for (const properties of [...options.compareProperties].sort((a, b) => a - b)) {
    const spec = { boroughs: options.compareBoroughs, scale: scaleForProperties(options.compareBoroughs, properties), seed: options.seed };
    const label = `${spec.boroughs} boroughs × ${properties.toLocaleString('en-GB')} properties`;
    const before = loadavg()[0] ?? 0;
    const drop = await generatedDrop(spec, options, node);
    const done = previous?.sizes?.find((s) => s.drop.key === drop.key && s.pipeline?.ok === true && (options.skipPeer || s.peer?.ok === true));
    if (done !== undefined) {
      options.log(m.resumed(label));
      results.sizes?.push(done);
      continue;
    }
    options.log(m.phase('size', `${label}: ${drop.path} (scale ${spec.scale}, ${drop.properties.toLocaleString('en-GB')} properties)`));
    const runsDir = join(options.cacheDir, 'runs', drop.key);
    const size: SizeComparison = {
      label,
      target_properties: properties,
      drop,
      scan: null,
      pipeline: null,
      peer: null,
      measured_at: new Date().toISOString(),
      git_commit: results.machine.git_commit,
      load_average: [round(before, 2), round(before, 2)],
    };
    results.sizes?.push(size);
    if (!options.skipScan) size.scan = await measureScan(options, node, drop, runsDir);
    size.pipeline = await measurePipeline(options, node, cli, drop, join(runsDir, 'out'));
    if (!options.skipPeer) size.peer = await measurePeer(options, drop, join(runsDir, 'peer'));
    size.load_average = [round(before, 2), round(loadavg()[0] ?? 0, 2)];
    await save();
  }
}

async function prepareDrop(options: BenchOptions, node: string): Promise<DropFigures> {
  if (options.drop !== undefined) {
    const path = resolve(options.drop);
    if (!existsSync(path)) throw new Error(m.dropMissing(path));
    if (options.truth !== undefined && !existsSync(options.truth)) throw new Error(m.truthMissing(options.truth));
    const size = dropSize(path);
    return {
      key: hashJson({ path, files: size.files.map((f) => [f, statSync(f).size, statSync(f).mtimeMs]) }).slice(0, 16),
      path,
      truth: options.truth === undefined ? null : resolve(options.truth),
      boroughs: size.boroughs,
      scale: null,
      seed: null,
      files: size.files.length,
      bytes: size.bytes,
      source_rows: size.sourceRows,
      properties: size.properties,
      generate_seconds: null,
      reused_from_cache: true,
    };
  }
  return generatedDrop({ boroughs: options.boroughs, scale: options.scale, seed: options.seed }, options, node);
}

/** A generated drop of the speed benchmark's world (from the cache when it was made before) and its size. */
async function generatedDrop(spec: { boroughs: number; scale: number; seed: number }, options: BenchOptions, node: string): Promise<DropFigures> {
  const cached = await cachedDrop({ ...spec, world: SPEED_WORLD }, { root: options.root, cacheDir: options.cacheDir, node, log: options.log });
  const size = dropSize(cached.drop);
  return {
    key: cached.key,
    path: cached.drop,
    truth: existsSync(cached.truth) ? cached.truth : null,
    boroughs: size.boroughs,
    scale: spec.scale,
    seed: spec.seed,
    files: size.files.length,
    bytes: size.bytes,
    source_rows: size.sourceRows,
    properties: size.properties,
    generate_seconds: Number.isFinite(cached.generateSeconds) ? round(cached.generateSeconds, 2) : null,
    reused_from_cache: cached.reused,
  };
}

async function measureScan(options: BenchOptions, node: string, drop: DropFigures, runsDir: string): Promise<ScanFigures> {
  options.log(m.phase('scan', 'bare DuckDB count(*) over every CSV of the drop'));
  let parsed: { rows?: number; files?: number; seconds?: number } = {};
  const measurement = await measureCommand([node, join(options.root, 'dist', 'scripts', 'bench', 'scanDrop.js'), drop.path], {
    cwd: options.root,
    intervalMs: options.intervalMs,
    logFile: join(runsDir, 'scan.log'),
    onLine: (line) => {
      try {
        parsed = JSON.parse(line) as typeof parsed;
      } catch {
        // Only the last JSON line matters.
      }
    },
  });
  const run = measuredRun(measurement, 'The DuckDB scan');
  if (run.ok && parsed.rows === undefined) Object.assign(run, { ok: false, error: 'The DuckDB scan printed no result line.' });
  return { ...run, rows: parsed.rows ?? null, files: parsed.files ?? null, scan_seconds: parsed.seconds === undefined ? null : round(parsed.seconds, 3) };
}

function pipelineCommand(node: string, cli: string, drop: string, out: string, truth: string | null): string[] {
  return [node, cli, 'run', '--drop', drop, '--out', out, ...(truth === null ? [] : ['--truth', truth]), '--json', '--force'];
}

/**
 * Properties scored per second: the run's one scoring pass (the evaluate
 * stage scores every property once, the model alone: preprocessing, model,
 * calibration; rank reads its scores), as it logs it; else the candidates of
 * rank's own `Scoring <GSS>` tasks (rank scores them itself when it gets no
 * scores) over the time those tasks took by the run's own clock. A run that
 * reports neither falls back to the properties over the whole rank stage,
 * with a note.
 */
function scoringThroughput(
  progressLines: readonly string[],
  run: MeasuredRun,
  properties: number,
  notes: string[],
): Pick<Throughput, 'scoring_properties_per_second' | 'scoring_seconds' | 'properties_scored' | 'scoring_timed_by'> {
  const pass = scoringPass(progressLines);
  if (pass !== null) {
    return { scoring_properties_per_second: round(pass.perSecond, 0), scoring_seconds: round(pass.seconds, 3), properties_scored: pass.items, scoring_timed_by: 'scoring pass' };
  }
  const rate = taskRate(taskSpans(progressLines, (task, borough) => borough !== null && task === rankMessages.scoring(borough)));
  if (rate !== null) {
    return { scoring_properties_per_second: round(rate.perSecond, 0), scoring_seconds: round(rate.seconds, 3), properties_scored: rate.items, scoring_timed_by: 'scoring tasks' };
  }
  const seconds = stageSeconds(run, 'rank');
  if (run.stages.length > 0) notes.push('hmo run reported no scoring task: properties scored per second are the properties over the whole rank stage.');
  return {
    scoring_properties_per_second: seconds !== null && seconds > 0 && properties > 0 ? round(properties / seconds, 0) : null,
    scoring_seconds: seconds,
    properties_scored: properties,
    scoring_timed_by: 'rank stage',
  };
}

async function measurePipeline(options: BenchOptions, node: string, cli: string, drop: DropFigures, out: string): Promise<PipelineFigures> {
  options.log(m.phase('pipeline', `hmo run on ${drop.path}`));
  const progressLines: string[] = [];
  const measurement = await measureCommand(pipelineCommand(node, cli, drop.path, out, drop.truth), {
    cwd: options.root,
    intervalMs: options.intervalMs,
    logFile: `${out}.log`,
    onEvent: (event) => {
      if (event.kind === 'stage_end' && event.borough === undefined) options.log(m.stageDone(event.stage, event.seconds ?? 0, event.cached === true));
    },
    onLine: (line) => {
      if (line.includes('"progress"') || (line.includes('"log"') && line.includes('"evaluate"'))) progressLines.push(line);
    },
  });
  const run = measuredRun(measurement, 'hmo run');
  if (!run.ok) options.log(m.commandFailed('hmo run', run.exit_code, measurement.stderrTail));
  const notes: string[] = [];
  const per = (rows: number, stage: string) => {
    const seconds = stageSeconds(run, stage);
    return seconds !== null && seconds > 0 && rows > 0 ? round(rows / seconds, 0) : null;
  };
  const figures: PipelineFigures = {
    ...run,
    out,
    throughput: {
      ingest_rows_per_second: per(drop.source_rows, 'ingest'),
      features_rows_per_second: per(drop.source_rows, 'features'),
      features_properties_per_second: per(drop.properties, 'features'),
      ...scoringThroughput(progressLines, run, drop.properties, notes),
    },
    lobo: [],
    chosen_model: null,
    headline: {},
    lists: null,
    notes,
  };
  if (run.stages.length === 0) notes.push('hmo run printed no stage events: whole-run figures only.');
  const modelDir = findModelDir(out);
  if (modelDir === undefined) {
    notes.push(`No model folder under ${out}: no accuracy figures.`);
  } else {
    figures.lobo = loboFigures(await readPipelinePredictions(modelDir), 100);
    if (figures.lobo.length === 0) notes.push(`${modelDir}/validation/predictions.parquet has no leave-borough-out rows.`);
    try {
      const metadata = JSON.parse(readFileSync(join(modelDir, 'metadata.json'), 'utf8')) as { kind?: unknown };
      figures.chosen_model = typeof metadata.kind === 'string' ? metadata.kind : null;
    } catch {
      notes.push(`${modelDir}/metadata.json is missing or unreadable: the chosen model is taken as the best on validation.`);
    }
    figures.chosen_model ??= bestOf(figures.lobo)?.model ?? null;
  }
  const metricsJson = outputLayout(out).metricsJson;
  if (existsSync(metricsJson)) {
    try {
      figures.headline = await headlineFigures(JSON.parse(readFileSync(metricsJson, 'utf8')));
    } catch (error) {
      notes.push(`${metricsJson}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (drop.truth !== null) {
    // The run's own lists (OUT/runs/<id>/lists: its model's); OUT/lists holds the champion's only, and the benchmark promotes nothing.
    const lists = runLists(out);
    if (lists.size > 0) {
      try {
        figures.lists = await listYield(lists, await readUndeclared(drop.truth), 100);
      } catch (error) {
        notes.push(String(error instanceof Error ? error.message : error));
      }
    } else notes.push('No inspection lists were written: no truth comparison.');
  }
  return figures;
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

async function measurePeer(options: BenchOptions, drop: DropFigures, out: string): Promise<PeerFigures> {
  const script = join(options.root, 'scripts', 'bench', 'peer', 'hmo_peer.py');
  const empty: PeerFigures = {
    ok: false,
    error: null,
    command: [],
    exit_code: null,
    wall_seconds: 0,
    peak_rss_bytes: 0,
    stages: [],
    memory: [],
    out,
    versions: {},
    best_model: null,
    lobo: [],
    lists: {},
    stage_seconds: {},
    notes: [],
  };
  try {
    execFileSync(options.python, ['-c', 'import pandas, sklearn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n').slice(-2).join(' ') : String(error);
    options.log(m.pythonMissing(options.python, detail));
    return { ...empty, error: m.pythonMissing(options.python, detail) };
  }
  options.log(m.phase('peer', `${options.python} ${script} (yardstick)`));
  const measurement = await measureCommand(
    [options.python, script, '--drop', drop.path, '--out', out, '--seed', String(DEFAULT_PARAMS.seed), '--top', '100', '--max-borough-folds', String(DEFAULT_PARAMS.train.max_borough_folds), '--threads', String(options.peerThreads)],
    {
      cwd: options.root,
      intervalMs: options.intervalMs,
      logFile: `${out}.log`,
      onEvent: (event) => {
        if (event.kind === 'stage_end') options.log(m.stageDone(`peer ${event.stage}`, event.seconds ?? 0, false));
      },
    },
  );
  const run = measuredRun(measurement, 'The peer');
  if (!run.ok) {
    options.log(m.commandFailed('The peer', run.exit_code, measurement.stderrTail));
    return { ...empty, ...run };
  }
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
    versions: Record<string, string | null>;
    best_model: string;
    models: string[];
    stage_seconds: Record<string, number>;
  };
  const figures: PeerFigures = { ...empty, ...run, versions: summary.versions, best_model: summary.best_model, stage_seconds: summary.stage_seconds };
  figures.lobo = loboFigures(await readPeerPredictions(out), 100);
  if (summary.versions.xgboost === null) figures.notes.push('python3-xgboost is not installed: the peer ran without XGBoost.');
  if (drop.truth !== null) {
    const undeclared = await readUndeclared(drop.truth);
    for (const model of summary.models) figures.lists[model] = await listYield(peerLists(out, model), undeclared, 100);
  }
  return figures;
}

async function measureScalingPoint(options: BenchOptions, node: string, cli: string, fraction: number): Promise<ScalingPoint> {
  const scale = round(options.scale * fraction, 3);
  const label = `${fractionLabel(fraction)} scale`;
  const drop = await cachedDrop({ boroughs: options.boroughs, scale, seed: options.seed, world: SPEED_WORLD }, { root: options.root, cacheDir: options.cacheDir, node, log: options.log });
  const size = dropSize(drop.drop);
  const out = join(options.cacheDir, 'runs', drop.key, 'out');
  options.log(m.phase('scaling', `${label}: ${options.boroughs} boroughs at scale ${scale}, ${size.sourceRows.toLocaleString('en-GB')} source rows`));
  const measurement = await measureCommand(pipelineCommand(node, cli, drop.drop, out, existsSync(drop.truth) ? drop.truth : null), {
    cwd: options.root,
    intervalMs: options.intervalMs,
    logFile: `${out}.log`,
  });
  const run = measuredRun(measurement, 'hmo run');
  return {
    label,
    fraction,
    boroughs: size.boroughs,
    scale,
    source_rows: size.sourceRows,
    properties: size.properties,
    ok: run.ok,
    error: run.error,
    wall_seconds: run.ok ? run.wall_seconds : null,
    peak_rss_bytes: run.ok ? run.peak_rss_bytes : null,
    stages: run.stages,
  };
}

/** 0.037 → "1/27", 0.5 → "1/2", 0.3 → "0.3". */
export function fractionLabel(fraction: number): string {
  const inverse = 1 / fraction;
  return Math.abs(inverse - Math.round(inverse)) < 0.02 * inverse ? `1/${Math.round(inverse)}` : String(fraction);
}
