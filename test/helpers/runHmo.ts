import { main } from '../../pipeline/main.js';

/** What one in-process `hmo` invocation printed, and its exit code. */
export interface HmoRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `hmo` command line in-process with `args`, capturing stdout and
 * stderr (nothing reaches the test output), and leaves `process.exitCode` as
 * it found it.
 *
 * @example
 *   const { code, stderr } = await runHmo(['ingest', '--drop', drop, '--out', out]);
 */
export async function runHmo(args: string[]): Promise<HmoRun> {
  const [out, err, exitCode] = [process.stdout.write, process.stderr.write, process.exitCode];
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = exitCode;
  }
}
