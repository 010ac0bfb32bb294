import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FeatureFrame } from '../features/FeatureFrame.js';
import type { Params } from '../params.js';
import { runTrainTask, type TrainTask, type TrainTaskResult } from './runTrainTask.js';

/**
 * Runs training tasks on worker threads (tfjs-wasm is single-threaded, so
 * each thread uses one core), or in the calling thread when `threads` is 0.
 * Each result depends only on its task, never on which thread ran it, so
 * results are the same whatever the scheduling.
 *
 * @example
 *   const pool = TrainerPool.create(frame, params.train, 2);
 *   const results = await pool.runAll(tasks, (done) => ctx.progress.update(done));
 *   await pool.close();
 */
export class TrainerPool {
  private constructor(
    private readonly frame: FeatureFrame,
    private readonly train: Params['train'],
    private readonly workers: Worker[],
  ) {}

  /** The compiled worker script; absent when running from the TypeScript sources. */
  static workerScript(): string {
    return fileURLToPath(new URL('./trainWorker.js', import.meta.url));
  }

  static create(frame: FeatureFrame, train: Params['train'], threads: number): TrainerPool {
    const workers: Worker[] = [];
    if (threads > 0) {
      const script = TrainerPool.workerScript();
      if (!existsSync(script)) throw new Error(`worker script ${script} not found`);
      // Only what training reads crosses to the workers (not addresses or UPRNs).
      const shared: FeatureFrame = {
        length: frame.length,
        boroughCode: [],
        uprn: [],
        asOf: [],
        numeric: frame.numeric,
        categorical: frame.categorical,
        ...(frame.label === undefined ? {} : { label: frame.label }),
      };
      for (let i = 0; i < threads; i++) {
        const worker = new Worker(script);
        worker.postMessage({ type: 'frame', frame: shared, train });
        workers.push(worker);
      }
    }
    return new TrainerPool(frame, train, workers);
  }

  get threads(): number {
    return this.workers.length;
  }

  /** Runs every task; `onDone(count)` after each finishes. Results are keyed by task id. */
  async runAll(tasks: readonly TrainTask[], onDone?: (done: number, task: TrainTask) => void): Promise<Map<string, TrainTaskResult>> {
    const results = new Map<string, TrainTaskResult>();
    let next = 0;
    const take = (): TrainTask | undefined => tasks[next++];
    const finish = (task: TrainTask, result: TrainTaskResult) => {
      results.set(task.id, result);
      onDone?.(results.size, task);
    };
    if (this.workers.length === 0) {
      for (let task = take(); task !== undefined; task = take()) finish(task, await runTrainTask(this.frame, task, this.train));
      return results;
    }
    await Promise.all(
      this.workers.map(async (worker) => {
        for (let task = take(); task !== undefined; task = take()) finish(task, await this.runOnWorker(worker, task));
      }),
    );
    return results;
  }

  private runOnWorker(worker: Worker, task: TrainTask): Promise<TrainTaskResult> {
    return new Promise((resolve, reject) => {
      const onMessage = (message: { type: string; result?: TrainTaskResult; id?: string; message?: string }) => {
        cleanup();
        if (message.type === 'result' && message.result !== undefined) resolve(message.result);
        else reject(new Error(`Training task ${task.id} failed in a worker thread: ${message.message ?? 'no detail'}`));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(new Error(`Training task ${task.id} failed in a worker thread: ${error.message}`));
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`The worker thread running training task ${task.id} exited with code ${code}`));
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ type: 'task', task });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
