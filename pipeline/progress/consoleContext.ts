import type { StageContext } from '../stage.js';

export interface ConsoleContextOptions {
  /** Where information lines go: stderr (default) keeps stdout for a command's summary or for pipes. */
  info?: 'stdout' | 'stderr';
  /** Echo warnings on stderr (default); off when the command's own summary lists them all. */
  warnings?: boolean;
  /** Show progress (default): a line rewritten in place on a terminal, a line per task otherwise. */
  progress?: boolean;
}

/**
 * The StageContext of a single-stage command (`hmo ingest`, `hmo train`,
 * ...) run on its own; `hmo run` has its own renderers (pipeline/progress/).
 *
 * @example
 *   await trainModel(inputs, consoleContext({ info: 'stdout' }));
 */
export function consoleContext(options: ConsoleContextOptions = {}): StageContext {
  const info = options.info === 'stdout' ? process.stdout : process.stderr;
  const tty = process.stderr.isTTY === true;
  let task = { name: '', total: 0, unit: '' };
  const quiet = { start: () => undefined, update: () => undefined, finish: () => undefined };
  return {
    log: {
      info: (message) => void info.write(`${message}\n`),
      warn: (message) => (options.warnings === false ? undefined : void process.stderr.write(`Warning: ${message}\n`)),
      // Errors are never quiet, except where the command's own summary lists them (warnings: false).
      error: (message) => (options.warnings === false ? undefined : void process.stderr.write(`Error: ${message}\n`)),
    },
    progress:
      options.progress === false
        ? quiet
        : {
            start: (name, total, unit = '') => {
              task = { name, total, unit };
              if (!tty) process.stderr.write(`${name}${total > 1 ? ` (${total}${unit === '' ? '' : ` ${unit}`})` : ''}…\n`);
            },
            update: (done) => {
              if (tty) process.stderr.write(`\r${task.name}: ${done}/${task.total} ${task.unit}`);
            },
            finish: () => {
              if (tty) process.stderr.write('\n');
            },
          },
  };
}
