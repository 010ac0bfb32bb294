import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runMessages as m } from '../messages/run.js';
import { logError, type StageContext } from '../stage.js';
import { fromWorkerError, type WorkerError } from './workerError.js';

/** Main thread -> worker: run one job. */
export interface PoolRequest {
  job: number;
  stage: string;
  inputs: unknown;
}

/** What a worker thread is started with: the module of its job table and the data every job of the pool shares. */
export interface PoolWorkerData {
  module: string;
  shared: unknown;
}

/** Worker -> main thread: what the stage logged or reported, then its result or error. */
export type PoolReply =
  | { type: 'log'; job: number; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'progress'; job: number; op: 'start'; task: string; total: number; unit?: string }
  | { type: 'progress'; job: number; op: 'update'; done: number }
  | { type: 'progress'; job: number; op: 'finish' }
  | { type: 'result'; job: number; value: unknown }
  | { type: 'error'; job: number; error: WorkerError };

interface Job extends PoolRequest {
  ctx: StageContext;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * The one worker pool: runs named jobs of a job table (a module exporting
 * `workerJobs`, see `WorkerJobs.ts`: plain inputs, plain results) on up to
 * `size` worker threads. `hmo run` runs the per-borough stages on it
 * (`ingestBorough`, `buildBoroughFeatures`, `rankBorough`), so that several
 * boroughs use several cores (DuckDB's single-threaded parts, papaparse and
 * tfjs-wasm each use one); evaluation scores boroughs on it, and training
 * runs its fits on it (with the frame as `shared` data, cloned once per
 * thread). A job's `ctx` calls (log lines, progress) come back to the main
 * thread as messages and reach the caller's `ctx`; an error comes back in its
 * class (see `workerError.ts`). Workers are started when first needed, reused
 * for later calls, and kept from holding the process open while idle;
 * `close()` ends them all.
 *
 * @example
 *   const pool = WorkerPool.create(2, boroughStagesModule);
 *   try {
 *     await Promise.all(boroughs.map((borough) => pool.run('ingestBorough', { drop, borough, out }, ctx)));
 *   } finally {
 *     await pool.close();
 *   }
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private started = 0;
  private nextJob = 0;
  private closed = false;

  private constructor(
    readonly size: number,
    private readonly module: string,
    private readonly script: string,
    private readonly shared: unknown,
  ) {}

  /** The compiled worker script; absent when running from the TypeScript sources. */
  static workerScript(): string {
    return fileURLToPath(new URL('./worker.js', import.meta.url));
  }

  /** Whether the pool can run here (the compiled worker script exists). */
  static available(): boolean {
    return existsSync(WorkerPool.workerScript());
  }

  /**
   * A pool of at most `size` threads running the jobs of `module` (a file URL
   * of a module exporting `workerJobs`, a table of job functions by name);
   * every thread receives `shared` once (structured-cloned) and hands it to
   * each job as its third argument.
   */
  static create(size: number, module: string, shared?: unknown): WorkerPool {
    const script = WorkerPool.workerScript();
    if (!existsSync(script)) throw new Error(m.workerScriptMissing(script));
    return new WorkerPool(Math.max(1, Math.floor(size)), module, script, shared);
  }

  /** Threads started so far (and not ended). */
  get threads(): number {
    return this.idle.length + this.busy.size;
  }

  /** Runs the job `stage(inputs, ctx, shared)` on a free thread (queued in order until one is free); resolves with its result. */
  run(stage: string, inputs: unknown, ctx: StageContext): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error(m.workerPoolClosed(describe(stage, inputs))));
    return new Promise((resolve, reject) => {
      this.queue.push({ job: this.nextJob++, stage, inputs, ctx, resolve, reject });
      this.pump();
    });
  }

  /** Ends every thread; calls still queued or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error(m.workerPoolClosed(describe(job.stage, job.inputs))));
    const workers = [...this.idle, ...this.busy.keys()];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const worker = this.idle.pop() ?? (this.started < this.size ? this.spawn() : undefined);
      if (worker === undefined) return;
      const job = this.queue.shift() as Job;
      this.busy.set(worker, job);
      worker.ref();
      worker.postMessage({ job: job.job, stage: job.stage, inputs: job.inputs } satisfies PoolRequest);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.script, { workerData: { module: this.module, shared: this.shared } satisfies PoolWorkerData });
    this.started += 1;
    worker.on('message', (reply: PoolReply) => this.onReply(worker, reply));
    worker.on('error', (error: Error) => this.onEnd(worker, error));
    worker.on('exit', (code: number) => this.onEnd(worker, undefined, code));
    return worker;
  }

  private onReply(worker: Worker, reply: PoolReply): void {
    const job = this.busy.get(worker);
    if (job === undefined || job.job !== reply.job) return;
    switch (reply.type) {
      case 'log':
        if (reply.level === 'error') logError(job.ctx.log, reply.message);
        else if (reply.level === 'warn') job.ctx.log.warn(reply.message);
        else job.ctx.log.info(reply.message);
        return;
      case 'progress':
        if (reply.op === 'start') job.ctx.progress.start(reply.task, reply.total, reply.unit);
        else if (reply.op === 'update') job.ctx.progress.update(reply.done);
        else job.ctx.progress.finish();
        return;
      case 'result':
      case 'error':
        this.busy.delete(worker);
        // An idle thread must not keep the process alive (a caller that forgot close() still exits).
        worker.unref();
        this.idle.push(worker);
        if (reply.type === 'result') job.resolve(reply.value);
        else job.reject(fromWorkerError(reply.error));
        this.pump();
        return;
    }
  }

  /** A thread ended (crashed, ran out of memory, or was terminated): its call fails, a new thread takes the queue. */
  private onEnd(worker: Worker, error: Error | undefined, code?: number): void {
    const job = this.busy.get(worker);
    const wasIdle = this.idle.indexOf(worker);
    if (job === undefined && wasIdle === -1) return;
    this.busy.delete(worker);
    if (wasIdle !== -1) this.idle.splice(wasIdle, 1);
    this.started -= 1;
    if (job !== undefined) {
      const what = describe(job.stage, job.inputs);
      job.reject(
        this.closed
          ? new Error(m.workerPoolClosed(what))
          : new Error(error === undefined ? m.workerExited(what, code ?? 0) : m.workerFailed(what, error.message)),
      );
    }
    if (error !== undefined) void worker.terminate();
    this.pump();
  }
}

/** "rankBorough E09000007" (or "fit final/mlp", by the inputs' id), for messages. */
function describe(stage: string, inputs: unknown): string {
  const named = typeof inputs === 'object' && inputs !== null ? (inputs as { borough?: unknown; id?: unknown }) : {};
  const name = named.borough ?? named.id;
  return typeof name === 'string' ? `${stage} ${name}` : stage;
}
