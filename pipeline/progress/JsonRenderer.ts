import type { RunEvent, RunRenderer } from './RunEvent.js';

/**
 * `--json`: one JSON object per line for every event, on the given stream
 * (stdout). Progress events of one task are thinned to at most one every
 * `minIntervalMs` (the first and the last always pass), so that a stage
 * reporting every row does not flood the reader.
 *
 * @example
 *   new RunEvents([new JsonRenderer(process.stdout)]);
 *   // {"event":"stage_start","stage":"ingest","t":12}
 */
export class JsonRenderer implements RunRenderer {
  private readonly lastProgress = new Map<string, number>();

  constructor(
    private readonly stream: { write(text: string): unknown },
    private readonly minIntervalMs = 250,
  ) {}

  handle(event: RunEvent): void {
    if (event.event === 'progress') {
      const task = `${event.stage}\0${event.borough ?? ''}\0${event.task}`;
      const last = this.lastProgress.get(task);
      const final = event.done >= event.total;
      if (!final && last !== undefined && event.t - last < this.minIntervalMs && event.done !== 0) return;
      this.lastProgress.set(task, event.t);
    }
    this.stream.write(`${JSON.stringify(event)}\n`);
  }

  close(): void {
    this.lastProgress.clear();
  }
}
