import { runMessages as m } from '../messages/run.js';
import { infoLine, where } from './QuietRenderer.js';
import { bar, formatRate, formatSeconds } from './rate.js';
import type { RunEvent, RunRenderer } from './RunEvent.js';
import { StageTracker } from './StageTracker.js';

interface TtyStream {
  write(text: string): unknown;
  columns?: number;
}

/**
 * Progress on a terminal (stderr): a finished stage leaves one line; the
 * stage in progress shows a live bar of its boroughs and one per borough in
 * progress (its current task: rows, epochs…) with counts and rates, redrawn in place at most every
 * `frameMs`. Warnings and errors are printed above the bars.
 *
 * @example
 *   new RunEvents([new TtyRenderer(process.stderr)]);
 *   // ✓ ingest    nothing changed, reused the cached outputs (33 parts)
 *   //   features  ███████░░░░░░░░░░░░░  12/33 boroughs (2.4/s)  0m05s
 *   //             E09000013 score rows ████████░░░░  40000/104213 rows (8.1k/s)
 */
export class TtyRenderer implements RunRenderer {
  private readonly tracker = new StageTracker();
  private liveLines = 0;
  private lastDraw = 0;
  private timer: NodeJS.Timeout | undefined;
  private now = 0;

  constructor(
    private readonly stream: TtyStream,
    private readonly frameMs = 100,
  ) {}

  handle(event: RunEvent): void {
    this.tracker.apply(event);
    this.now = event.t;
    switch (event.event) {
      case 'stage_end':
        this.print(`${event.ran === 0 ? '✓' : '✔'} ${m.stageEnded(event.stage, formatSeconds(event.seconds), event.ran, event.reused)}`);
        break;
      case 'log':
        if (event.level === 'warn') this.print(m.warning(where(event), event.message));
        else if (event.level === 'error') this.print(m.error(where(event), event.message));
        else this.print(`  ${infoLine(event)}`);
        break;
      default:
        this.schedule();
        break;
    }
  }

  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.clearLive();
  }

  /** Prints a permanent line above the live bars. */
  private print(text: string): void {
    this.clearLive();
    this.stream.write(`${text}\n`);
    this.draw();
  }

  private schedule(): void {
    const since = performance.now() - this.lastDraw;
    if (since >= this.frameMs) {
      this.clearLive();
      this.draw();
    } else if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.clearLive();
        this.draw();
      }, this.frameMs - since);
      this.timer.unref();
    }
  }

  private clearLive(): void {
    if (this.liveLines > 0) this.stream.write(`\x1b[${this.liveLines}A\x1b[0J`);
    this.liveLines = 0;
  }

  private draw(): void {
    this.lastDraw = performance.now();
    const state = this.tracker.current;
    if (state === undefined) return;
    // A terminal of unknown size (columns 0 or missing) gets 100 columns.
    const columns = this.stream.columns !== undefined && this.stream.columns >= 40 ? this.stream.columns : 100;
    const width = columns - 1;
    const elapsed = (this.now - state.startedAt) / 1000;
    const lines: string[] = [];
    const head = `  ${state.stage.padEnd(9)}`;
    if (state.of > 0) {
      lines.push(`${head} ${bar(state.done, state.of, 20)}  ${m.boroughsDone(state.done, state.of, formatRate(state.ran, elapsed))}  ${formatSeconds(elapsed)}`);
    } else {
      lines.push(`${head} ${formatSeconds(elapsed)}`);
    }
    // One line per borough in progress (several when boroughs run at once).
    for (const task of state.tasks.values()) {
      const rate = formatRate(task.done, (this.now - task.startedAt) / 1000);
      lines.push(`  ${' '.repeat(9)} ${bar(task.done, task.total, 12)}  ${m.taskStatus(task.borough, task.name, task.done, task.total, task.unit, rate)}`);
    }
    const text = lines.map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line));
    this.stream.write(`${text.join('\n')}\n`);
    this.liveLines = text.length;
  }
}
