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

/** "ingest E09000007", "train", or "" for an event's place in the run. */
export function where(event: { stage?: string; borough?: string }): string {
  return [event.stage, event.borough].filter((part) => part !== undefined).join(' ');
}
