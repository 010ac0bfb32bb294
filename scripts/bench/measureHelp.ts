import { spawnSync } from 'node:child_process';
import { round } from './BenchResults.js';

/** `hmo --help` against a bare `node -e 0`, in the same loop. */
export interface HelpFigures {
  /** Runs of each command (alternating, so that load drifts hit both alike). */
  runs: number;
  /** Median wall seconds of `node dist/pipeline/cli.js --help`. */
  help_seconds: number;
  /** Median wall seconds of `node -e 0`: Node's own start-up on this machine, now. */
  node_seconds: number;
  /** help_seconds over node_seconds: comparable across busy and quiet machines, unlike the seconds. */
  help_over_node: number;
  /** Median peak resident memory (the process's maxRSS at exit). */
  help_peak_rss_bytes: number;
  node_peak_rss_bytes: number;
  /** The 1-minute load average when the loop started and ended (os.loadavg), to say how busy the machine was. */
  load_average: [number, number];
}

// Reports the process's peak resident set on stderr as it exits: the same preload for both commands.
const PEAK_PROBE = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nhmo-bench-maxrss="+process.resourceUsage().maxRSS+"\\n"))`;

/**
 * Times `hmo --help` and `node -e 0` `runs` times each, alternating, and
 * returns the medians: the start-up target (≤ 0.3 s on a quiet machine)
 * read together with Node's own start-up in the same loop.
 *
 * @example
 *   const help = measureHelp(process.execPath, 'dist/pipeline/cli.js', 7);
 *   help.help_over_node; // ~2.5
 */
export function measureHelp(node: string, cli: string, runs: number, loadAverage: () => number = () => 0): HelpFigures {
  const startLoad = loadAverage();
  const help: Array<{ seconds: number; rss: number }> = [];
  const bare: Array<{ seconds: number; rss: number }> = [];
  const time = (args: string[]) => {
    const start = process.hrtime.bigint();
    const result = spawnSync(node, ['--import', PEAK_PROBE, ...args], { encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (result.status !== 0) throw new Error(`${[node, ...args].join(' ')} exited with ${String(result.status)}: ${result.stderr.slice(-500)}`);
    const rss = Number(/hmo-bench-maxrss=(\d+)/.exec(result.stderr)?.[1] ?? 0) * 1024;
    return { seconds, rss };
  };
  for (let i = 0; i < runs; i++) {
    help.push(time([cli, '--help']));
    bare.push(time(['-e', '0']));
  }
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  };
  const helpSeconds = median(help.map((h) => h.seconds));
  const nodeSeconds = median(bare.map((h) => h.seconds));
  return {
    runs,
    help_seconds: round(helpSeconds, 3),
    node_seconds: round(nodeSeconds, 3),
    help_over_node: round(helpSeconds / nodeSeconds, 2),
    help_peak_rss_bytes: median(help.map((h) => h.rss)),
    node_peak_rss_bytes: median(bare.map((h) => h.rss)),
    load_average: [round(startLoad, 2), round(loadAverage(), 2)],
  };
}
