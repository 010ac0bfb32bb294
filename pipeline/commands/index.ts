import type { CommandModule } from 'yargs';
import { generateCommand } from './generate.js';
import { ingestCommand } from './ingest.js';
import { validateCommand } from './validate.js';
import { featuresCommand } from './features.js';
import { trainCommand } from './train.js';
import { evaluateCommand } from './evaluate.js';
import { rankCommand } from './rank.js';
import { outcomesCommand } from './outcomes.js';
import { runCommand } from './run.js';
import { runsCommand } from './runs.js';
import { modelsCommand } from './models.js';
import { harmoniseCommand } from './harmonise.js';

/**
 * Every command of `hmo`, in the order `hmo --help` lists them (the order of the pipeline).
 *
 * A command module is its definition (command, describe, builder: light, loaded
 * for every invocation, `--help` included) and a handler that imports the stage
 * it calls when it runs (`await import(...)`), so that `hmo --help` or
 * `hmo runs list` never load TensorFlow.js, vega or DuckDB
 * (test/pipeline/commands/lazyLoading.test.ts checks this).
 */
export const commands: CommandModule[] = [
  runCommand,
  generateCommand,
  harmoniseCommand,
  validateCommand,
  ingestCommand,
  featuresCommand,
  trainCommand,
  evaluateCommand,
  rankCommand,
  outcomesCommand,
  runsCommand,
  modelsCommand,
];
