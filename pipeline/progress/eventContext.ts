import type { StageContext } from '../stage.js';
import type { RunEvents } from './RunEvent.js';

/**
 * The `StageContext` a stage receives from `hmo run`: its log lines and
 * progress become run events (shown as bars, plain lines or JSON by the
 * renderers), tagged with the stage and borough.
 *
 * @example
 *   await ingestBorough({ drop, borough, out }, eventContext(events, 'ingest', borough));
 */
export function eventContext(events: RunEvents, stage: string, borough?: string): StageContext {
  const where = borough === undefined ? { stage } : { stage, borough };
  let task: { name: string; total: number; unit: string; done: number } | undefined;
  return {
    log: {
      info: (message) => events.emit({ event: 'log', level: 'info', ...where, message }),
      warn: (message) => events.emit({ event: 'log', level: 'warn', ...where, message }),
      error: (message) => events.emit({ event: 'log', level: 'error', ...where, message }),
    },
    progress: {
      start: (name, total, unit = 'items') => {
        task = { name, total, unit, done: 0 };
        events.emit({ event: 'progress', ...where, task: name, done: 0, total, unit });
      },
      update: (done) => {
        if (task === undefined) return;
        task.done = done;
        events.emit({ event: 'progress', ...where, task: task.name, done, total: task.total, unit: task.unit });
      },
      finish: () => {
        if (task === undefined) return;
        events.emit({ event: 'progress', ...where, task: task.name, done: task.total, total: task.total, unit: task.unit });
        task = undefined;
      },
    },
  };
}
