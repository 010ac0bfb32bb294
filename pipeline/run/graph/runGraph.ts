import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { eventContext } from '../../progress/eventContext.js';
import type { RunEvents } from '../../progress/RunEvent.js';
import { runMessages as m } from '../../messages/run.js';
import { hashJson } from '../../util/hash.js';
import { combineHashes, ContentHasher, TEMP_NAME } from './ContentHasher.js';
import type { BaseSettings, NodeInput, NodeScope, PipelineNode } from './PipelineNode.js';
import { StageCache, type CacheRecord } from './StageCache.js';

/** How one node (for one borough) went in a run. */
export interface NodeOutcome {
  node: string;
  stage: string;
  borough: string | null;
  cached: boolean;
  seconds: number;
  key: string;
  /** Per named output, its path relative to OUT. */
  outputs: Record<string, string>;
  /** Per named input, the hash of its contents. */
  inputs: Record<string, string>;
}

/** How each stage went: the sum of its nodes. */
export interface StageOutcome {
  stage: string;
  seconds: number;
  cached: boolean;
  ran: number;
  reused: number;
}

export interface GraphResult {
  nodes: NodeOutcome[];
  stages: StageOutcome[];
}

export interface RunGraphOptions {
  runId: string;
  events: RunEvents;
  /** Ignore the cache: run every node. */
  force?: boolean;
  /**
   * How many boroughs of a per-borough node run at once (default 1). The
   * stage functions decide where they run (in this thread, or on worker
   * threads: see `WorkerPool`); events, cache records and outcomes
   * are the same whatever the number, except that `borough_end` (and the
   * progress in between) follow the order in which boroughs finish.
   */
  concurrency?: number;
  hasher?: ContentHasher;
  /** Called as each stage ends (the run record is updated as it goes). */
  onStageEnd?: (stage: StageOutcome, nodes: readonly NodeOutcome[]) => void;
}

/**
 * Runs a pipeline graph: nodes in dependency order, per-borough nodes once
 * per borough, each only when its cache key (code version + params sections +
 * input contents) differs from its record's or its outputs were altered or
 * removed. Before a node runs, its record and outputs are removed; after it
 * ran, its outputs are hashed and its record written, so a crash at any
 * point resumes cleanly at the next run. Emits `stage_start`/`stage_end` once
 * per stage and `borough_start`/`borough_end` per borough.
 *
 * @example
 *   const result = await runGraph(pipelineGraph(stages), settings, { runId, events });
 *   result.stages; // [{ stage: 'ingest', cached: true, ran: 0, reused: 3, seconds: 0.1 }, ...]
 */
export async function runGraph<S extends BaseSettings>(
  nodes: readonly PipelineNode<S>[],
  settings: S,
  options: RunGraphOptions,
): Promise<GraphResult> {
  const order = sortNodes(nodes);
  const cache = new StageCache(settings.out);
  const hasher = options.hasher ?? new ContentHasher();
  const { events } = options;
  const done = new Map<string, NodeOutcome>();
  const outcomes: NodeOutcome[] = [];
  const stages: StageOutcome[] = [];
  const lastOfStage = new Map(order.map((node) => [node.stage, node.name]));
  let current: { stage: string; started: number; ran: number; reused: number } | undefined;

  const scopeFor = (borough: string | undefined): NodeScope<S> => ({
    settings,
    borough,
    runId: options.runId,
    outputOf: (node, output, forBorough) => {
      // A per-borough upstream for this (or the given) borough, else a global one.
      const outcome = done.get(outcomeKey(node, forBorough ?? borough)) ?? (forBorough === undefined ? done.get(outcomeKey(node, undefined)) : undefined);
      const path = outcome?.outputs[output];
      const absolute = path === undefined ? undefined : cache.absolute(path);
      if (absolute === undefined) throw new Error(m.noUpstreamOutput(node, output, forBorough ?? borough));
      return absolute;
    },
  });

  for (const node of order) {
    if (current === undefined || current.stage !== node.stage) {
      current = { stage: node.stage, started: events.elapsed(), ran: 0, reused: 0 };
      events.emit({ event: 'stage_start', stage: node.stage });
    }
    const globalScope = scopeFor(undefined);
    const boroughs: Array<string | undefined> = node.perBorough ? (node.boroughs?.(globalScope) ?? []) : [undefined];
    if (node.perBorough) await pruneBoroughs(node, globalScope, boroughs as string[], cache, hasher, events);
    const code = node.codeVersion();
    const paramsHash = hashJson(Object.fromEntries(node.params.map((section) => [section, settings.params[section]])));

    // Boroughs are prepared (inputs hashed, cache checked) and started in borough
    // order, at most `limit` running at once; their outcomes are kept in borough order.
    const limit = node.perBorough ? Math.max(1, Math.floor(options.concurrency ?? 1)) : 1;
    const tally = current;
    const slots: Array<NodeOutcome | undefined> = boroughs.map(() => undefined);
    const failures: Array<{ index: number; borough: string | undefined; error: unknown }> = [];
    const running = new Set<Promise<void>>();
    for (const [index, borough] of boroughs.entries()) {
      const position = { index: index + 1, of: boroughs.length };
      const scope = scopeFor(borough);
      const inputs = await hashInputs(node.inputs(scope), hasher);
      const key = hashJson({ node: node.name, borough: borough ?? null, code, params: paramsHash, inputs });
      const record = cache.read(node.name, borough);
      const reusable = options.force !== true && record !== undefined && record.key === key && (await cache.intact(record, hasher));
      if (reusable) {
        slots[index] = {
          node: node.name,
          stage: node.stage,
          borough: borough ?? null,
          cached: true,
          seconds: 0,
          key,
          inputs,
          outputs: Object.fromEntries(Object.entries(record.outputs).map(([name, o]) => [name, o.path])),
        };
        tally.reused += 1;
        events.emit(
          borough === undefined
            ? { event: 'node_cached', stage: node.stage, node: node.name, ...position }
            : { event: 'node_cached', stage: node.stage, node: node.name, borough, ...position },
        );
        continue;
      }
      while (running.size >= limit) await Promise.race(running);
      cache.remove(node.name, borough);
      const outputs = node.outputs(scope);
      for (const path of Object.values(outputs)) {
        if (node.keepOutputsWhileRunning === true) removeTempSiblings(path);
        else clearOutput(path);
      }
      if (borough !== undefined) events.emit({ event: 'borough_start', stage: node.stage, borough, ...position });
      const task = (async () => {
        const started = performance.now();
        try {
          await node.run(scope, eventContext(events, node.stage, borough));
        } catch (error) {
          for (const path of Object.values(outputs)) removeTempSiblings(path);
          failures.push({ index, borough, error });
          return;
        }
        const seconds = (performance.now() - started) / 1000;
        const recorded: CacheRecord['outputs'] = {};
        for (const [name, path] of Object.entries(outputs)) {
          recorded[name] = { path: toRelative(settings.out, path), files: await hasher.hashPaths(settings.out, [path]) };
        }
        cache.write({
          node: node.name,
          borough: borough ?? null,
          key,
          code_version: code,
          params_hash: paramsHash,
          inputs,
          outputs: recorded,
          run_id: options.runId,
          seconds: round(seconds),
          finished_at: new Date().toISOString(),
        });
        slots[index] = {
          node: node.name,
          stage: node.stage,
          borough: borough ?? null,
          cached: false,
          seconds: round(seconds),
          key,
          inputs,
          outputs: Object.fromEntries(Object.entries(recorded).map(([name, o]) => [name, o.path])),
        };
        tally.ran += 1;
        if (borough !== undefined) events.emit({ event: 'borough_end', stage: node.stage, borough, seconds: round(seconds), cached: false, ...position });
      })().catch((error: unknown) => {
        failures.push({ index, borough, error });
      });
      running.add(task);
      void task.finally(() => running.delete(task));
    }
    await Promise.all(running);
    if (failures.length > 0) {
      // The others finished (and are cached); the first failure in borough order ends the run, the rest are logged.
      const [first, ...others] = failures.sort((a, b) => a.index - b.index);
      for (const other of others) {
        const message = m.otherBoroughFailed(other.error instanceof Error ? other.error.message : String(other.error));
        events.emit(other.borough === undefined ? { event: 'log', level: 'error', stage: node.stage, message } : { event: 'log', level: 'error', stage: node.stage, borough: other.borough, message });
      }
      throw (first as (typeof failures)[number]).error;
    }
    for (const [index, outcome] of slots.entries()) {
      if (outcome === undefined) continue;
      done.set(outcomeKey(node.name, boroughs[index]), outcome);
      outcomes.push(outcome);
    }

    if (lastOfStage.get(node.stage) === node.name) {
      const seconds = round((events.elapsed() - current.started) / 1000);
      const stage = { stage: node.stage, seconds, cached: current.ran === 0, ran: current.ran, reused: current.reused };
      stages.push(stage);
      events.emit({ event: 'stage_end', ...stage });
      options.onStageEnd?.(stage, outcomes);
      current = undefined;
    }
  }
  return { nodes: outcomes, stages };
}

/** Nodes in an order where every node comes after the nodes it needs (stable: declaration order otherwise). */
export function sortNodes<S extends BaseSettings>(nodes: readonly PipelineNode<S>[]): PipelineNode<S>[] {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  if (byName.size !== nodes.length) throw new Error(m.duplicateNode(nodes.map((n) => n.name)));
  const sorted: PipelineNode<S>[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: PipelineNode<S>, path: string[]) => {
    const seen = state.get(node.name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(m.cycle([...path, node.name]));
    state.set(node.name, 'visiting');
    for (const need of node.needs) {
      const upstream = byName.get(need);
      if (upstream === undefined) throw new Error(m.unknownNeed(node.name, need));
      visit(upstream, [...path, node.name]);
    }
    state.set(node.name, 'done');
    sorted.push(node);
  };
  for (const node of nodes) visit(node, []);
  // Stages must be contiguous so that each has one start and one end event.
  const seenStages = new Set<string>();
  let previous: string | undefined;
  for (const node of sorted) {
    if (node.stage !== previous && seenStages.has(node.stage)) throw new Error(m.splitStage(node.stage));
    seenStages.add(node.stage);
    previous = node.stage;
  }
  return sorted;
}

async function hashInputs(inputs: Record<string, NodeInput>, hasher: ContentHasher): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const name of Object.keys(inputs).sort()) {
    const input = inputs[name] as NodeInput;
    switch (input.kind) {
      case 'files':
        hashes[name] = combineHashes(await hasher.hashPaths(input.base, input.paths));
        break;
      case 'dropBorough':
        hashes[name] = combineHashes(await hasher.hashDropBorough(input.drop, input.borough));
        break;
      case 'value':
        hashes[name] = hashJson(input.value ?? null);
        break;
    }
  }
  return hashes;
}

/**
 * Removes the per-borough outputs (and records) of boroughs that are not part
 * of this run (an older drop's), so that OUT shows this drop only. An output
 * changed since it was written (a list a team filled in) is left in place,
 * with a warning.
 */
async function pruneBoroughs<S extends BaseSettings>(
  node: PipelineNode<S>,
  scope: NodeScope<S>,
  boroughs: readonly string[],
  cache: StageCache,
  hasher: ContentHasher,
  events: RunEvents,
): Promise<void> {
  const keep = new Set(boroughs);
  for (const borough of cache.boroughsOf(node.name)) {
    if (keep.has(borough)) continue;
    const record = cache.read(node.name, borough);
    for (const output of Object.values(record?.outputs ?? {})) {
      const path = cache.absolute(output.path);
      if (path === undefined || !existsSync(path)) continue;
      const current = await hasher.hashPaths(scope.settings.out, [path]);
      if (combineHashes(current) === combineHashes(output.files)) rmSync(path, { recursive: true, force: true });
      else events.emit({ event: 'log', level: 'warn', stage: node.stage, borough, message: m.keptEditedOutput(path) });
    }
    cache.remove(node.name, borough);
  }
  for (const root of node.boroughRoots?.(scope) ?? []) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (entry.isDirectory() && !keep.has(entry.name)) rmSync(join(root, entry.name), { recursive: true, force: true });
    }
  }
}

function clearOutput(path: string): void {
  rmSync(path, { recursive: true, force: true });
  removeTempSiblings(path);
}

/** A killed writer may leave `.name.tmp-<pid>-<n>` next to its output. */
function removeTempSiblings(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) return;
  const prefix = `.${basename(path)}.tmp-`;
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && TEMP_NAME.test(name)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function toRelative(out: string, path: string): string {
  return relative(out, path).split(sep).join('/');
}

function outcomeKey(node: string, borough: string | undefined): string {
  return `${node}\0${borough ?? ''}`;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
