import { runMessages as m } from '../messages/run.js';
import type { RunEvent, RunRenderer } from './RunEvent.js';

/**
 * `--quiet`: errors only, on the given stream (stderr).
 *
 * @example
 *   new RunEvents([new QuietRenderer(process.stderr)]);
 */
export class QuietRenderer implements RunRenderer {
  constructor(private readonly stream: { write(text: string): unknown }) {}

  handle(event: RunEvent): void {
    if (event.event === 'log' && event.level === 'error') this.stream.write(`${m.error(where(event), event.message)}\n`);
  }

  close(): void {}
}

/**
 * An information line of a stage: "features E09000012: 3084 properties…",
 * but "features: E09000012: 3084 properties…" when the message names its
 * borough itself (as it does when a stage runs as its own command), so the
 * code is never said twice.
 *
 * @example
 *   infoLine({ stage: 'features', borough: 'E09000012', message: 'E09000012: 3084 properties' }); // 'features: E09000012: 3084 properties'
 */
export function infoLine(event: { stage?: string; borough?: string; message: string }): string {
  const named = event.borough !== undefined && new RegExp(`^${event.borough}\\b`).test(event.message);
  return `${named ? where({ ...(event.stage === undefined ? {} : { stage: event.stage }) }) : where(event)}: ${event.message}`;
}

/** "ingest E09000007", "train", or "" for an event's place in the run. */
export function where(event: { stage?: string; borough?: string }): string {
  return [event.stage, event.borough].filter((part) => part !== undefined).join(' ');
}
