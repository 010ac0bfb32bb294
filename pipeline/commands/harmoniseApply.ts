import type { Argv, CommandModule } from 'yargs';
import { harmoniseMessages as m } from '../messages/harmonise.js';

interface ApplyArgs {
  raw: string;
  mapping: string;
  gazetteer: string;
  out: string;
  'key-file'?: string;
  decisions?: string[];
  threads?: number;
  'memory-limit'?: string;
}

/** `hmo harmonise apply`: raw exports + a reviewed mapping + the gazetteer → a standard drop, review sheets and a report. */
export const applySubcommand: CommandModule = {
  command: 'apply',
  describe: 'Apply a reviewed mapping: write DIR2/drop/<GSS>/, the review sheets, the rejected rows and harmonise_report.{json,html}; validate the drop',
  builder: (y: Argv) =>
    y
      .option('raw', { type: 'string', demandOption: true, describe: "Folder of the borough's raw exports" })
      .option('mapping', { type: 'string', demandOption: true, describe: 'The reviewed mapping (YAML) from hmo harmonise suggest' })
      .option('gazetteer', { type: 'string', demandOption: true, describe: "The borough's gazetteer: a properties.csv of the standard (uprn, address, postcode, ...)" })
      .option('out', { type: 'string', demandOption: true, describe: 'Output folder (DIR2): drop/<GSS>/, matches/<GSS>/, rejected/<GSS>/, harmonise_report.*' })
      .option('key-file', { type: 'string', describe: "The borough's secret pseudonym key (hmo harmonise keygen); needed when people's identifiers are mapped" })
      .option('threads', { type: 'number', describe: 'DuckDB threads for matching (default: the cores, at most 4); 1 when several boroughs run at once' })
      .option('memory-limit', { type: 'string', describe: "DuckDB's memory for matching and validation (default 1GB); past it, DuckDB spills to disk under OUT" })
      .option('decisions', { type: 'string', array: true, describe: 'Filled-in review sheets (files, or the matches/<GSS> folder) to apply' })
      .example('$0 harmonise apply --raw exports/hackney --mapping hackney.yaml --gazetteer llpg/properties.csv --key-file hackney.key --out harmonised', 'write the drop')
      .example('$0 harmonise apply ... --decisions harmonised/matches/E09000012', 'again, with the reviewed matches'),
  handler: async (raw) => {
    const args = raw as unknown as ApplyArgs;
    const { applyMapping } = await import('../harmonise/apply/applyMapping.js');
    const { readMapping } = await import('../harmonise/mapping/mappingYaml.js');
    const { consoleContext } = await import('../progress/consoleContext.js');
    const ctx = consoleContext({ progress: false });
    const report = await applyMapping(
        {
          raw: args.raw,
          mapping: readMapping(args.mapping),
          mappingFile: args.mapping,
          gazetteer: args.gazetteer,
          out: args.out,
          ...(args['key-file'] !== undefined ? { keyFile: args['key-file'] } : {}),
          ...(args.decisions ? { decisions: args.decisions } : {}),
          ...(args.threads !== undefined ? { threads: args.threads } : {}),
          ...(args['memory-limit'] !== undefined ? { memoryLimit: args['memory-limit'] } : {}),
        },
        ctx,
    );
    const files = Object.values(report.files);
    const sum = (f: (x: (typeof files)[number]) => number) => files.reduce((t, x) => t + f(x), 0);
    const valid = report.validation === null ? null : report.validation.status === 'ok';
    process.stdout.write(`${m.applied(args.out, report.borough_code, sum((x) => x.rows_written), sum((x) => x.rows_review), sum((x) => x.rows_rejected), valid)}\n`);
    if (valid === false) process.exitCode = 1;
  },
};
