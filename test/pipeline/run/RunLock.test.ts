import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CommandError } from '../../../pipeline/errors/CommandError.js';
import { outputLayout } from '../../../pipeline/layout.js';
import { runMessages as m } from '../../../pipeline/messages/run.js';
import { RunLock } from '../../../pipeline/run/registry/RunLock.js';

let out: string;
beforeEach(() => (out = mkdtempSync(join(tmpdir(), 'hmo-lock-'))));
afterEach(() => rmSync(out, { recursive: true, force: true }));

function writeLock(pid: number): void {
  const file = outputLayout(out).runLock;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, String(pid));
}

describe('the run lock of an OUT folder', () => {
  test('a lock held by a live process refuses a second run, naming the process', () => {
    writeLock(process.ppid); // the parent of this test process is alive
    expect(() => RunLock.acquire(out)).toThrow(new CommandError(m.runLocked(out, process.ppid), 1));
  });

  test('a lock left by a dead process is taken over, and released', () => {
    writeLock(2 ** 22 + 12345); // above Linux's pid_max: no such process
    const lock = RunLock.acquire(out);
    expect(() => RunLock.acquire(out)).not.toThrow(); // same process: it holds it already
    lock.release();
    expect(() => RunLock.acquire(out).release()).not.toThrow();
  });
});
