import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { CommandError } from '../../errors/CommandError.js';
import { processAlive } from './processAlive.js';
import { outputLayout } from '../../layout.js';
import { runMessages as m } from '../../messages/run.js';

/**
 * An exclusive lock on an OUT folder for one `hmo run`: a file holding the
 * process id, created exclusively. A lock left by a process that no longer
 * exists (killed) is taken over.
 *
 * @example
 *   const lock = RunLock.acquire('out/sample');
 *   try { ... } finally { lock.release(); }
 */
export class RunLock {
  /** Removes the lock when the process exits without releasing it (Ctrl-C, a fatal error): a lock is never left behind by a live-then-gone run. */
  private readonly onExit = () => this.removeIfOurs();

  private constructor(private readonly file: string) {
    process.on('exit', this.onExit);
  }

  static acquire(out: string): RunLock {
    const file = outputLayout(out).runLock;
    mkdirSync(dirname(file), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return new RunLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
        if (Number.isInteger(holder) && holder !== process.pid && processAlive(holder)) throw new CommandError(m.runLocked(out, holder), 1);
        rmSync(file, { force: true }); // stale: its process is gone
      }
    }
    throw new CommandError(m.runLocked(out, -1), 1);
  }

  release(): void {
    process.removeListener('exit', this.onExit);
    rmSync(this.file, { force: true });
  }

  private removeIfOurs(): void {
    try {
      if (Number.parseInt(readFileSync(this.file, 'utf8'), 10) === process.pid) rmSync(this.file, { force: true });
    } catch {
      // already gone
    }
  }
}

