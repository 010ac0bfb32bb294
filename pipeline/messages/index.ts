/**
 * Every user-facing message of the pipeline, in one place, so that tests can
 * assert on them and wording stays consistent. One file per area; this index
 * gathers them.
 */
export { cliMessages } from './cli.js';
export { paramsMessages } from './params.js';
export { evaluateMessages } from './evaluate.js';
export { generateMessages } from './generate.js';
export { ingestMessages } from './ingest.js';
export { featuresMessages } from './features.js';
export { trainMessages } from './train.js';
export { outcomesMessages, rankMessages } from './rank.js';
export { listMessages } from './list.js';
export { listsMessages, runMessages } from './run.js';
export { benchMessages } from './bench.js';
export { harmoniseMessages, mappingMessages, rejectionMessages } from './harmonise.js';
export { harmoniseAddressMessages } from './harmoniseAddress.js';
