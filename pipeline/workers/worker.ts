// Worker thread of WorkerPool: loads the job table once, then runs one job at
// a time, sending its log lines and progress to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { StageContext } from '../stage.js';
import { Transferring, type WorkerJobFunction, type WorkerJobs } from './WorkerJobs.js';
import type { PoolReply, PoolRequest, PoolWorkerData } from './WorkerPool.js';
import { toWorkerError } from './workerError.js';

const { module, shared } = workerData as PoolWorkerData;
const table = import(module).then((loaded: { workerJobs?: WorkerJobs }) => loaded.workerJobs ?? {});
// An import that fails is reported with the first call, not as an unhandled rejection.
table.catch(() => undefined);
const loaded = new Map<string, Promise<WorkerJobFunction>>();

const send = (reply: PoolReply, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(reply, transfer);

parentPort?.on('message', (request: PoolRequest) => {
  void run(request);
});

async function run({ job, stage, inputs }: PoolRequest): Promise<void> {
  const ctx: StageContext = {
    log: {
      info: (message) => send({ type: 'log', job, level: 'info', message }),
      warn: (message) => send({ type: 'log', job, level: 'warn', message }),
      error: (message) => send({ type: 'log', job, level: 'error', message }),
    },
    progress: {
      start: (task, total, unit) => send({ type: 'progress', job, op: 'start', task, total, ...(unit === undefined ? {} : { unit }) }),
      update: (done) => send({ type: 'progress', job, op: 'update', done }),
      finish: () => send({ type: 'progress', job, op: 'finish' }),
    },
  };
  let value: unknown;
  try {
    const load = (await table)[stage];
    if (load === undefined) throw new Error(`no stage "${stage}" in ${module}`);
    if (!loaded.has(stage)) loaded.set(stage, load());
    const fn = await (loaded.get(stage) as Promise<WorkerJobFunction>);
    value = await fn(inputs as never, ctx, shared as never);
  } catch (error) {
    send({ type: 'error', job, error: toWorkerError(error) });
    return;
  }
  try {
    if (value instanceof Transferring) send({ type: 'result', job, value: value.value }, value.buffers);
    else send({ type: 'result', job, value });
  } catch (error) {
    // A result that cannot be cloned (a function, a class instance with private state) is the job's bug.
    send({ type: 'error', job, error: toWorkerError(error) });
  }
}
