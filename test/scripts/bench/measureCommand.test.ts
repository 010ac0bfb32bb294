import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { descendantPids, ProcessSampler, readProcMemory } from '../../../scripts/bench/ProcessSampler.js';
import { measureCommand } from '../../../scripts/bench/measureCommand.js';

const MIB = 1024 * 1024;

// A tiny child: a light stage, then a stage holding ~150 MiB, then exit.
const CHILD = `
const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
say({ event: 'stage_start', stage: 'light' });
await sleep(400);
say({ event: 'stage_end', stage: 'light', seconds: 0.4, cached: false });
console.log('plain progress text');
say({ event: 'stage_start', stage: 'heavy' });
// Events are timed when the harness reads them: leave the pipe time to deliver before allocating.
await sleep(200);
const held = Buffer.alloc(150 * 1024 * 1024, 1);
await sleep(500);
say({ event: 'stage_end', stage: 'heavy', seconds: 0.5, cached: false });
console.error('a warning on stderr ' + held[7]);
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bench-measure-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readProcMemory and descendantPids', () => {
  test('read this process, and see a child and grandchild', async () => {
    const own = readProcMemory(process.pid);
    expect(own?.rssBytes).toBeGreaterThan(10 * MIB);
    expect(own?.hwmBytes).toBeGreaterThanOrEqual(own?.rssBytes ?? Infinity);
    expect(readProcMemory(2 ** 22 + 12345)).toBeUndefined();
    const child = spawn('sh', ['-c', 'sleep 2 & wait'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 300));
    const pids = descendantPids(child.pid as number);
    expect(pids.length).toBeGreaterThanOrEqual(1);
    expect(descendantPids(process.pid)).toContain(child.pid);
    child.kill();
    await new Promise((r) => child.once('close', r));
  });
});

describe('ProcessSampler', () => {
  test('sees the memory of a child that allocates, and stops sampling when it is gone', async () => {
    const child = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(120 * 1024 * 1024, 1); setTimeout(() => console.log(b[3]), 600);'], { stdio: 'ignore' });
    const sampler = new ProcessSampler(child.pid as number, 50);
    sampler.start();
    await new Promise((r) => child.once('close', r));
    sampler.stop();
    expect(sampler.samples.length).toBeGreaterThan(3);
    expect(sampler.peakBytes).toBeGreaterThan(120 * MIB);
    expect(sampler.sample()).toBe(false);
    const last = sampler.samples[sampler.samples.length - 1];
    expect(sampler.peakBetween(0, last?.atMs ?? 0)).toBeGreaterThan(100 * MIB);
  });
});

describe('measureCommand', () => {
  test('times a child, finds its peak, and attributes peaks to its stages', async () => {
    const script = join(dir, 'child.mjs');
    await import('node:fs').then((fs) => fs.writeFileSync(script, CHILD));
    const events: string[] = [];
    const lines: string[] = [];
    const log = join(dir, 'child.log');
    const m = await measureCommand([process.execPath, script], { intervalMs: 50, logFile: log, onEvent: (e) => events.push(`${e.kind}:${e.stage}`), onLine: (l) => lines.push(l) });
    expect(m.exitCode).toBe(0);
    expect(m.wallSeconds).toBeGreaterThan(1);
    expect(m.peakRssBytes).toBeGreaterThan(150 * MIB);
    expect(events).toEqual(['stage_start:light', 'stage_end:light', 'stage_start:heavy', 'stage_end:heavy']);
    expect(lines).toEqual(['plain progress text']);
    expect(m.stderrTail).toEqual(['a warning on stderr 1']);
    expect(m.stages.map((s) => s.stage)).toEqual(['light', 'heavy']);
    const [light, heavy] = m.stages;
    expect(light?.seconds).toBe(0.4);
    expect(heavy?.peakRssBytes).toBeGreaterThan(150 * MIB);
    expect(light?.peakRssBytes).toBeLessThan(150 * MIB);
    expect(readFileSync(log, 'utf8')).toContain('plain progress text');
  });

  test('reports a failing child with its exit code and stderr, and no stages', async () => {
    const m = await measureCommand([process.execPath, '-e', 'console.error("bad input: line 3"); process.exit(3)']);
    expect(m.exitCode).toBe(3);
    expect(m.stderrTail).toEqual(['bad input: line 3']);
    expect(m.stages).toEqual([]);
    expect(m.peakRssBytes).toBeGreaterThan(0);
  });

  test('rejects a program that cannot start', async () => {
    await expect(measureCommand([join(dir, 'no-such-program')])).rejects.toThrow();
  });
});
