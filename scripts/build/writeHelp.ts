/**
 * Run by scripts/build/afterBuild.mjs after every build: renders `hmo --help`
 * with yargs at each of `PRERENDERED_WIDTHS` into dist/pipeline/help/, where
 * the `hmo` executable reads it instead of loading yargs and every command's
 * definition (pipeline/help/prerenderedHelp.ts). The text is exactly what
 * yargs prints (test/pipeline/commands/prerenderedHelp.test.ts compares them).
 *
 * @example
 *   node dist/scripts/build/writeHelp.js
 */
import { cliParser } from '../../pipeline/main.js';
import { PRERENDERED_WIDTHS, prerenderedHelpFile } from '../../pipeline/help/prerenderedHelp.js';
import { writeFileAtomic } from '../../pipeline/util/atomicWrite.js';

/** Renders and writes the help at every prerendered width; returns the files written. */
export async function writeHelp(): Promise<string[]> {
  const written: string[] = [];
  for (const width of PRERENDERED_WIDTHS) {
    // yargs prints the help with console.log: the text and a newline.
    const text = `${await cliParser([], width).getHelp()}\n`;
    const file = prerenderedHelpFile(width);
    writeFileAtomic(file, text);
    written.push(file);
  }
  return written;
}

await writeHelp();
