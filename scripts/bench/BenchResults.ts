import type { MachineInfo } from './machineInfo.js';
import type { LoboFigures, ListYield } from './accuracy.js';
import type { Measurement } from './measureCommand.js';
import type { MemorySample } from './ProcessSampler.js';
import type { HelpFigures } from './measureHelp.js';

/** London as the benchmark targets it: all 33 boroughs at generator scale 36 (about 3.6 million properties). */
export const LONDON = { boroughs: 33, scale: 36 } as const;

/** The targets of issue 7, on the full London drop. */
export const TARGETS = {
  endToEndSeconds: 300,
  peakRssBytes: 4 * 1024 ** 3,
  ingestOverScan: 3,
  scoringPropertiesPerSecond: 200_000,
  speedupOverPeer: 2,
  memoryOverPeer: 0.5,
  /** Cost per row at the largest point at most this many times the cost per row between the two smallest. */
  scalingSlopeRatio: 1.5,
} as const;

/**
 * The targets of issue 16, against the peer at every size of the comparison
 * (4 boroughs × 100,000 properties, 4 × 400,000, and London) and on London.
 */
export const PEER_TARGETS = {
  /** Our wall time and our peak memory over the peer's, at every size. */
  timeOverPeer: 0.5,
  memoryOverPeer: 0.5,
  londonSeconds: 120,
  londonPeakRssBytes: 3 * 1024 ** 3,
  ingestOverScan: 3,
  helpSeconds: 0.3,
} as const;

/** The default sizes of the comparison besides London: properties in all, over `COMPARISON_BOROUGHS` boroughs. */
export const COMPARISON_PROPERTIES = [100_000, 400_000] as const;
export const COMPARISON_BOROUGHS = 4;

/**
 * One size of the peer comparison: a drop, our run and the peer's on it
 * back to back, and a bare scan of it, with the load average around them
 * (the machine is shared: ratios within one size are what to read).
 */
export interface SizeComparison {
  label: string;
  /** Properties asked for (the drop holds about as many); null for the main drop. */
  target_properties: number | null;
  drop: DropFigures;
  scan: ScanFigures | null;
  pipeline: PipelineFigures | null;
  peer: PeerFigures | null;
  measured_at: string;
  git_commit: string | null;
  /** 1-minute load average (os.loadavg) before and after the size was measured. */
  load_average: [number, number];
}

/** One stage of a measured run. */
export interface StageFigure {
  stage: string;
  /** Seconds the stage reported (or its window when it reported none). */
  seconds: number;
  wall_seconds: number;
  start_s: number;
  end_s: number;
  peak_rss_bytes: number | null;
  cached: boolean;
  completed: boolean;
}

/** A measured child process: whole-run figures and per-stage profile. */
export interface MeasuredRun {
  ok: boolean;
  /** Why it failed (exit code and the end of its error output). */
  error: string | null;
  command: string[];
  exit_code: number | null;
  wall_seconds: number;
  peak_rss_bytes: number;
  stages: StageFigure[];
  memory: MemorySample[];
}

export interface DropFigures {
  key: string;
  path: string;
  truth: string | null;
  boroughs: number;
  scale: number | null;
  seed: number | null;
  files: number;
  bytes: number;
  source_rows: number;
  properties: number;
  generate_seconds: number | null;
  reused_from_cache: boolean;
}

export interface ScanFigures extends MeasuredRun {
  rows: number | null;
  files: number | null;
  /** Seconds of the scan query itself (the child's start-up excluded). */
  scan_seconds: number | null;
}

export interface Throughput {
  ingest_rows_per_second: number | null;
  features_rows_per_second: number | null;
  features_properties_per_second: number | null;
  scoring_properties_per_second: number | null;
  /** Seconds the rate is taken over, and the properties scored in them. */
  scoring_seconds: number | null;
  properties_scored: number | null;
  /**
   * 'scoring pass': the evaluate stage's one scoring pass of the run (its model time, logged; rank reads those scores);
   * 'scoring tasks': rank's own `Scoring <GSS>` tasks (runs before the pass was shared); 'rank stage': the whole stage (older runs).
   */
  scoring_timed_by: 'scoring pass' | 'scoring tasks' | 'rank stage';
}

export interface PipelineFigures extends MeasuredRun {
  out: string;
  throughput: Throughput;
  /** Leave-borough-out figures recomputed from the model's validation predictions, per model. */
  lobo: LoboFigures[];
  chosen_model: string | null;
  /** The evaluation's own headline figures (OUT/evaluation/metrics.json), flattened to dotted keys. */
  headline: Record<string, number | null>;
  lists: ListYield | null;
  notes: string[];
}

export interface PeerFigures extends MeasuredRun {
  out: string;
  versions: Record<string, string | null>;
  best_model: string | null;
  lobo: LoboFigures[];
  lists: Record<string, ListYield | null>;
  stage_seconds: Record<string, number>;
  notes: string[];
}

export interface ScalingPoint {
  label: string;
  fraction: number;
  boroughs: number;
  scale: number;
  source_rows: number;
  properties: number;
  ok: boolean;
  error: string | null;
  wall_seconds: number | null;
  peak_rss_bytes: number | null;
  stages: StageFigure[];
}

export interface TargetCheck {
  id: string;
  description: string;
  target: string;
  value: string;
  /** true met, false missed, null not measured in this run. */
  met: boolean | null;
}

/** docs/benchmarks.json. */
export interface BenchResults {
  format: 'hmo-bench/1';
  status: 'complete' | 'partial';
  /** True only when the main run was on the full London drop (33 boroughs, scale 36): the only figures the targets speak of. */
  london_scale: boolean;
  started_at: string;
  updated_at: string;
  config: Record<string, unknown>;
  machine: MachineInfo;
  drop: DropFigures | null;
  scan: ScanFigures | null;
  pipeline: PipelineFigures | null;
  peer: PeerFigures | null;
  scaling: ScalingPoint[];
  /** The peer comparison at the smaller sizes (London is the main run); absent in results of older harnesses. */
  sizes?: SizeComparison[];
  /** When the main drop's figures were measured, if not in this run (`--only-compare` keeps them from an earlier one). */
  main_measured?: { started_at: string; git_commit: string | null; cpu_model: string };
  /** `hmo --help` against `node -e 0`; absent in results of older harnesses. */
  help?: HelpFigures | null;
  targets: TargetCheck[];
  notes: string[];
}

/** Whole-run and per-stage figures of a measurement, in the report's units. */
export function measuredRun(m: Measurement, what: string): MeasuredRun {
  const ok = m.exitCode === 0;
  return {
    ok,
    error: ok ? null : `${what} exited with ${m.exitCode === null ? `signal ${String(m.signal)}` : `code ${m.exitCode}`}: ${m.stderrTail.slice(-8).join(' | ')}`,
    command: m.command,
    exit_code: m.exitCode,
    wall_seconds: round(m.wallSeconds, 3),
    peak_rss_bytes: m.peakRssBytes,
    stages: m.stages.map((s) => ({
      stage: s.stage,
      seconds: round(s.seconds, 3),
      wall_seconds: round(s.wallSeconds, 3),
      start_s: round(s.startMs / 1000, 3),
      end_s: round(s.endMs / 1000, 3),
      peak_rss_bytes: s.peakRssBytes,
      cached: s.cached,
      completed: s.completed,
    })),
    memory: m.memory.map((s) => ({ atMs: Math.round(s.atMs), rssBytes: s.rssBytes })),
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Seconds of a named stage of a run, or null when the run did not report it. */
export function stageSeconds(run: MeasuredRun | null, stage: string): number | null {
  const found = run?.stages.find((s) => s.stage === stage && s.completed);
  return found === undefined ? null : found.seconds;
}
