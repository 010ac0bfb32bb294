import { HarmoniseError } from '../harmonise/HarmoniseError.js';
import { CommandError } from './CommandError.js';

/** Runs a harmonise action, turning its errors into the command line's (exit 1 data, 2 usage). */
export async function asCommand<T>(action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof HarmoniseError) throw new CommandError(error.message, error.exitCode);
    throw error;
  }
}

