import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Terminal widths whose `hmo --help` is rendered when the project is built
 * (scripts/build/writeHelp.ts): 100 (output to a pipe or file), 110 (any
 * terminal at least that wide) and 80 (the classic terminal).
 */
export const PRERENDERED_WIDTHS = [80, 100, 110] as const;

/** Never used when this environment variable is "0" (the help is then rendered by yargs, as for any other width). */
export const HELP_CACHE_VARIABLE = 'HMO_HELP_CACHE';

/** The width `hmo` wraps its help at: the terminal's, at most 110; 100 when not writing to a terminal. */
export function helpWidth(columns: number | undefined): number {
  return Math.min(110, columns ?? 100);
}

/** Where the build writes the help rendered at `width` (next to this module, in dist/). */
export function prerenderedHelpFile(width: number): string {
  return fileURLToPath(new URL(`./hmo-help-${width}.txt`, import.meta.url));
}

/**
 * `hmo --help` (or `hmo -h`) as the build rendered it with yargs, for the
 * width the help would be wrapped at; undefined for any other command line,
 * another width, or when the file is missing (then yargs renders it). Loading
 * yargs and every command's definition is most of `hmo --help`'s time: the
 * page is the same text each time for a given build, so it is rendered once.
 *
 * @example
 *   const text = prerenderedHelp(process.argv.slice(2), process.stdout.columns, process.env);
 *   if (text !== undefined) process.stdout.write(text);
 */
export function prerenderedHelp(args: readonly string[], columns: number | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (env[HELP_CACHE_VARIABLE] === '0') return undefined;
  if (args.length !== 1 || (args[0] !== '--help' && args[0] !== '-h')) return undefined;
  const file = prerenderedHelpFile(helpWidth(columns));
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8');
}
