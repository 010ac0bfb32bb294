import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { CommandError } from '../errors/CommandError.js';
import { requireFolders } from './requireFolders.js';
import { outputLayout } from '../layout.js';
import { cliMessages } from '../messages/cli.js';

interface TrainArgs {
  out: string;
  'model-dir'?: string;
  params?: string;
}

/** `hmo train`: fit, validate and calibrate the models on OUT/features, write the model folder. */
export const trainCommand: CommandModule = {
  command: 'train',
  describe: 'Train, validate and calibrate the models (logistic regression, MLP); write the model folder',
  builder: (yargs) =>
    yargs
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder holding features/ (from "hmo features")' })
      .middleware(requireFolders('out'))
      .option('model-dir', { type: 'string', describe: 'Where to write the model folder (default: OUT/model)' })
      .option('params', { type: 'string', describe: 'Params file (JSON or YAML); its "seed" and "train" sections are read' })
      .example('$0 train --out out/sample', 'Train on out/sample/features, write out/sample/model')
      .example('$0 train --out out/sample --params params.yaml --model-dir /tmp/model-b', 'Try other settings without replacing the model')
      .epilogue('Exit codes: 0 model written; 1 no usable training data (nothing written); 2 usage error.'),
  handler: async (argv) => {
    const args = argv as unknown as TrainArgs;
    // yargs reports a missing required option to main's fail handler but may still call the handler.
    if (typeof args.out !== 'string' || args.out === '') throw new CommandError(cliMessages.usageError('hmo train needs --out OUT'), 2);
    const [{ loadParams }, { trainModel }, { consoleContext }] = await Promise.all([
      import('../params/loadParams.js'),
      import('../train/trainModel.js'),
      import('../progress/consoleContext.js'),
    ]);
    const params = loadParams(args.params);
    const modelDir = resolve(args['model-dir'] ?? outputLayout(args.out).modelDir);
    await trainModel({ out: args.out, modelDir, params }, consoleContext({ info: 'stdout' }));
  },
};

