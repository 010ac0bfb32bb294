import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { generateMessages } from '../../messages/generate.js';
import { loadSchema } from '../../standard/schema.js';
import { silentContext, type StageContext } from '../../stage.js';
import { RAW_STYLES, rawStyle, type RawStyle } from './RawStyle.js';
import { RAW_TRUTH_COLUMNS, writeRawBorough, type RawBoroughJob, type RawBoroughSummary } from './writeRawBorough.js';
import { runWorkerQueue } from '../runWorkerQueue.js';

export interface RawExportOptions {
  /** The generator's output folder, holding drop/. */
  readonly out: string;
  readonly boroughs: readonly string[];
  readonly seed: number;
  /** A style of RAW_STYLES, or `mixed` (the styles in turn, borough by borough in code order). */
  readonly style: string;
  /** Worker threads, one borough each at a time (default: up to 2); 1 writes in this thread. */
  readonly workers?: number;
}

/**
 * `hmo generate --raw`: beside the drop, the same boroughs as their councils'
 * systems would export them, and the truth of which raw row is which UPRN:
 *   OUT/raw/<GSS>/*.csv              one raw export per table (not properties)
 *   OUT/gazetteer/<GSS>/properties.csv  the borough's gazetteer (the drop's properties.csv)
 *   OUT/raw_truth.csv                borough_code,file,line,uprn (uprn blank: no property)
 * Written into a staging folder and renamed into place; same drop and seed, same bytes.
 *
 * @example
 *   await writeRawExports({ out: 'gen', boroughs: ['E09000012'], seed: 7, style: 'default' });
 * Boroughs are written on worker threads, one borough each at a time.
 */
export async function writeRawExports(options: RawExportOptions, ctx: StageContext = silentContext): Promise<RawBoroughSummary[]> {
  const schema = loadSchema();
  const codes = [...options.boroughs].sort();
  const styleOf = (i: number): RawStyle => (options.style === 'mixed' ? (RAW_STYLES[i % RAW_STYLES.length] as RawStyle) : (rawStyle(options.style) as RawStyle));
  if (options.style !== 'mixed' && !rawStyle(options.style)) throw new Error(generateMessages.unknownRawStyle(options.style));
  const staging = join(options.out, `.raw-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'truth'), { recursive: true });
  const jobs: RawBoroughJob[] = codes.map((code, i) => ({
    code,
    name: schema.borough(code)?.name ?? code,
    seed: options.seed,
    dropDir: join(options.out, 'drop', code),
    rawDir: join(staging, 'raw', code),
    gazetteerDir: join(staging, 'gazetteer', code),
    truthPart: join(staging, 'truth', `${code}.csv`),
    style: styleOf(i),
  }));
  const workers = Math.max(1, Math.min(options.workers ?? Math.min(2, availableParallelism()), jobs.length));
  const onDone = (summary: RawBoroughSummary) => ctx.log.info(generateMessages.rawBoroughDone(summary.code, summary.style, summary.rows, summary.addressOnly));
  try {
    const summaries = workers === 1 ? jobs.map((job) => { const s = writeRawBorough(job); onDone(s); return s; }) : await runRawWorkers(jobs, workers, onDone);
    summaries.sort((a, b) => a.code.localeCompare(b.code));
    const truthFile = join(staging, 'raw_truth.csv');
    writeFileSync(truthFile, `${RAW_TRUTH_COLUMNS.join(',')}\n`);
    for (const code of codes) appendFileSync(truthFile, readFileSync(join(staging, 'truth', `${code}.csv`)));
    for (const name of ['raw', 'gazetteer', 'raw_truth.csv']) {
      rmSync(join(options.out, name), { recursive: true, force: true });
      renameSync(join(staging, name), join(options.out, name));
    }
    return summaries;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** A bounded pool: `size` worker threads, one borough each at a time (memory: size × the largest borough). */
function runRawWorkers(jobs: readonly RawBoroughJob[], size: number, onDone: (s: RawBoroughSummary) => void): Promise<RawBoroughSummary[]> {
  return runWorkerQueue(
    new URL('./rawWorker.js', import.meta.url),
    jobs,
    size,
    ({ style, ...rest }) => ({ ...rest, styleName: style.name }),
    onDone,
  );
}
