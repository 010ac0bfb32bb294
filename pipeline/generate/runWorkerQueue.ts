import { Worker } from 'node:worker_threads';
import { generateMessages } from '../messages/generate.js';

/** What a generator worker thread posts back for one job. */
export type WorkerQueueReply<S> = { ok: true; summary: S } | { ok: false; code: string; error: string };

/**
 * Hands `jobs` to `size` worker threads of `moduleUrl`, one job per thread at a
 * time (memory: size × the largest job); resolves with every summary in the
 * order they finished, or rejects on the first failure and stops the threads.
 * `message` turns a job into what is posted (for jobs that hold functions).
 *
 * @example
 *   const summaries = await runWorkerQueue(new URL('./generateWorker.js', import.meta.url), jobs, 2, (job) => job, (s) => log(s));
 */
export function runWorkerQueue<J, S>(moduleUrl: URL, jobs: readonly J[], size: number, message: (job: J) => unknown, onDone: (summary: S) => void): Promise<S[]> {
  return new Promise((resolve, reject) => {
    const queue = [...jobs];
    const results: S[] = [];
    const pool: Worker[] = [];
    let failed = false;
    const stopAll = () => {
      for (const worker of pool) void worker.terminate();
    };
    const feed = (worker: Worker) => {
      const job = queue.shift();
      if (job !== undefined) worker.postMessage(message(job));
      else if (results.length === jobs.length) {
        stopAll();
        resolve(results);
      }
    };
    for (let i = 0; i < size; i++) {
      const worker = new Worker(moduleUrl);
      pool.push(worker);
      worker.on('message', (reply: WorkerQueueReply<S>) => {
        if (failed) return;
        if (!reply.ok) {
          failed = true;
          stopAll();
          reject(new Error(generateMessages.workerFailed(reply.code, reply.error)));
          return;
        }
        results.push(reply.summary);
        onDone(reply.summary);
        feed(worker);
      });
      worker.on('error', (error) => {
        if (failed) return;
        failed = true;
        stopAll();
        reject(error);
      });
      feed(worker);
    }
  });
}
