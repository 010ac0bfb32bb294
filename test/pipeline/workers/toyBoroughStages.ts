// Toy stages for WorkerPool's tests, loaded by the pool's worker threads
// (the same shape as pipeline/run/graph/boroughStages.ts).
import { CommandError } from '../../../pipeline/errors/CommandError.js';
import { FeaturesError } from '../../../pipeline/errors/FeaturesError.js';
import { DropError } from '../../../pipeline/errors/DropError.js';
import type { StageContext } from '../../../pipeline/stage.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Logs, reports progress, and returns what it was given. */
async function echo(inputs: { borough: string; rows: number }, ctx: StageContext): Promise<unknown> {
  ctx.log.info(`reading ${inputs.borough}`);
  ctx.progress.start(`rows ${inputs.borough}`, inputs.rows, 'rows');
  for (let done = 1; done <= inputs.rows; done++) ctx.progress.update(done);
  ctx.progress.finish();
  ctx.log.warn(`odd ${inputs.borough}`);
  return { borough: inputs.borough, rows: inputs.rows, when: new Date(0) };
}

/** Counts the calls in progress in `counters` ([now, most]) while it waits `ms`. */
async function wait(inputs: { borough: string; ms: number; counters: Int32Array }): Promise<unknown> {
  const now = Atomics.add(inputs.counters, 0, 1) + 1;
  for (let most = Atomics.load(inputs.counters, 1); now > most; most = Atomics.load(inputs.counters, 1)) {
    if (Atomics.compareExchange(inputs.counters, 1, most, now) === most) break;
  }
  await sleep(inputs.ms);
  Atomics.sub(inputs.counters, 0, 1);
  return inputs.borough;
}

/** Throws the error `kind` names. */
async function fail(inputs: { borough: string; kind: string }): Promise<unknown> {
  switch (inputs.kind) {
    case 'command':
      throw new CommandError(`bad params for ${inputs.borough}`, 2);
    case 'drop':
      throw new DropError(`bad folder ${inputs.borough}`);
    case 'features':
      throw new FeaturesError(`not ingested ${inputs.borough}`);
    case 'type':
      throw new TypeError(`not a number: ${inputs.borough}`);
    default:
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      throw `a string for ${inputs.borough}`;
  }
}

/** Ends its thread, as a crash (or running out of memory) would. */
async function crash(): Promise<unknown> {
  process.exit(3);
}

/** A result that cannot cross threads. */
async function unclonable(): Promise<unknown> {
  return { f: () => 1 };
}

export const workerJobs = {
  echo: async () => echo,
  wait: async () => wait,
  fail: async () => fail,
  crash: async () => crash,
  unclonable: async () => unclonable,
};
