/**
 * The events of a run, in the order they happen. `--json` prints each as one
 * line of JSON on stdout (automation and the benchmark harness rely on
 * `stage_start`, `stage_end` and `run_end`); the other renderers turn them
 * into bars or plain lines. `t` is milliseconds since the run started.
 */
export type RunEvent =
  | { event: 'run_start'; run_id: string; drop: string; out: string; t: number }
  | { event: 'stage_start'; stage: string; t: number }
  | { event: 'stage_end'; stage: string; seconds: number; cached: boolean; ran: number; reused: number; t: number }
  | { event: 'borough_start'; stage: string; borough: string; index: number; of: number; t: number }
  | { event: 'borough_end'; stage: string; borough: string; seconds: number; cached: boolean; index: number; of: number; t: number }
  | { event: 'node_cached'; stage: string; node: string; borough?: string; index: number; of: number; t: number }
  | { event: 'progress'; stage: string; borough?: string; task: string; done: number; total: number; unit: string; t: number }
  | { event: 'log'; level: 'info' | 'warn' | 'error'; stage?: string; borough?: string; message: string; t: number }
  | {
      event: 'run_end';
      run_id: string;
      status: 'ok' | 'failed';
      seconds: number;
      stages_run: string[];
      stages_cached: string[];
      outputs: Record<string, unknown>;
      /** The newest earlier run that ended well, if any. */
      previous_run: string | null;
      error?: string;
      t: number;
    };

type Distribute<T> = T extends unknown ? Omit<T, 't'> : never;
/** An event before the clock stamps it. */
export type RunEventInput = Distribute<RunEvent>;

/** Something that shows the events of a run (bars, lines, JSON). */
export interface RunRenderer {
  handle(event: RunEvent): void;
  /** Stop timers and leave the terminal tidy. */
  close(): void;
}

/**
 * The run's event stream: stamps each event with the time since the run
 * started and hands it to every renderer.
 *
 * @example
 *   const events = new RunEvents([new PlainRenderer(process.stderr)]);
 *   events.emit({ event: 'stage_start', stage: 'ingest' });
 */
export class RunEvents {
  private readonly started = performance.now();

  constructor(private readonly renderers: readonly RunRenderer[]) {}

  emit(event: RunEventInput): void {
    const stamped = { ...event, t: Math.round(performance.now() - this.started) } as RunEvent;
    for (const renderer of this.renderers) renderer.handle(stamped);
  }

  /** Milliseconds since the run started. */
  elapsed(): number {
    return performance.now() - this.started;
  }

  close(): void {
    for (const renderer of this.renderers) renderer.close();
  }
}
