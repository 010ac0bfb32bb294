import type { RunEvent } from './RunEvent.js';

/** The state of one stage, as the human renderers show it. */
export interface StageState {
  stage: string;
  startedAt: number;
  /** Boroughs finished or reused, out of `of` (0 of 0 for a global stage). */
  done: number;
  of: number;
  ran: number;
  reused: number;
  borough: string | undefined;
  task: { name: string; done: number; total: number; unit: string; startedAt: number } | undefined;
}

/**
 * Folds run events into the state of the stage in progress, so that bar and
 * line renderers share one reading of the event stream.
 *
 * @example
 *   const tracker = new StageTracker();
 *   tracker.apply(event); tracker.current?.done;
 */
export class StageTracker {
  current: StageState | undefined;

  apply(event: RunEvent): void {
    switch (event.event) {
      case 'stage_start':
        this.current = { stage: event.stage, startedAt: event.t, done: 0, of: 0, ran: 0, reused: 0, borough: undefined, task: undefined };
        break;
      case 'borough_start':
        if (this.current === undefined) return;
        this.current.of = Math.max(this.current.of, event.of);
        this.current.borough = event.borough;
        this.current.task = undefined;
        break;
      case 'borough_end':
        if (this.current === undefined) return;
        this.current.done += 1;
        this.current.ran += 1;
        this.current.of = Math.max(this.current.of, event.of);
        break;
      case 'node_cached':
        if (this.current === undefined || event.borough === undefined) return;
        this.current.done += 1;
        this.current.reused += 1;
        this.current.of = Math.max(this.current.of, event.of);
        break;
      case 'progress':
        if (this.current === undefined) return;
        if (this.current.task?.name !== event.task) {
          this.current.task = { name: event.task, done: event.done, total: event.total, unit: event.unit, startedAt: event.t };
        } else {
          this.current.task.done = event.done;
          this.current.task.total = event.total;
        }
        break;
      case 'stage_end':
        this.current = undefined;
        break;
      default:
        break;
    }
  }
}
