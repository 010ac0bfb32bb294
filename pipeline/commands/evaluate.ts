import { existsSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { outputLayout } from '../layout.js';
import { evaluateMessages as m } from '../messages/evaluate.js';
import { CommandError } from '../errors/CommandError.js';
import { requireFolders } from './requireFolders.js';

interface EvaluateArgs {
  out: string;
  model?: string;
  truth?: string;
  baseline?: string;
  params?: string;
}


export const evaluateCommand: CommandModule = {
  command: 'evaluate',
  describe: 'Measure a model against honest baselines per borough and slice; write metrics.json, an HTML report and a model card',
  builder: (yargs) =>
    yargs
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder of the run (ingested data, features; evaluation is written to OUT/evaluation)' })
      .middleware(requireFolders('out'))
      .option('model', { type: 'string', describe: 'Model artifact folder to evaluate (default OUT/model)' })
      .option('truth', { type: 'string', describe: 'Simulation truth.csv of a synthetic drop: adds the simulated field trial (never used for training)' })
      .option('baseline', { type: 'string', describe: 'Model in use: compare the candidate (--model) with it, metric by metric, and apply the promotion rule' })
      .option('params', { type: 'string', describe: 'Params file (JSON or YAML); reads seed, evaluate, rank and promotion' })
      .example('$0 evaluate --out out/sample', 'Evaluate OUT/model on the ingested drop')
      .example('$0 evaluate --out out/sample --truth data/sample/truth.csv', 'Add the simulated field trial on a synthetic drop')
      .example('$0 evaluate --out out/sample --model out/runs/r2/model --baseline out/model', 'Compare a candidate with the model in use')
      .strict(),
  handler: async (argv) => {
    const args = argv as unknown as EvaluateArgs;
    const modelDir = args.model ?? outputLayout(args.out).modelDir;
    for (const [option, path] of [
      ['out', args.out],
      ['model', modelDir],
      ['truth', args.truth],
      ['baseline', args.baseline],
    ] as const) {
      if (path !== undefined && !existsSync(path)) throw new CommandError(m.noSuchPath(option, path), 2);
    }
    const [{ readBoroughStatuses }, { consoleSummary }, { evaluateModel }, { loadParams }, { consoleContext }] = await Promise.all([
      import('../db/openDropDb.js'),
      import('../evaluate/consoleSummary.js'),
      import('../evaluate/evaluateModel.js'),
      import('../params/loadParams.js'),
      import('../progress/consoleContext.js'),
    ]);
    if (readBoroughStatuses(args.out).length === 0) throw new CommandError(m.noIngestedData(args.out), 1);
    const params = loadParams(args.params);
    const result = await evaluateModel(
      {
        out: args.out,
        modelDir,
        params,
        ...(args.truth === undefined ? {} : { truth: args.truth }),
        ...(args.baseline === undefined ? {} : { baselineModelDir: args.baseline }),
      },
      consoleContext(),
    );
    process.stdout.write(`${consoleSummary(result.metrics).join('\n')}\n`);
  },
};
