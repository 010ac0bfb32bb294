import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { outputLayout } from '../../layout.js';
import { runMessages as m } from '../../messages/run.js';
import { CommandError } from '../../errors/CommandError.js';
import { processAlive } from './processAlive.js';
import { writeFileAtomic } from '../../util/atomicWrite.js';
import { sha256 } from '../../util/hash.js';
import type { StageOutcome } from '../graph/runGraph.js';

/** How a run ended; `interrupted` is what `running` reads as once its process is gone. */
export type RunStatus = 'running' | 'ok' | 'failed' | 'interrupted';

/** OUT/runs/<id>/run.json: what a run did, on which data, with what result. */
export interface RunRecord {
  run_id: string;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  seconds: number | null;
  /** The process that wrote the record (to tell a crashed run from one in progress). */
  pid: number;
  drop: string;
  truth: string | null;
  params_file: string | null;
  force: boolean;
  /** Every borough folder of the drop, and those that passed ingest. */
  boroughs: string[];
  usable_boroughs: string[];
  /** Hash of the drop's contents as ingest reads them (per borough: manifest + listed files). */
  data_fingerprint: string | null;
  /** Hash of the truth file's contents, when one was given. */
  truth_fingerprint: string | null;
  /** Hash of the code versions of every stage. */
  code_version: string | null;
  stages: StageOutcome[];
  /** Per node and borough: cached or ran, seconds. */
  nodes: Array<{ node: string; borough: string | null; cached: boolean; seconds: number }>;
  /** The model this run evaluated and ranked with (relative to OUT), and the run that trained it. */
  model: { dir: string; trained_by: string } | null;
  /** The champion at the start of the run (evaluation's baseline), if any. */
  champion_at_start: string | null;
  /** Headline figures from the evaluation (see `headlineMetrics`), flattened to dotted keys. */
  metrics: Record<string, number | null> | null;
  /** What `hmo models promote` would decide now (nothing is promoted by `hmo run`). */
  promotion_preview: { pass: boolean; reasons: string[] } | null;
  /**
   * Where the run's outputs are, relative to OUT: `lists` are the run's own
   * candidate lists (OUT/runs/<id>/lists/, or an earlier run's when ranking
   * was cached); `champion_lists` the officers' lists in OUT/lists after the
   * run, null when no model is promoted yet.
   */
  outputs: {
    quality: string;
    quality_report: string;
    evaluation: string;
    metrics: string;
    lists: Record<string, string>;
    champion_lists?: { champion_run: string; status: 'current' | 'published'; lists: Record<string, string> } | null;
  } | null;
  error: string | null;
}

/**
 * A new run id: the UTC start time to the second (so ids sort by time) and a
 * short hash of what the run was asked to do, e.g. `2026-11-27T093012-3fa9c1`.
 *
 * @example
 *   newRunId(new Date('2026-11-27T09:30:12Z'), 'drop+params'); // '2026-11-27T093012-…'
 */
export function newRunId(now: Date, seed: string): string {
  const iso = now.toISOString(); // 2026-11-27T09:30:12.345Z
  const stamp = `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  return `${stamp}-${sha256(seed).slice(0, 6)}`;
}

/** Reads and writes the run records under OUT/runs. */
export class RunStore {
  private readonly layout;

  constructor(readonly out: string) {
    this.layout = outputLayout(out);
  }

  write(record: RunRecord): void {
    writeFileAtomic(this.layout.runRecord(record.run_id), `${JSON.stringify(record, null, 2)}\n`);
  }

  /** Every run id, oldest first. */
  ids(): string[] {
    if (!existsSync(this.layout.runsDir)) return [];
    return readdirSync(this.layout.runsDir)
      .filter((id) => existsSync(this.layout.runRecord(id)))
      .sort();
  }

  /** Every readable run record, oldest first, with `running` shown as `interrupted` when its process is gone. */
  list(): RunRecord[] {
    return this.ids().flatMap((id) => {
      const record = this.tryRead(id);
      return record === undefined ? [] : [record];
    });
  }

  /** A run by id, or by an unambiguous prefix of it; `latest` is the newest run. */
  get(ref: string): RunRecord {
    const ids = this.ids();
    if (ids.length === 0) throw new CommandError(m.noRuns(this.out), 1);
    const id = this.resolveId(ref, ids);
    const record = this.tryRead(id);
    // A run id that names no run is a usage error, as an ambiguous one is.
    if (record === undefined) throw new CommandError(m.unknownRun(ref, ids), 2);
    return record;
  }

  /** The run's saved metrics.json (the evaluation's full metrics), if it has one. */
  metrics(runId: string): unknown {
    const file = this.layout.runMetrics(runId);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
  }

  /** The run's effective params. */
  params(runId: string): unknown {
    const file = this.layout.runParams(runId);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined;
  }

  private resolveId(ref: string, ids: readonly string[]): string {
    if (ref === 'latest') return ids[ids.length - 1] as string;
    if (ids.includes(ref)) return ref;
    const matches = ids.filter((id) => id.startsWith(ref) || id.endsWith(`-${ref}`));
    if (matches.length === 1) return matches[0] as string;
    if (matches.length > 1) throw new CommandError(m.ambiguousRun(ref, matches), 2);
    throw new CommandError(m.unknownRun(ref, ids), 2);
  }

  private tryRead(id: string): RunRecord | undefined {
    try {
      const record = JSON.parse(readFileSync(this.layout.runRecord(id), 'utf8')) as RunRecord;
      if (record.status === 'running' && !processAlive(record.pid)) record.status = 'interrupted';
      return record;
    } catch {
      return undefined;
    }
  }
}

