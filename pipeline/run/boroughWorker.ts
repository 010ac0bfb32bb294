// Worker thread of BoroughWorkerPool: loads the stage table once, then runs one
// stage call at a time, sending its log lines and progress to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { StageContext } from '../stage.js';
import type { BoroughStageFunction, BoroughStageLoader } from './boroughStages.js';
import type { PoolReply, PoolRequest } from './BoroughWorkerPool.js';
import { toWorkerError } from './workerError.js';

const { module } = workerData as { module: string };
const table = import(module).then((loaded: { boroughStages?: Record<string, BoroughStageLoader> }) => loaded.boroughStages ?? {});
// An import that fails is reported with the first call, not as an unhandled rejection.
table.catch(() => undefined);
const loaded = new Map<string, Promise<BoroughStageFunction>>();

const send = (reply: PoolReply) => parentPort?.postMessage(reply);

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
    const fn = await (loaded.get(stage) as Promise<BoroughStageFunction>);
    value = await fn(inputs as never, ctx);
  } catch (error) {
    send({ type: 'error', job, error: toWorkerError(error) });
    return;
  }
  try {
    send({ type: 'result', job, value });
  } catch (error) {
    // A result that cannot be cloned (a function, a class instance with private state) is the stage's bug.
    send({ type: 'error', job, error: toWorkerError(error) });
  }
}
