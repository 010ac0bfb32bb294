import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { generateMessages } from '../messages/generate.js';
import { loadSchema } from '../standard/schema.js';
import { silentContext, type StageContext } from '../stage.js';
import { BoroughSelectionError, SAMPLE_BOROUGHS, selectBoroughs } from './boroughSelection.js';
import { generateBorough, TRUTH_COLUMNS, type BoroughFaults, type BoroughJob, type BoroughSummary } from './generateBorough.js';
import { LONDON_GEOGRAPHY } from './londonGeography.js';
import { runWorkerQueue } from './runWorkerQueue.js';
import { DEFAULT_SEED } from './defaultSeed.js';
import { RAW_STYLE_NAMES } from './raw/RawStyle.js';
import { writeRawExports } from './raw/writeRawExports.js';
import { DEFAULT_WORLD, worldByName } from './worlds/registry.js';
import type { World } from './worlds/World.js';
import { worldOmissions } from './worlds/worldSupply.js';

export interface GenerateOptions {
  /** Folder that receives drop/, truth.csv and faults.json (those three are replaced; nothing else is touched). */
  readonly out: string;
  /** GSS codes (default: the three sample boroughs). */
  readonly boroughs?: readonly string[];
  /** 1 ≈ 3,000 properties per average borough; 36 ≈ London's real housing stock. */
  readonly scale?: number;
  readonly seed?: number;
  /** The world (a registered name, or a World object); default `DEFAULT_WORLD`. The committed sample is `legacy`. */
  readonly world?: string | World;
  /** Worker threads (default: up to 2, never more than the cores or the boroughs); 1 generates in this thread. */
  readonly workers?: number;
  /** Boroughs that supply no housing_benefit.csv (default: the world's `supply`, see `worldOmissions`). */
  readonly withoutHousingBenefit?: readonly string[];
  /** Boroughs that supply no complaints.csv (default: the world's `supply`, see `worldOmissions`). */
  readonly withoutComplaints?: readonly string[];
  /** Also write the boroughs as councils' systems export them (raw/, gazetteer/, raw_truth.csv): a style name or `mixed`. */
  readonly rawStyle?: string;
}

export interface GenerateSummary {
  readonly out: string;
  readonly drop: string;
  readonly truth: string;
  readonly faultsFile: string;
  readonly seed: number;
  readonly scale: number;
  readonly world: string;
  readonly boroughs: readonly BoroughSummary[];
  /** CSV records written across the drop (manifest `rows`, summed). */
  readonly rows: number;
  /** Faulty rows injected (the sum of faults.json). */
  readonly faultyRows: number;
}

export { DEFAULT_SEED };

/**
 * Writes a synthetic London drop that follows hmo-harmonised/1.0, with the
 * simulation's truth and the exact counts of the data-quality faults it
 * injected:
 *   OUT/drop/<GSS>/{manifest.json, properties.csv, …}
 *   OUT/truth.csv    uprn,borough_code,is_hmo,is_licensed (outside the drop)
 *   OUT/faults.json  { "<GSS>": { "<table>": { "<reason>": count } } }
 * Boroughs are generated in worker threads, each streaming its rows to disk,
 * into a temporary folder that is renamed into place at the end. The same
 * options give byte-identical files.
 *
 * @example
 *   const summary = await generateDrop({ out: 'data/sample', boroughs: ['E09000007', 'E09000012', 'E09000025'], scale: 1, seed: 20260930, world: 'legacy' });
 *   summary.boroughs[0].hmos;
 */
export async function generateDrop(options: GenerateOptions, context: StageContext = silentContext): Promise<GenerateSummary> {
  const schema = loadSchema();
  const codes = selectBoroughs(options.boroughs ?? [...SAMPLE_BOROUGHS]);
  const scale = options.scale ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 200)) throw new BoroughSelectionError(generateMessages.badScale(scale));
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) throw new BoroughSelectionError(generateMessages.badSeed(seed));
  const world = typeof options.world === 'object' ? options.world : worldByName(options.world ?? DEFAULT_WORLD);
  const defaults = worldOmissions(world, codes, seed);
  const withoutBenefit = checkedOmissions('--without-housing-benefit', options.withoutHousingBenefit ?? defaults.withoutHousingBenefit, codes);
  const withoutComplaints = checkedOmissions('--without-complaints', options.withoutComplaints ?? defaults.withoutComplaints, codes);
  if (existsSync(options.out) && !statSync(options.out).isDirectory()) throw new BoroughSelectionError(generateMessages.outIsFile(options.out));
  const workers = Math.max(1, Math.min(options.workers ?? Math.min(2, availableParallelism()), codes.length));
  if (options.rawStyle !== undefined && !RAW_STYLE_NAMES.includes(options.rawStyle as (typeof RAW_STYLE_NAMES)[number])) throw new BoroughSelectionError(generateMessages.unknownRawStyle(options.rawStyle));

  const staging = join(options.out, `.generate-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'drop'), { recursive: true });
  mkdirSync(join(staging, 'truth'), { recursive: true });
  const jobs: BoroughJob[] = codes
    .map((code) => ({
      code,
      name: schema.borough(code)?.name ?? code,
      seed,
      scale,
      world,
      hasHousingBenefit: !withoutBenefit.includes(code),
      hasComplaints: !withoutComplaints.includes(code),
      boroughDir: join(staging, 'drop', code),
      truthPart: join(staging, 'truth', `${code}.csv`),
    }))
    // Largest first, for a balanced pool; the order does not change any file.
    .sort((a, b) => (LONDON_GEOGRAPHY[b.code]?.dwellingsK ?? 0) - (LONDON_GEOGRAPHY[a.code]?.dwellingsK ?? 0) || a.code.localeCompare(b.code));

  context.log.info(generateMessages.starting(codes.length, scale, seed, workers, world.name));
  context.progress.start('Generating boroughs', codes.length, 'boroughs');
  let done = 0;
  const onDone = (summary: BoroughSummary) => {
    done += 1;
    context.progress.update(done);
    const rows = Object.values(summary.rows).reduce((s, n) => s + (n ?? 0), 0);
    context.log.info(generateMessages.boroughDone(summary.code, summary.name, summary.properties, summary.hmos, rows));
  };
  let summaries: BoroughSummary[];
  try {
    summaries = workers === 1 ? jobs.map((job) => { const s = generateBorough(job); onDone(s); return s; }) : await runInWorkers(jobs, workers, onDone);
    summaries.sort((a, b) => a.code.localeCompare(b.code));

    const truthFile = join(staging, 'truth.csv');
    writeFileSync(truthFile, `${TRUTH_COLUMNS.join(',')}\n`);
    for (const summary of summaries) appendFileSync(truthFile, readFileSync(join(staging, 'truth', `${summary.code}.csv`)));
    const faults: Record<string, BoroughFaults> = {};
    for (const summary of summaries) faults[summary.code] = summary.faults;
    writeFileSync(join(staging, 'faults.json'), `${JSON.stringify(faults, null, 2)}\n`);

    for (const name of ['drop', 'truth.csv', 'faults.json']) {
      rmSync(join(options.out, name), { recursive: true, force: true });
      renameSync(join(staging, name), join(options.out, name));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
    context.progress.finish();
  }
  const rows = summaries.reduce((sum, s) => sum + Object.values(s.rows).reduce((t, n) => t + (n ?? 0), 0), 0);
  const faultyRows = summaries.reduce(
    (sum, s) => sum + Object.values(s.faults).reduce((t, reasons) => t + Object.values(reasons ?? {}).reduce((u, n) => u + (n ?? 0), 0), 0),
    0,
  );
  context.log.info(generateMessages.finished(options.out, summaries.length, rows, faultyRows));
  if (options.rawStyle !== undefined) await writeRawExports({ out: options.out, boroughs: codes, seed, style: options.rawStyle, workers }, context);
  return {
    out: options.out,
    drop: join(options.out, 'drop'),
    truth: join(options.out, 'truth.csv'),
    faultsFile: join(options.out, 'faults.json'),
    seed,
    scale,
    world: world.name,
    boroughs: summaries,
    rows,
    faultyRows,
  };
}

function checkedOmissions(option: string, omitted: readonly string[], codes: readonly string[]): string[] {
  for (const code of omitted) if (!codes.includes(code)) throw new BoroughSelectionError(generateMessages.omittedNotSelected(option, code));
  return [...omitted];
}

/** Hands the jobs to `size` worker threads, one borough at a time each; resolves with every summary, or rejects on the first failure. */
function runInWorkers(jobs: readonly BoroughJob[], size: number, onDone: (summary: BoroughSummary) => void): Promise<BoroughSummary[]> {
  return runWorkerQueue(new URL('./generateWorker.js', import.meta.url), jobs, size, (job) => job, onDone);
}
