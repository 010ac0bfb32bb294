import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputLayout } from '../../../pipeline/layout.js';
import { cliMessages } from '../../../pipeline/messages/cli.js';
import { packageRoot } from '../../../pipeline/util/packageRoot.js';
import { writeTinyDrop, type TinyDrop } from '../run/tinyDrop.js';

const CLI = join(packageRoot(), 'dist', 'pipeline', 'cli.js');

let dir: string;
let tiny: TinyDrop;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hmo-signals-'));
  tiny = writeTinyDrop(dir, 2, 120);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `hmo run --json` in a child process; after its first event line,
 * `act` either closes our end of its stdout (a reader that went away) or
 * sends it a signal. Resolves with its exit code, signal and stderr.
 */
function runAnd(out: string, act: (child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'run', '--drop', tiny.drop, '--out', out, '--json', '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let acted = false;
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', () => {
      if (acted) return;
      acted = true;
      act(child);
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('hmo in a pipe and under Ctrl-C', () => {
  test('a reader that goes away (hmo run --json | head -1) ends the run quietly: no EPIPE stack trace, no lock left', async () => {
    const out = join(dir, 'epipe');
    const result = await runAnd(out, (child) => child.stdout?.destroy());
    expect(result.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    expect(existsSync(outputLayout(out).runLock)).toBe(false);
  });

  test('Ctrl-C says what happened and what to do, exits 130 and removes the run lock', async () => {
    const out = join(dir, 'sigint');
    const result = await runAnd(out, (child) => {
      // Mid-run: the lock is held by then.
      setTimeout(() => child.kill('SIGINT'), 300);
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toContain(cliMessages.interrupted('SIGINT'));
    expect(existsSync(outputLayout(out).runLock)).toBe(false);
    expect(existsSync(join(out, 'runs'))).toBe(true);
  });
});
