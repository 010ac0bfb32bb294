import { CommandError } from '../commands/CommandError.js';
import { FeaturesError } from '../features/FeaturesError.js';
import { DropError } from '../ingest/DropError.js';

/** An error as it crosses from a worker thread to the main thread (structured-clone safe). */
export interface WorkerError {
  name: string;
  message: string;
  stack: string | undefined;
  /** A `CommandError`'s exit code. */
  exitCode?: 1 | 2;
}

/**
 * An error thrown in a worker thread, as a plain object: structured cloning
 * keeps neither an error's class nor its own fields (a `CommandError`'s exit
 * code), so they travel by name.
 *
 * @example
 *   parentPort.postMessage({ type: 'error', error: toWorkerError(error) });
 */
export function toWorkerError(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), stack: undefined };
  const plain: WorkerError = { name: error.name, message: error.message, stack: error.stack };
  if (error instanceof CommandError) plain.exitCode = error.exitCode;
  return plain;
}

/**
 * The error a worker thread threw, back in its class (`CommandError` with its
 * exit code, `DropError`, `FeaturesError`; any other as an `Error` of the same
 * name), with the worker's stack, so that `hmo run` treats it as if the stage
 * had run in the main thread.
 *
 * @example
 *   const error = fromWorkerError({ name: 'CommandError', message: 'no model', stack: undefined, exitCode: 1 });
 *   error instanceof CommandError; // true
 */
export function fromWorkerError(plain: WorkerError): Error {
  let error: Error;
  switch (plain.name) {
    case 'CommandError':
      error = new CommandError(plain.message, plain.exitCode ?? 1);
      break;
    case 'DropError':
      error = new DropError(plain.message);
      break;
    case 'FeaturesError':
      error = new FeaturesError(plain.message);
      break;
    default:
      error = new Error(plain.message);
      error.name = plain.name;
      break;
  }
  if (plain.stack !== undefined) error.stack = plain.stack;
  return error;
}
