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
  /**
   * The current task of each borough in progress (several when boroughs run
   * at once; the stage's own under no borough), in the order they started.
   */
  tasks: Map<string | undefined, TaskState>;
}

/** A task a stage reported progress of (rows of a borough, epochs, …). */
export interface TaskState {
  borough: string | undefined;
  name: string;
  done: number;
  total: number;
  unit: string;
  startedAt: number;
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
        this.current = { stage: event.stage, startedAt: event.t, done: 0, of: 0, ran: 0, reused: 0, tasks: new Map() };
        break;
      case 'borough_start':
        if (this.current === undefined) return;
        this.current.of = Math.max(this.current.of, event.of);
        this.current.tasks.delete(event.borough);
        break;
      case 'borough_end':
        if (this.current === undefined) return;
        this.current.done += 1;
        this.current.ran += 1;
        this.current.of = Math.max(this.current.of, event.of);
        this.current.tasks.delete(event.borough);
        break;
      case 'node_cached':
        if (this.current === undefined || event.borough === undefined) return;
        this.current.done += 1;
        this.current.reused += 1;
        this.current.of = Math.max(this.current.of, event.of);
        break;
      case 'progress':
        if (this.current === undefined) return;
        {
          const task = this.current.tasks.get(event.borough);
          if (task?.name !== event.task) {
            this.current.tasks.set(event.borough, { borough: event.borough, name: event.task, done: event.done, total: event.total, unit: event.unit, startedAt: event.t });
          } else {
            task.done = event.done;
            task.total = event.total;
          }
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
