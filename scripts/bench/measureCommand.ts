import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { ProcessSampler, type MemorySample } from './ProcessSampler.js';
import { parseEventLine, stageWindows, type StageEvent, type StageWindow } from './RunEvents.js';

/** What measuring one child process gave. */
export interface Measurement {
  command: string[];
  exitCode: number | null;
  signal: string | null;
  wallSeconds: number;
  /** Peak resident memory of the child and its descendants, bytes. */
  peakRssBytes: number;
  /** One entry per stage the child announced, with the peak memory seen during it. */
  stages: Array<StageWindow & { peakRssBytes: number | null }>;
  /** Memory over time (thinned to at most ~600 points for the report). */
  memory: MemorySample[];
  /** Last lines the child wrote to stderr, to say why it failed. */
  stderrTail: string[];
}

export interface MeasureOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds between memory polls (100 by default). */
  intervalMs?: number;
  /** Copy of everything the child wrote (stdout and stderr), for the record. */
  logFile?: string;
  /** Called with every stage event as it arrives (progress for the person waiting). */
  onEvent?: (event: StageEvent) => void;
  /** Called with every other line of stdout. */
  onLine?: (line: string) => void;
}

/**
 * Runs a command to completion and measures it from outside: wall time,
 * peak resident memory of its process tree (polled from /proc), and, from
 * the JSON event lines it prints (`stage_start` / `stage_end`), the time and
 * memory peak of each stage. A command that prints no events still gets its
 * whole-run figures.
 *
 * @example
 *   const m = await measureCommand(['node', 'dist/pipeline/cli.js', 'run', '--drop', d, '--out', o, '--json', '--force']);
 *   m.wallSeconds; m.peakRssBytes; m.stages.map((s) => [s.stage, s.seconds, s.peakRssBytes]);
 */
export async function measureCommand(command: readonly string[], options: MeasureOptions = {}): Promise<Measurement> {
  const [program, ...args] = command;
  if (program === undefined) throw new Error('measureCommand needs a command');
  const log = options.logFile === undefined ? undefined : openLog(options.logFile);
  const startedAt = performance.now();
  const child = spawn(program, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  if (child.pid === undefined) {
    await exited;
    throw new Error(`Could not start ${program}`);
  }
  const sampler = new ProcessSampler(child.pid, options.intervalMs ?? 100, () => performance.now() - startedAt);
  sampler.start();
  const events: StageEvent[] = [];
  const stderrTail: string[] = [];
  const onStdout = (line: string) => {
    log?.write(`${line}\n`);
    const event = parseEventLine(line, performance.now() - startedAt);
    if (event === undefined) {
      options.onLine?.(line);
      return;
    }
    events.push(event);
    options.onEvent?.(event);
  };
  const onStderr = (line: string) => {
    log?.write(`${line}\n`);
    // Some commands print their events on stderr; accept them there too.
    const event = parseEventLine(line, performance.now() - startedAt);
    if (event !== undefined) {
      events.push(event);
      options.onEvent?.(event);
      return;
    }
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
  };
  const stdoutDone = new Promise<void>((resolve) => createInterface({ input: child.stdout }).on('line', onStdout).on('close', resolve));
  const stderrDone = new Promise<void>((resolve) => createInterface({ input: child.stderr }).on('line', onStderr).on('close', resolve));
  const { code, signal } = await exited;
  await Promise.all([stdoutDone, stderrDone]);
  sampler.stop();
  const wallMs = performance.now() - startedAt;
  if (log !== undefined) await new Promise<void>((resolve) => log.end(resolve));
  const stages = stageWindows(events, wallMs).map((window) => ({
    ...window,
    peakRssBytes: sampler.peakBetween(window.startMs, window.endMs) ?? null,
  }));
  return {
    command: [...command],
    exitCode: code,
    signal,
    wallSeconds: wallMs / 1000,
    peakRssBytes: sampler.peakBytes,
    stages,
    memory: thin(sampler.samples, 600),
    stderrTail,
  };
}

function openLog(file: string) {
  mkdirSync(dirname(file), { recursive: true });
  return createWriteStream(file);
}

/** Every n-th sample, keeping the highest of each stretch, so the curve keeps its peaks. */
function thin(samples: readonly MemorySample[], maxPoints: number): MemorySample[] {
  if (samples.length <= maxPoints) return [...samples];
  const step = Math.ceil(samples.length / maxPoints);
  const kept: MemorySample[] = [];
  for (let i = 0; i < samples.length; i += step) {
    let best = samples[i] as MemorySample;
    for (let j = i + 1; j < Math.min(i + step, samples.length); j++) if ((samples[j] as MemorySample).rssBytes > best.rssBytes) best = samples[j] as MemorySample;
    kept.push(best);
  }
  return kept;
}
