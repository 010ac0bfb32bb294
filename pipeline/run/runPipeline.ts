import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { CommandError } from '../errors/CommandError.js';
import { HmoError } from '../errors/HmoError.js';
import { outputLayout } from '../layout.js';
import { ingestMessages } from '../messages/ingest.js';
import { runMessages as m } from '../messages/run.js';
import type { Params } from '../params/Params.js';
import type { RunEvents } from '../progress/RunEvent.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { hashJson, sha256File } from '../util/hash.js';
import { combineHashes, ContentHasher } from './graph/ContentHasher.js';
import { headlineFigures, realDecidePromotion, type DecidePromotion } from './evaluationApi.js';
import { ModelRegistry } from './registry/ModelRegistry.js';
import { publishLatestModel } from './registry/publishLatestModel.js';
import { pipelineGraph, type PipelineSettings, type StageImplementations } from './graph/pipelineGraph.js';
import { runGraph, type GraphResult } from './graph/runGraph.js';
import { publishChampionLists } from './registry/publishChampionLists.js';
import { eventContext } from '../progress/eventContext.js';
import { RunLock } from './registry/RunLock.js';
import { newRunId, RunStore, type RunRecord } from './registry/RunRecord.js';
import { onWorkerThreads, realStages } from './graph/stageImplementations.js';
import { WorkerPool } from '../workers/WorkerPool.js';
import { defaultBoroughConcurrency } from '../workers/boroughConcurrency.js';
import { boroughStagesModule } from './graph/boroughStages.js';

export interface RunPipelineOptions {
  drop: string;
  out: string;
  params: Params;
  /** The params file the params came from (recorded with the run). */
  paramsFile?: string;
  truth?: string;
  /** Rerun every stage, ignoring the cache. */
  force?: boolean;
  /**
   * The stage functions (default: the real ones; their per-borough ones on
   * `concurrency` worker threads when that is above 1).
   */
  stages?: StageImplementations;
  /** Boroughs processed at once by the per-borough stages (default `defaultBoroughConcurrency()`; 1 = one at a time). */
  concurrency?: number;
  /** The evaluation helpers (default: the evaluate stage's `headlineMetrics` and `decidePromotion`). */
  evaluation?: { headline(metricsJson: unknown): Record<string, number | null>; decide: DecidePromotion };
  now?: () => Date;
}

/**
 * `hmo run`: the whole pipeline over a drop, as one run with its own id and
 * record under OUT/runs/<id>/ (effective params, stage timings and which
 * were cached, data fingerprint, model reference, headline metrics, a
 * preview of the promotion check). Stages are cached by content (see
 * `runGraph`); OUT holds the latest run's outputs at the layout's paths.
 * Nothing is promoted: the champion changes only through `hmo models promote`.
 *
 * @example
 *   const record = await runPipeline({ drop: 'data/sample/drop', out: 'out/sample', params: loadParams() }, events);
 *   record.stages.map((s) => `${s.stage} ${s.cached ? 'cached' : 'ran'}`);
 */
export async function runPipeline(options: RunPipelineOptions, events: RunEvents): Promise<RunRecord> {
  const drop = resolve(options.drop);
  const out = resolve(options.out);
  const truth = options.truth === undefined ? undefined : resolve(options.truth);
  checkPaths(drop, out, truth);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? defaultBoroughConcurrency()));
  const given = options.stages ?? realStages();
  // The same message and exit code (a usage error: --drop names no drop) as hmo validate and hmo ingest.
  if (given.listDropBoroughs(drop).length === 0) throw new CommandError(ingestMessages.noBoroughs(drop), 2);
  const now = options.now ?? (() => new Date());
  const layout = outputLayout(out);
  mkdirSync(out, { recursive: true });
  const lock = RunLock.acquire(out);
  try {
    const store = new RunStore(out);
    const previous = store.list().filter((r) => r.status === 'ok').pop();
    const started = now();
    const runId = uniqueRunId(store, started, hashJson({ drop, params: options.params, truth: truth ?? null }));
    const registry = new ModelRegistry(out);
    const champion = registry.champion();
    const baselineModelDir = champion === null ? undefined : resolve(out, champion.model);
    const record: RunRecord = {
      run_id: runId,
      status: 'running',
      started_at: started.toISOString(),
      finished_at: null,
      seconds: null,
      pid: process.pid,
      drop,
      truth: truth ?? null,
      params_file: options.paramsFile === undefined ? null : resolve(options.paramsFile),
      force: options.force === true,
      boroughs: [],
      usable_boroughs: [],
      data_fingerprint: null,
      truth_fingerprint: truth === undefined ? null : await sha256File(truth),
      code_version: null,
      stages: [],
      nodes: [],
      model: null,
      champion_at_start: champion?.run_id ?? null,
      metrics: null,
      promotion_preview: null,
      outputs: null,
      error: null,
    };
    writeFileAtomic(layout.runParams(runId), `${JSON.stringify(options.params, null, 2)}\n`);
    store.write(record);
    events.emit({ event: 'run_start', run_id: runId, drop, out });

    // The real per-borough stages run on worker threads, several boroughs at once; given stages run here.
    const pool = options.stages === undefined && concurrency > 1 && WorkerPool.available() ? WorkerPool.create(concurrency, boroughStagesModule) : undefined;
    const stages = pool === undefined ? given : onWorkerThreads(given, pool);
    const graph = pipelineGraph(stages);
    const settings: PipelineSettings = {
      out,
      drop,
      params: options.params,
      ...(truth === undefined ? {} : { truth }),
      ...(baselineModelDir !== undefined && existsSync(baselineModelDir) ? { baselineModelDir } : {}),
    };
    let result: GraphResult;
    try {
      result = await runGraph(graph, settings, {
        runId,
        events,
        force: options.force === true,
        concurrency,
        hasher: new ContentHasher(),
        // Keep run.json current, so that an interrupted run still says how far it got.
        onStageEnd: (stage, nodes) => {
          record.stages.push(stage);
          record.nodes = nodes.map((n) => ({ node: n.node, borough: n.borough, cached: n.cached, seconds: n.seconds }));
          if (stage.stage === 'ingest') record.boroughs = nodes.filter((n) => n.node === 'ingest').map((n) => n.borough as string);
          store.write(record);
        },
      });
    } catch (error) {
      await pool?.close();
      const message = error instanceof Error ? error.message : String(error);
      record.status = 'failed';
      record.error = error instanceof HmoError || !(error instanceof Error) ? message : (error.stack ?? message);
      finish(record, started, now());
      store.write(record);
      events.emit({ event: 'log', level: 'error', message });
      events.emit({
        event: 'run_end',
        run_id: runId,
        status: 'failed',
        seconds: record.seconds ?? 0,
        stages_run: [],
        stages_cached: [],
        outputs: { run: layout.runDir(runId) },
        previous_run: previous?.run_id ?? null,
        error: message,
      });
      throw new CommandError(m.runFailed(runId, message), 1);
    }

    await pool?.close();
    const ingest = result.nodes.filter((n) => n.node === 'ingest');
    const ranked = result.nodes.filter((n) => n.node === 'rank');
    record.boroughs = ingest.map((n) => n.borough as string);
    record.usable_boroughs = result.nodes.filter((n) => n.node === 'features').map((n) => n.borough as string);
    record.data_fingerprint = combineHashes(Object.fromEntries(ingest.map((n) => [n.borough as string, n.inputs.drop ?? ''])));
    record.code_version = hashJson(graph.map((node) => [node.name, node.codeVersion()]));
    record.stages = result.stages;
    record.nodes = result.nodes.map((n) => ({ node: n.node, borough: n.borough, cached: n.cached, seconds: n.seconds }));
    const modelPath = result.nodes.find((n) => n.node === 'train')?.outputs.model;
    if (modelPath !== undefined) {
      record.model = { dir: modelPath, trained_by: modelPath.split('/')[1] ?? runId };
      publishLatestModel(out, modelPath);
    }

    const evaluation = options.evaluation ?? { headline: headlineFigures, decide: realDecidePromotion };
    if (existsSync(layout.metricsJson)) {
      copyFileSync(layout.metricsJson, layout.runMetrics(runId));
      const metrics = JSON.parse(readFileSync(layout.metricsJson, 'utf8')) as unknown;
      record.metrics = evaluation.headline(metrics);
      if (champion === null || champion.model !== record.model?.dir) {
        const championMetrics = champion === null ? undefined : store.metrics(champion.run_id);
        record.promotion_preview = evaluation.decide(metrics, championMetrics, options.params.promotion);
      }
    }
    record.outputs = {
      quality: toRelative(out, layout.qualityJson),
      quality_report: toRelative(out, layout.qualityHtml),
      evaluation: toRelative(out, layout.evaluationHtml),
      metrics: toRelative(out, layout.metricsJson),
      lists: Object.fromEntries(ranked.map((n) => [n.borough as string, n.outputs.csv ?? ''])),
    };
    record.status = 'ok';
    finish(record, started, now());
    store.write(record);
    // The officers' lists stay the champion's: ranked again only when the data changed under it (this run is now the latest).
    const published = await publishChampionLists({ out, rankBorough: given.rankBorough, dataRun: record }, eventContext(events, 'rank'));
    record.outputs.champion_lists = published.status === 'no-champion' ? null : { champion_run: published.champion_run, status: published.status, lists: published.lists };
    store.write(record);
    events.emit({
      event: 'run_end',
      run_id: runId,
      status: 'ok',
      seconds: record.seconds ?? 0,
      stages_run: result.stages.filter((s) => !s.cached).map((s) => s.stage),
      stages_cached: result.stages.filter((s) => s.cached).map((s) => s.stage),
      outputs: {
        run: layout.runDir(runId),
        quality: layout.qualityJson,
        quality_report: layout.qualityHtml,
        evaluation: layout.evaluationHtml,
        model_card: layout.modelCard,
        metrics: layout.metricsJson,
        model: record.model === null ? null : resolve(out, record.model.dir),
        lists: Object.fromEntries(Object.entries(record.outputs.lists).map(([b, path]) => [b, resolve(out, path)])),
        champion_lists: record.outputs.champion_lists === null || record.outputs.champion_lists === undefined
          ? null
          : Object.fromEntries(Object.entries(record.outputs.champion_lists.lists).map(([b, path]) => [b, resolve(out, path)])),
      },
      previous_run: previous?.run_id ?? null,
    });
    return record;
  } finally {
    lock.release();
  }
}

function checkPaths(drop: string, out: string, truth: string | undefined): void {
  if (!existsSync(drop) || !statSync(drop).isDirectory()) throw new CommandError(m.dropMissing(drop), 2);
  if (truth !== undefined && !existsSync(truth)) throw new CommandError(m.truthMissing(truth), 2);
  const inside = relative(drop, out);
  if (inside === '' || (!inside.startsWith('..') && !inside.startsWith(sep) && !/^[a-zA-Z]:/.test(inside))) {
    throw new CommandError(m.outInsideDrop(out, drop), 2);
  }
}

function uniqueRunId(store: RunStore, started: Date, seed: string): string {
  const taken = new Set(store.ids());
  let id = newRunId(started, seed);
  for (let n = 2; taken.has(id); n++) id = newRunId(started, `${seed}/${n}`);
  return id;
}

function finish(record: RunRecord, started: Date, ended: Date): void {
  record.finished_at = ended.toISOString();
  record.seconds = Math.round((ended.getTime() - started.getTime()) / 100) / 10;
}

function toRelative(out: string, path: string): string {
  return relative(out, path).split(sep).join('/');
}
