/**
 * Every user-facing message of the pipeline, in one place, so that tests can
 * assert on them and wording stays consistent. One file per area; this index
 * gathers them.
 */
export { cliMessages } from './cli.js';
export { paramsMessages } from './params.js';
export { benchMessages } from './bench.js';
