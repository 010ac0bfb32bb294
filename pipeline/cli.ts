#!/usr/bin/env node
// The `hmo` executable: see pipeline/main.ts for the pipeline's phases.
import { prerenderedHelp } from './help/prerenderedHelp.js';
import { cliMessages } from './messages/cli.js';

// The reader of our output went away (`hmo runs list | head -1`): stop quietly, as a command in a pipe does.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw error;
  });
}
// Ctrl-C (or a kill): say what happened and what to do, and exit; exit handlers (the run lock) clean up.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n${cliMessages.interrupted(signal)}\n`);
    process.exit(code);
  });
}

// `hmo --help` as the build rendered it (pipeline/help/): without loading yargs and every command's definition.
const help = prerenderedHelp(process.argv.slice(2), process.stdout.columns, process.env);
if (help !== undefined) {
  process.stdout.write(help);
  process.exitCode = 0;
} else {
  const { hideBin } = await import('yargs/helpers');
  const { main } = await import('./main.js');
  process.exitCode = await main(hideBin(process.argv));
}
