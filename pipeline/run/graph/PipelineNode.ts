import type { Params } from '../../params/Params.js';
import type { StageContext } from '../../stage.js';

/** What every pipeline run is given: where to write, and the effective params. */
export interface BaseSettings {
  readonly out: string;
  readonly params: Params;
}

/**
 * A named input of a node, hashed by content for the node's cache key.
 * - `files`: files or folders (walked), keyed relative to `base`; a missing path counts as empty;
 * - `dropBorough`: a borough's drop folder, as ingest reads it (manifest + the files it lists);
 * - `value`: a plain value (e.g. which model is the champion).
 */
export type NodeInput =
  | { readonly kind: 'files'; readonly base: string; readonly paths: readonly string[] }
  | { readonly kind: 'dropBorough'; readonly drop: string; readonly borough: string }
  | { readonly kind: 'value'; readonly value: unknown };

/** What a node sees when it declares its inputs and outputs and when it runs. */
export interface NodeScope<S extends BaseSettings> {
  readonly settings: S;
  /** The borough, for a per-borough node. */
  readonly borough: string | undefined;
  /** The id of the run in progress. */
  readonly runId: string;
  /**
   * Where an upstream node's output is (absolute path): the one it just
   * wrote, or the one its valid cache record points to.
   */
  outputOf(node: string, output: string, borough?: string): string;
}

/**
 * One node of the declarative pipeline graph (Kedro-like): a stage function
 * with named inputs (hashed by content), the params sections it reads, its
 * code version and its named outputs (files or folders under OUT). The
 * engine (`runGraph`) derives the order from `needs`, and runs a node only
 * when the hash of all that changed or an output is missing or altered.
 *
 * @example
 *   const features: PipelineNode<Settings> = {
 *     name: 'features', stage: 'features', perBorough: true, needs: ['ingest'], params: ['features'],
 *     boroughs: (s) => usableBoroughs(s.settings.out),
 *     codeVersion: () => codeVersion([featuresModuleUrl]),
 *     inputs: (s) => ({ ingested: files(out, [layout.ingestDir + '/' + s.borough]) }),
 *     outputs: (s) => ({ features: join(out, 'features', s.borough) }),
 *     run: (s, ctx) => buildBoroughFeatures({ out, borough: s.borough, params: s.settings.params.features }, ctx),
 *   };
 */
export interface PipelineNode<S extends BaseSettings> {
  /** Unique name; the cache record lives under it. */
  readonly name: string;
  /** The stage it is reported under (several nodes may share one, e.g. ingest and its quality report). */
  readonly stage: string;
  /** Run once per borough (`boroughs` says which) rather than once. */
  readonly perBorough: boolean;
  /** Names of the nodes whose outputs it reads. */
  readonly needs: readonly string[];
  /** The params sections it reads: a change in any of them reruns it. */
  readonly params: readonly (keyof Params)[];
  /** The boroughs of a per-borough node, decided when the node's turn comes (after its upstream ran). */
  boroughs?(scope: NodeScope<S>): string[];
  /**
   * Folders whose sub-folders are this node's per-borough outputs: a
   * sub-folder of a borough not in this run (an older drop's) is removed.
   */
  boroughRoots?(scope: NodeScope<S>): string[];
  /** Hash of the code that produces the outputs. */
  codeVersion(): string;
  inputs(scope: NodeScope<S>): Record<string, NodeInput>;
  /** Files or folders it writes; removed before it runs (unless `keepOutputsWhileRunning`), so nothing stale survives. */
  outputs(scope: NodeScope<S>): Record<string, string>;
  /**
   * Leave the outputs in place when the node reruns: for a stage that must
   * see the old output to replace it (rank keeps a list the team filled in).
   */
  readonly keepOutputsWhileRunning?: boolean;
  run(scope: NodeScope<S>, ctx: StageContext): Promise<unknown>;
}

/** A `files` input. */
export function files(base: string, paths: readonly string[]): NodeInput {
  return { kind: 'files', base, paths };
}

/** A `value` input. */
export function value(v: unknown): NodeInput {
  return { kind: 'value', value: v };
}

/** A `dropBorough` input. */
export function dropBorough(drop: string, borough: string): NodeInput {
  return { kind: 'dropBorough', drop, borough };
}
