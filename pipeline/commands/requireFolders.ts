import { existsSync, statSync } from 'node:fs';
import { cliMessages } from '../messages/cli.js';
import { CommandError } from '../errors/CommandError.js';

/**
 * A yargs middleware for a command's builder: each named option, when given,
 * must name a folder or nothing yet (it is created), never an existing file;
 * otherwise a usage error (exit 2) in one line, before anything is written.
 *
 * @example
 *   yargs.option('out', { type: 'string' }).middleware(requireFolders('out'))
 */
export function requireFolders(...options: string[]): (argv: Record<string, unknown>) => void {
  return folders(options, true);
}

/** The same for folders a command reads (--drop-db): a file there is a usage error too. */
export function requireInputFolders(...options: string[]): (argv: Record<string, unknown>) => void {
  return folders(options, false);
}

function folders(options: readonly string[], created: boolean): (argv: Record<string, unknown>) => void {
  return (argv) => {
    for (const option of options) {
      const value = argv[option];
      if (typeof value !== 'string' || value === '') continue;
      if (existsSync(value) && !statSync(value).isDirectory()) throw new CommandError(cliMessages.notAFolder(option, value, created), 2);
    }
  };
}
