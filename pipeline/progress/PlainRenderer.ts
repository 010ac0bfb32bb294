import { runMessages as m } from '../messages/run.js';
import { infoLine, where } from './QuietRenderer.js';
import { formatRate, formatSeconds } from './rate.js';
import type { RunEvent, RunRenderer } from './RunEvent.js';
import { StageTracker } from './StageTracker.js';

/**
 * Progress for logs that are not a terminal (CI, files): plain lines, each
 * prefixed with the elapsed time; a stage's start and end always, its status
 * (boroughs done, the current task's count and rate) at most once every
 * `intervalMs` per stage; warnings and errors always.
 *
 * @example
 *   new RunEvents([new PlainRenderer(process.stderr)]);
 *   // [   0.0s] ingest: started
 *   // [   5.0s] ingest: 12/33 boroughs (2.4/s), E09000013 properties 40000/104213 rows (8.1k/s)
 */
export class PlainRenderer implements RunRenderer {
  private readonly tracker = new StageTracker();
  private lastStatus = 0;

  constructor(
    private readonly stream: { write(text: string): unknown },
    private readonly intervalMs = 5000,
  ) {}

  handle(event: RunEvent): void {
    this.tracker.apply(event);
    switch (event.event) {
      case 'stage_start':
        this.lastStatus = event.t;
        this.line(event.t, m.stageStarted(event.stage));
        break;
      case 'stage_end':
        this.line(event.t, m.stageEnded(event.stage, formatSeconds(event.seconds), event.ran, event.reused));
        break;
      case 'log':
        if (event.level === 'warn') this.line(event.t, m.warning(where(event), event.message));
        else if (event.level === 'error') this.line(event.t, m.error(where(event), event.message));
        else this.line(event.t, infoLine(event));
        break;
      case 'borough_end':
      case 'node_cached':
      case 'progress':
        if (event.t - this.lastStatus >= this.intervalMs) {
          this.lastStatus = event.t;
          this.status(event.t);
        }
        break;
      default:
        break;
    }
  }

  close(): void {}

  private status(t: number): void {
    const state = this.tracker.current;
    if (state === undefined) return;
    const parts: string[] = [];
    if (state.of > 0) parts.push(m.boroughsDone(state.done, state.of, formatRate(state.ran, (t - state.startedAt) / 1000)));
    for (const task of state.tasks.values()) {
      parts.push(m.taskStatus(task.borough, task.name, task.done, task.total, task.unit, formatRate(task.done, (t - task.startedAt) / 1000)));
    }
    if (parts.length > 0) this.line(t, m.stageStatus(state.stage, parts.join(', ')));
  }

  private line(t: number, text: string): void {
    this.stream.write(`[${(t / 1000).toFixed(1).padStart(7)}s] ${text}\n`);
  }
}
