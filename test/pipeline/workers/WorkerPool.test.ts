import { CommandError } from '../../../pipeline/errors/CommandError.js';
import { FeaturesError } from '../../../pipeline/errors/FeaturesError.js';
import { DropError } from '../../../pipeline/errors/DropError.js';
import { WorkerPool as BoroughWorkerPool } from '../../../pipeline/workers/WorkerPool.js';
import type { StageContext } from '../../../pipeline/stage.js';

const toyModule = new URL('./toyBoroughStages.js', import.meta.url).href;

/** A context that records every call, in order. */
function recordingContext() {
  const calls: string[] = [];
  const ctx: StageContext = {
    log: { info: (m) => calls.push(`info ${m}`), warn: (m) => calls.push(`warn ${m}`) },
    progress: {
      start: (task, total, unit) => calls.push(`start ${task} ${total} ${unit ?? '-'}`),
      update: (done) => calls.push(`update ${done}`),
      finish: () => calls.push('finish'),
    },
  };
  return { calls, ctx };
}

const quiet = recordingContext().ctx;

let pool: BoroughWorkerPool;
afterEach(async () => {
  await pool.close();
});

describe('BoroughWorkerPool', () => {
  test("a stage's log lines and progress reach the caller's context, in order, and its result comes back", async () => {
    pool = BoroughWorkerPool.create(1, toyModule);
    const { calls, ctx } = recordingContext();
    const result = await pool.run('echo', { borough: 'E09000007', rows: 3 }, ctx);
    expect(result).toEqual({ borough: 'E09000007', rows: 3, when: new Date(0) });
    expect(calls).toEqual(['info reading E09000007', 'start rows E09000007 3 rows', 'update 1', 'update 2', 'update 3', 'finish', 'warn odd E09000007']);
  });

  test('runs at most `size` calls at once, on at most `size` threads reused across calls', async () => {
    pool = BoroughWorkerPool.create(2, toyModule);
    const counters = new Int32Array(new SharedArrayBuffer(8));
    const boroughs = ['E09000001', 'E09000002', 'E09000003', 'E09000004', 'E09000005'];
    const results = await Promise.all(boroughs.map((borough) => pool.run('wait', { borough, ms: 60, counters }, quiet)));
    expect(results).toEqual(boroughs);
    expect(Atomics.load(counters, 1)).toBe(2);
    expect(pool.threads).toBe(2);
  });

  test.each([
    ['command', CommandError, 'bad params for E09000007'],
    ['drop', DropError, 'bad folder E09000007'],
    ['features', FeaturesError, 'not ingested E09000007'],
    ['type', Error, 'not a number: E09000007'],
  ])('a %s error comes back in its class, with its message and the worker stack', async (kind, type, message) => {
    pool = BoroughWorkerPool.create(1, toyModule);
    const error = (await pool.run('fail', { borough: 'E09000007', kind }, quiet).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
    expect(error.stack).toContain('toyBoroughStages');
    if (kind === 'command') expect((error as CommandError).exitCode).toBe(2);
    if (kind === 'type') expect(error.name).toBe('TypeError');
  });

  test('a thrown non-error, an unknown stage and an unclonable result are errors naming what happened', async () => {
    pool = BoroughWorkerPool.create(1, toyModule);
    await expect(pool.run('fail', { borough: 'E09000007', kind: 'string' }, quiet)).rejects.toThrow('a string for E09000007');
    await expect(pool.run('nope', { borough: 'E09000007' }, quiet)).rejects.toThrow('no stage "nope"');
    await expect(pool.run('unclonable', {}, quiet)).rejects.toThrow(/could not be cloned/);
    // the thread is still usable
    await expect(pool.run('echo', { borough: 'E09000001', rows: 1 }, quiet)).resolves.toEqual(expect.objectContaining({ borough: 'E09000001' }));
  });

  test('a thread that dies fails its call only; the other calls still finish, on a new thread', async () => {
    pool = BoroughWorkerPool.create(2, toyModule);
    const counters = new Int32Array(new SharedArrayBuffer(8));
    const settled = await Promise.allSettled([
      pool.run('wait', { borough: 'E09000001', ms: 50, counters }, quiet),
      pool.run('crash', { borough: 'E09000002' }, quiet),
      pool.run('wait', { borough: 'E09000003', ms: 10, counters }, quiet),
      pool.run('wait', { borough: 'E09000004', ms: 10, counters }, quiet),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const reason = (settled[1] as PromiseRejectedResult).reason as Error;
    expect(reason.message).toContain('crash E09000002');
    expect(reason.message).toContain('exit code 3');
    expect(pool.threads).toBeLessThanOrEqual(2);
  });

  test('close() ends every thread and fails the calls still queued or running; later calls are refused', async () => {
    pool = BoroughWorkerPool.create(1, toyModule);
    const counters = new Int32Array(new SharedArrayBuffer(8));
    const running = pool.run('wait', { borough: 'E09000001', ms: 5000, counters }, quiet);
    const queued = pool.run('wait', { borough: 'E09000002', ms: 10, counters }, quiet);
    const outcomes = Promise.allSettled([running, queued]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pool.threads).toBe(1);
    await pool.close();
    const [first, second] = await outcomes;
    expect(first?.status).toBe('rejected');
    expect(second?.status).toBe('rejected');
    expect(((second as PromiseRejectedResult).reason as Error).message).toContain('wait E09000002 was not finished');
    expect(pool.threads).toBe(0);
    await expect(pool.run('echo', { borough: 'E09000003', rows: 1 }, quiet)).rejects.toThrow('was not finished');
  });
});
