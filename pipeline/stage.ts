/**
 * What every stage receives besides its named inputs: a way to report
 * progress and to log. Stages are pure functions from named inputs (paths and
 * params) to named outputs (paths they wrote); the orchestrator in
 * `pipeline/run/` wires them, caches them and renders the progress.
 */
export interface ProgressReporter {
  /** Announce a unit of work with a known total (rows, boroughs, epochs). */
  start(task: string, total: number, unit?: string): void;
  /** Advance the current task to `done` of its total. */
  update(done: number): void;
  /** Close the current task. */
  finish(): void;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /**
   * Something failed (a borough that cannot be used): shown even under
   * `--quiet`. Optional, so that a context without it logs a warning instead
   * (`logError`).
   */
  error?(message: string): void;
}

/**
 * Logs an error through `log.error`, or as a warning where the context has no error level.
 *
 * @example
 *   logError(ctx.log, 'E09000007/properties.csv: the file listed in the manifest is missing');
 */
export function logError(log: Logger, message: string): void {
  if (log.error !== undefined) log.error(message);
  else log.warn(message);
}

export interface StageContext {
  readonly log: Logger;
  readonly progress: ProgressReporter;
}

/** A context that prints nothing: for tests and library use. */
export const silentContext: StageContext = {
  log: { info: () => undefined, warn: () => undefined, error: () => undefined },
  progress: { start: () => undefined, update: () => undefined, finish: () => undefined },
};
