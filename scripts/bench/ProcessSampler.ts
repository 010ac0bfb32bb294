import { readFileSync, readdirSync } from 'node:fs';

/** One memory reading of a process tree. */
export interface MemorySample {
  /** Milliseconds on the sampler's clock (by default, since the sampler was made). */
  atMs: number;
  /** Resident memory of the process and all its descendants, bytes. */
  rssBytes: number;
}

/** VmRSS and VmHWM (kernel's own peak resident set) of one process, bytes; undefined once it is gone. */
export function readProcMemory(pid: number): { rssBytes: number; hwmBytes: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  const hwm = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
  // A zombie has no memory lines: it holds nothing any more.
  if (rss === null) return undefined;
  const rssBytes = Number(rss[1]) * 1024;
  return { rssBytes, hwmBytes: hwm === null ? rssBytes : Number(hwm[1]) * 1024 };
}

/** The pids of a process's descendants (children of every thread, recursively), from /proc. */
export function descendantPids(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${parent}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      let children: string;
      try {
        children = readFileSync(`/proc/${parent}/task/${task}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.split(/\s+/).filter((s) => s !== '')) {
        const id = Number(child);
        if (Number.isInteger(id) && !found.includes(id)) {
          found.push(id);
          queue.push(id);
        }
      }
    }
  }
  return found;
}

/**
 * Polls the resident memory of a process and its descendants (worker
 * processes, a DuckDB or Python child) from /proc every `intervalMs`, so that
 * the peak of a run and of each of its stages can be reported. The peak also
 * takes the root process's VmHWM, which the kernel keeps between polls, so a
 * short spike of the root is not missed.
 *
 * @example
 *   const sampler = new ProcessSampler(child.pid!, 100);
 *   sampler.start();
 *   child.on('exit', () => { sampler.stop(); console.log(sampler.peakBytes); });
 */
export class ProcessSampler {
  readonly samples: MemorySample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private rootHwmBytes = 0;
  private readonly clock: () => number;

  /** `clock` gives the time of a sample in ms; pass one shared with the event timeline to line both up. */
  constructor(
    readonly pid: number,
    readonly intervalMs = 100,
    clock?: () => number,
  ) {
    const origin = performance.now();
    this.clock = clock ?? (() => performance.now() - origin);
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    // Sampling must never keep the harness alive on its own.
    this.timer.unref();
  }

  /** Takes one reading now (also called by the timer); returns false once the root process is gone. */
  sample(): boolean {
    const root = readProcMemory(this.pid);
    if (root === undefined) return false;
    this.rootHwmBytes = Math.max(this.rootHwmBytes, root.hwmBytes);
    let total = root.rssBytes;
    for (const pid of descendantPids(this.pid)) total += readProcMemory(pid)?.rssBytes ?? 0;
    this.samples.push({ atMs: this.clock(), rssBytes: total });
    return true;
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Highest resident memory seen: the largest tree sample or the root's own high-water mark. */
  get peakBytes(): number {
    return this.samples.reduce((peak, s) => Math.max(peak, s.rssBytes), this.rootHwmBytes);
  }

  /**
   * Highest tree sample within [fromMs, toMs]; for a window shorter than the
   * interval, the first sample after it (memory a stage left behind is
   * still resident then). Undefined when there is no sample at all.
   */
  peakBetween(fromMs: number, toMs: number): number | undefined {
    let peak: number | undefined;
    for (const s of this.samples) if (s.atMs >= fromMs && s.atMs <= toMs) peak = Math.max(peak ?? 0, s.rssBytes);
    return peak ?? this.samples.find((s) => s.atMs > toMs)?.rssBytes ?? this.samples[this.samples.length - 1]?.rssBytes;
  }
}
