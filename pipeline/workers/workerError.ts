import { ERROR_CLASSES } from '../errors/errorClasses.js';
import { HmoError, type ExitCode } from '../errors/HmoError.js';

/** An error as it crosses from a worker thread to the main thread (structured-clone safe). */
export interface WorkerError {
  name: string;
  message: string;
  stack: string | undefined;
  /** An `HmoError`'s exit code. */
  exitCode?: ExitCode;
}

/**
 * An error thrown in a worker thread, as a plain object: structured cloning
 * keeps neither an error's class nor its own fields (an `HmoError`'s exit
 * code), so they travel by name.
 *
 * @example
 *   parentPort.postMessage({ type: 'error', error: toWorkerError(error) });
 */
export function toWorkerError(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), stack: undefined };
  const plain: WorkerError = { name: error.name, message: error.message, stack: error.stack };
  if (error instanceof HmoError) plain.exitCode = error.exitCode;
  return plain;
}

/**
 * The error a worker thread threw, back in its class (any `HmoError` of
 * `pipeline/errors/errorClasses.ts`, with its exit code; any other as an
 * `Error` of the same name), with the worker's stack, so that the caller
 * treats it as if the work had run in its own thread.
 *
 * @example
 *   const error = fromWorkerError({ name: 'CommandError', message: 'no model', stack: undefined, exitCode: 1 });
 *   error instanceof CommandError; // true
 */
export function fromWorkerError(plain: WorkerError): Error {
  const Class = ERROR_CLASSES[plain.name];
  let error: Error;
  if (Class !== undefined) {
    error = new Class(plain.message, plain.exitCode);
  } else {
    error = new Error(plain.message);
    error.name = plain.name;
  }
  if (plain.stack !== undefined) error.stack = plain.stack;
  return error;
}
