import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CommandError } from '../../errors/CommandError.js';
import type { BoroughStatus } from '../../db/BoroughStatus.js';
import { runMessages as m } from '../../messages/run.js';
import { outputLayout } from '../../layout.js';
import type { Params } from '../../params/Params.js';
import type { StageContext } from '../../stage.js';
import { packageRoot } from '../../util/packageRoot.js';
import { codeVersion } from './codeVersion.js';
import { dropBorough, files, value, type BaseSettings, type NodeScope, type PipelineNode } from './PipelineNode.js';

/** What `hmo run` was asked to do. */
export interface PipelineSettings extends BaseSettings {
  readonly drop: string;
  readonly truth?: string;
  /** The champion's model folder when the run started: evaluation's baseline to compare the candidate with. */
  readonly baselineModelDir?: string;
}

/** The stage names, in pipeline order (the `stage` of the run events). */
export const STAGES = ['ingest', 'features', 'train', 'evaluate', 'rank'] as const;

/**
 * The functions the graph wires (see docs/architecture.md, "Stage entry
 * points"), and the module files each runs, for its code version. The real
 * ones are in `stageImplementations.ts`; tests pass toy ones.
 */
export interface StageImplementations {
  listDropBoroughs(drop: string): string[];
  ingestBorough(inputs: { drop: string; borough: string; out: string }, ctx: StageContext): Promise<unknown>;
  writeQualityReport(inputs: { out: string; boroughs: readonly string[] }, ctx: StageContext): Promise<unknown>;
  /** OUT/hmo.duckdb: views over the usable boroughs' tables, for analysts. */
  writeDropDatabase(inputs: { out: string; boroughs: readonly string[] }, ctx: StageContext): Promise<unknown>;
  buildBoroughFeatures(inputs: { out: string; borough: string; params: Params['features'] }, ctx: StageContext): Promise<unknown>;
  trainModel(inputs: { out: string; modelDir: string; params: Params }, ctx: StageContext): Promise<unknown>;
  evaluateModel(
    inputs: { out: string; modelDir: string; truth?: string; baselineModelDir?: string; params: Params },
    ctx: StageContext,
  ): Promise<unknown>;
  /** `listsOut`: the folder whose lists/<GSS>/ receive the list (a run's candidate lists go to OUT/runs/<id>). */
  rankBorough(
    inputs: { out: string; modelDir: string; borough: string; params: Params['rank']; listsOut: string; scoresFile?: string },
    ctx: StageContext,
  ): Promise<unknown>;
  /** Per node name, the entry modules (file URLs or paths) whose import closure is its code. */
  modules: Record<'ingest' | 'quality' | 'database' | 'features' | 'train' | 'evaluate' | 'rank', readonly string[]>;
}

type Scope = NodeScope<PipelineSettings>;
type Node = PipelineNode<PipelineSettings>;

/**
 * The pipeline as a declarative graph: per node, whether it runs per
 * borough, the nodes it needs, its named inputs (hashed by content), the
 * params sections it reads, its code and its named outputs. `runGraph`
 * decides from this alone what to rerun.
 *
 *   ingest    per borough  drop/<GSS> (manifest + listed files)          -> ingest/<GSS>, quarantine/<GSS>
 *   quality   once         every borough.json                            -> quality/
 *   database  once         every borough.json                            -> hmo.duckdb
 *   features  per usable   ingest/<GSS>                     [features]    -> features/<GSS>
 *   train     once         features/*\/train.parquet, borough.json  [seed,train] -> runs/<id>/model
 *   evaluate  once         model, features, ingest, truth, champion's model
 *                                                [seed,evaluate,rank,promotion] -> evaluation/ (with scores/<GSS>.parquet)
 *   rank      per usable   model, features/<GSS>, ingest/<GSS>, evaluation/scores/<GSS>  [rank]
 *                                                                           -> lists/<GSS>/inspection_list.{csv,html}
 * (evaluate scores every list candidate once, for the forecast and the field
 * trial, and writes the scores; rank reads them rather than scoring again.)
 *
 * Code versions: the compiled entry module of each stage and every project
 * module it imports, plus package-lock.json (library versions) and the
 * standard's schema (data/standard).
 *
 * @example
 *   await runGraph(pipelineGraph(await realStages()), settings, { runId, events });
 */
export function pipelineGraph(stages: StageImplementations): Node[] {
  const root = packageRoot();
  const shared = [join(root, 'package-lock.json'), join(root, 'data', 'standard')];
  const code = (node: keyof StageImplementations['modules']) => () => codeVersion(stages.modules[node], shared);
  const layout = (scope: Scope) => outputLayout(scope.settings.out);
  const drop = (scope: Scope) => stages.listDropBoroughs(scope.settings.drop).slice().sort();
  const usable = (scope: Scope) => drop(scope).filter((borough) => boroughStatus(layout(scope).boroughStatus(borough))?.status === 'ok');
  const modelDir = (scope: Scope) => scope.outputOf('train', 'model');
  // The champion to compare with, unless the candidate is the champion's model itself (a cached train).
  const baseline = (scope: Scope) => {
    const dir = scope.settings.baselineModelDir;
    return dir !== undefined && resolve(dir) !== resolve(modelDir(scope)) ? dir : undefined;
  };
  const required = (scope: Scope) => scope.borough as string;

  const ingest: Node = {
    name: 'ingest',
    stage: 'ingest',
    perBorough: true,
    needs: [],
    params: [],
    boroughs: drop,
    boroughRoots: (s) => [layout(s).ingestDir, layout(s).quarantineDir],
    codeVersion: code('ingest'),
    inputs: (s) => ({ drop: dropBorough(s.settings.drop, required(s)) }),
    outputs: (s) => ({ accepted: join(layout(s).ingestDir, required(s)), quarantine: join(layout(s).quarantineDir, required(s)) }),
    run: (s, ctx) => stages.ingestBorough({ drop: s.settings.drop, borough: required(s), out: s.settings.out }, ctx),
  };

  const quality: Node = {
    name: 'quality',
    stage: 'ingest',
    perBorough: false,
    needs: ['ingest'],
    params: [],
    codeVersion: code('quality'),
    inputs: (s) => ({ statuses: files(s.settings.out, drop(s).map((b) => layout(s).boroughStatus(b))) }),
    outputs: (s) => ({ report: dirname(layout(s).qualityJson) }),
    run: (s, ctx) => stages.writeQualityReport({ out: s.settings.out, boroughs: drop(s) }, ctx),
  };

  const database: Node = {
    name: 'database',
    stage: 'ingest',
    perBorough: false,
    needs: ['ingest'],
    params: [],
    codeVersion: code('database'),
    // The views name the usable boroughs' Parquet files; their contents are read at query time.
    inputs: (s) => ({ statuses: files(s.settings.out, drop(s).map((b) => layout(s).boroughStatus(b))) }),
    outputs: (s) => ({ database: layout(s).database }),
    run: (s, ctx) => stages.writeDropDatabase({ out: s.settings.out, boroughs: drop(s) }, ctx),
  };

  const features: Node = {
    name: 'features',
    stage: 'features',
    perBorough: true,
    needs: ['ingest'],
    params: ['features'],
    boroughs: usable,
    boroughRoots: (s) => [layout(s).featuresDir],
    codeVersion: code('features'),
    inputs: (s) => ({ ingested: files(s.settings.out, [s.outputOf('ingest', 'accepted')]) }),
    outputs: (s) => ({ features: dirname(layout(s).scoringFeatures(required(s))) }),
    run: (s, ctx) => stages.buildBoroughFeatures({ out: s.settings.out, borough: required(s), params: s.settings.params.features }, ctx),
  };

  const train: Node = {
    name: 'train',
    stage: 'train',
    perBorough: false,
    needs: ['features'],
    params: ['seed', 'train'],
    codeVersion: code('train'),
    inputs: (s) => ({
      training: files(s.settings.out, usable(s).map((b) => layout(s).trainingFeatures(b))),
      // the model's metadata records each borough's extract date
      statuses: files(s.settings.out, usable(s).map((b) => layout(s).boroughStatus(b))),
    }),
    outputs: (s) => ({ model: layout(s).runModelDir(s.runId) }),
    run: (s, ctx) => {
      if (usable(s).length === 0) throw new CommandError(m.noUsableBorough(s.settings.drop), 1);
      return stages.trainModel({ out: s.settings.out, modelDir: layout(s).runModelDir(s.runId), params: s.settings.params }, ctx);
    },
  };

  const evaluate: Node = {
    name: 'evaluate',
    stage: 'evaluate',
    perBorough: false,
    needs: ['train', 'features', 'ingest'],
    params: ['seed', 'evaluate', 'rank', 'promotion'],
    codeVersion: code('evaluate'),
    inputs: (s) => {
      const boroughs = usable(s);
      const { truth } = s.settings;
      const baselineModelDir = baseline(s);
      return {
        model: files(modelDir(s), [modelDir(s)]),
        features: files(s.settings.out, boroughs.map((b) => s.outputOf('features', 'features', b))),
        ingested: files(s.settings.out, boroughs.map((b) => s.outputOf('ingest', 'accepted', b))),
        truth: truth === undefined ? value(null) : files(dirname(truth), [truth]),
        baseline: baselineModelDir === undefined ? value(null) : files(baselineModelDir, [baselineModelDir]),
      };
    },
    outputs: (s) => ({ evaluation: layout(s).evaluationDir }),
    run: (s, ctx) => {
      const { truth } = s.settings;
      const baselineModelDir = baseline(s);
      return stages.evaluateModel(
        {
          out: s.settings.out,
          modelDir: modelDir(s),
          params: s.settings.params,
          ...(truth === undefined ? {} : { truth }),
          ...(baselineModelDir === undefined ? {} : { baselineModelDir }),
        },
        ctx,
      );
    },
  };

  const rank: Node = {
    name: 'rank',
    stage: 'rank',
    perBorough: true,
    needs: ['train', 'features', 'ingest', 'evaluate'],
    params: ['rank'],
    boroughs: usable,
    keepOutputsWhileRunning: true,
    codeVersion: code('rank'),
    inputs: (s) => ({
      model: files(modelDir(s), [modelDir(s)]),
      features: files(s.settings.out, [s.outputOf('features', 'features')]),
      ingested: files(s.settings.out, [s.outputOf('ingest', 'accepted')]),
      // evaluate's scores of the candidates (one scoring pass), used when they are this model's of these features
      scores: files(s.settings.out, [layout(s).candidateScores(required(s))]),
    }),
    // The run's candidate lists go with its record; OUT/lists is the champion's (publishChampionLists), never written here.
    outputs: (s) => {
      const lists = outputLayout(layout(s).runLists(s.runId));
      return { csv: lists.listCsv(required(s)), html: lists.listHtml(required(s)) };
    },
    run: (s, ctx) =>
      stages.rankBorough(
        {
          out: s.settings.out,
          modelDir: modelDir(s),
          borough: required(s),
          params: s.settings.params.rank,
          listsOut: layout(s).runLists(s.runId),
          scoresFile: layout(s).candidateScores(required(s)),
        },
        ctx,
      ),
  };

  return [ingest, quality, database, features, train, evaluate, rank];
}

/** A borough's ingest status, or undefined when it has none (yet). */
export function boroughStatus(file: string): BoroughStatus | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as BoroughStatus;
  } catch {
    return undefined;
  }
}
