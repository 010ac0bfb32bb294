import type { StageContext } from '../stage.js';

/**
 * The StageContext of `hmo ingest` / `hmo validate` run on their own: one line
 * on stderr per borough as it starts (stdout keeps the summary). Warnings and
 * errors are not echoed here because the summary lists them all.
 */
export function consoleContext(): StageContext {
  return {
    log: { info: (message) => process.stderr.write(`${message}\n`), warn: () => undefined },
    progress: { start: () => undefined, update: () => undefined, finish: () => undefined },
  };
}
